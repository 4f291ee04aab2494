package dev.imprint.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.forge.ForgeConfig;
import dev.imprint.review.ReviewComment;
import dev.imprint.testing.Forges;
import dev.imprint.testing.GitHubSimulator;
import dev.imprint.testing.GiteaSimulator;
import dev.imprint.testing.GitRepo;
import dev.imprint.testing.GitServer;
import dev.imprint.testing.RunningService;

/**
 * Previews through the running service, driven with the real git CLI: a branch pushed to the built-in Git host,
 * and a pull request on a forge announced by a signed GitHub webhook, each previewed beside the site and removed
 * when it is gone.
 */
class PreviewServiceTest {
    static final String SECRET = "s3cret-for-previews";

    @TempDir
    Path tmp;
    @RegisterExtension
    final RunningService running = new RunningService();
    @RegisterExtension
    final Forges forges = new Forges();

    private int status(String path) throws Exception {
        return running.get(path).statusCode();
    }

    @Test
    void aBranchPushedToTheBuiltInGitHostIsPreviewedUntilItIsDeleted() throws Exception {
        ServiceConfig config = ServiceConfig.embeddedDefault();
        // deleting a branch on the built-in host is off by default, like force pushes
        config.repos.get(0).gitHost = new ServiceConfig.GitHostSettings();
        config.repos.get(0).gitHost.allowForcePush = true;
        running.start(config, tmp.resolve("data"), Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/site/notes/") == 200);
        Path clone = tmp.resolve("clone");
        GitRepo.run(tmp, Map.of(), "clone", "-q", running.base() + "/git/notes.git", clone.toString());
        GitRepo notes = GitRepo.open(clone);
        notes.git("checkout", "-q", "-b", "topic");
        notes.write("content/fragments/proposed.md", "---\ntitle: A proposal\ndate: 2030-05-05\n---\nMaybe.\n");
        notes.commitAll("a proposal");
        notes.git("push", "-q", "origin", "topic");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> status("/site/notes/preview/topic/fragments/proposed/") == 200);
        HttpResponse<String> page = running.get("/site/notes/preview/topic/fragments/proposed/");
        assertThat(page.body()).contains("Maybe.").contains("Preview of branch topic").contains("noindex");
        HttpResponse<String> review = running.get("/site/notes/preview/topic/_review/");
        assertThat(review.statusCode()).isEqualTo(200);
        assertThat(review.body()).contains("Review of branch topic").contains("fragments/proposed/");
        assertThat(status("/site/notes/fragments/proposed/")).as("the site itself shows main").isEqualTo(404);
        assertThat(running.get("/").body()).contains("Previews").contains("branch topic");
        assertThat(running.get("/api/repos").body()).contains("\"folder\":\"preview/topic/\"");

        notes.git("push", "-q", "origin", "--delete", "topic");
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/site/notes/preview/topic/_review/") == 404);
        assertThat(status("/site/notes/")).isEqualTo(200);
    }

    @Test
    void aPullRequestAnnouncedByAWebhookIsPreviewedAndRemovedWhenClosed() throws Exception {
        GitServer forge = running.forge(tmp.resolve("forge"));
        String url = forge.create("notes");
        GitRepo author = authorOn(url);
        // what a forge does for a pull request: the head is kept under refs/pull/N/head of the base repository
        author.git("checkout", "-q", "-b", "proposal");
        String head = propose(author, url, "One, improved.", 7);

        GitHubSimulator github = forges.github("ada/notes", "gh-token-for-tests");
        for (int n = 1; n <= 7; n++) { // six older pull requests, then #7: the proposal
            github.openPullRequest(n == 7 ? "proposal" : "older-" + n, "main", "Pull request " + n, "");
        }
        ServiceConfig config = watching(url, github);
        config.repos.get(0).previews.url = "https://ada.example/notes/";
        running.start(config, tmp.resolve("data"), Map.of("NOTES_SECRET", SECRET, "GH_TOKEN", "gh-token-for-tests"));
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/site/notes/a/first/") == 200);

        HttpResponse<String> opened = pullRequest("opened", head, false);
        assertThat(opened.statusCode()).isEqualTo(202);
        assertThat(opened.body()).contains("pull request #7 opened: preview queued");
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/site/notes/preview/pr-7/a/first/") == 200);
        assertThat(running.get("/site/notes/preview/pr-7/a/first/").body()).contains("One, improved.")
                .contains("Preview of #7");
        assertThat(running.get("/site/notes/preview/pr-7/_review/").body()).contains("a/first/")
                .contains("<ins>One, improved.</ins>");
        assertThat(running.get("/site/notes/a/first/").body()).contains("One.").doesNotContain("improved");

        // the forge hears of it: a pending then a successful status on the head, and one review comment
        await().atMost(Duration.ofSeconds(30)).until(() -> github.comments(7).size() == 1
                && github.statuses(head).stream().anyMatch(st -> st.state().equals("success")));
        assertThat(github.statuses(head)).extracting(GitHubSimulator.Status::state).contains("pending", "success");
        assertThat(github.statuses(head)).allSatisfy(st -> assertThat(st.targetUrl())
                .isEqualTo("https://ada.example/notes/preview/pr-7/_review/"));
        String comment = github.comments(7).get(0).body();
        assertThat(comment).startsWith(ReviewComment.MARKER).contains("Text changed (1)")
                .contains("https://ada.example/notes/preview/pr-7/a/first/")
                .contains("https://forge.example/ada/notes/blob/" + head + "/content/a/first.md");

        // a new push to the pull request: the same comment, edited
        author.write("content/a/first.md", "---\ntitle: First\ndate: 2024-01-01\n---\nOne, improved twice.\n");
        author.commitAll("again");
        String second = author.head();
        author.git("push", "-q", "-f", url, "HEAD:refs/pull/7/head");
        pullRequest("synchronize", second, false);
        await().atMost(Duration.ofSeconds(60)).until(() -> github.comments(7).get(0).body().contains(second.substring(0, 7)));
        assertThat(github.comments(7)).hasSize(1);
        assertThat(running.get("/site/notes/preview/pr-7/a/first/").body()).contains("improved twice");

        HttpResponse<String> closed = pullRequest("closed", second, true);
        assertThat(closed.body()).contains("pull request #7 merged: preview removed");
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/site/notes/preview/pr-7/_review/") == 404);
        assertThat(status("/site/notes/a/first/")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> github.comments(7).get(0).body().contains("was merged"));
        assertThat(github.comments(7)).hasSize(1);
        assertThat(github.offSpec()).as("every call as GitHub documents it").isEmpty();
    }

    @Test
    void aPullRequestMergedWhileImprintWasDownLosesItsPreviewOnTheNextLook() throws Exception {
        GitServer forge = forges.http(tmp.resolve("forge"));
        String url = forge.create("notes");
        GitRepo author = authorOn(url);
        String head = propose(author, url, "One, improved.", 7);
        GitHubSimulator github = githubWith(7);
        ServiceConfig config = watching(url, github);
        Map<String, String> env = Map.of("NOTES_SECRET", SECRET, "GH_TOKEN", "gh-token-for-tests");
        running.start(config, tmp.resolve("data"), env);
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/site/notes/a/first/") == 200);
        pullRequest("opened", head, false);
        await().atMost(Duration.ofSeconds(60)).until(() -> github.comments(7).size() == 1);

        running.close(); // Imprint is down; meanwhile the pull request is merged, and no webhook reaches it
        github.mergePullRequest(7);
        running.start(config, tmp.resolve("data"), env);

        await().atMost(Duration.ofSeconds(60)).until(() -> github.comments(7).get(0).body().contains("was merged"));
        assertThat(status("/site/notes/preview/pr-7/_review/")).isEqualTo(404);
        assertThat(status("/site/notes/a/first/")).isEqualTo(200);
        assertThat(github.comments(7)).hasSize(1);
    }

    @Test
    void aPullRequestBringingInABrokenLinkFailsItsStatusWhenAskedTo() throws Exception {
        GitServer forge = forges.http(tmp.resolve("forge"));
        String url = forge.create("notes");
        GitRepo author = authorOn(url);
        String head = propose(author, url, "One, see [two](two.md).", 7);
        GitHubSimulator github = githubWith(7);
        ServiceConfig config = watching(url, github);
        config.repos.get(0).previews.failOnBrokenLinks = true;
        running.start(config, tmp.resolve("data"), Map.of("NOTES_SECRET", SECRET, "GH_TOKEN", "gh-token-for-tests"));
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/site/notes/a/first/") == 200);

        pullRequest("opened", head, false);

        await().atMost(Duration.ofSeconds(60)).until(() -> github.statuses(head).stream()
                .anyMatch(st -> st.state().equals("failure")));
        assertThat(github.statuses(head)).filteredOn(st -> st.state().equals("failure")).singleElement()
                .satisfies(st -> assertThat(st.description()).contains("1 new broken link"));
        await().atMost(Duration.ofSeconds(30)).until(() -> github.comments(7).size() == 1);
        assertThat(github.comments(7).get(0).body()).contains("New broken links and warnings (1)")
                .contains("two\\.md");
    }

    @Test
    void aGiteaPullRequestIsPreviewedAndCommentedOnThroughGiteasApi() throws Exception {
        GitServer forge = forges.http(tmp.resolve("forge"));
        String url = forge.create("notes");
        GitRepo author = authorOn(url);
        String head = propose(author, url, "One, from Gitea.", 3);
        GiteaSimulator gitea = forges.gitea("ada/notes", "gitea-token");
        for (int n = 1; n <= 3; n++) {
            gitea.openPullRequest("branch-" + n, "main", "Pull request " + n, "");
        }
        ServiceConfig config = watching(url, null);
        ServiceConfig.Repo repo = config.repos.get(0);
        repo.webhook.provider = "gitea";
        repo.forge = new ForgeConfig("gitea", gitea.apiUrl(), "ada/notes", "GITEA_TOKEN", null);
        repo.previews.path = "review/previews"; // another folder than preview/
        running.start(config, tmp.resolve("data"), Map.of("NOTES_SECRET", SECRET, "GITEA_TOKEN", "gitea-token"));
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/site/notes/a/first/") == 200);

        String body = "{\"action\":\"opened\",\"number\":3,\"pull_request\":{\"number\":3,\"merged\":false,"
                + "\"title\":\"Improve\",\"html_url\":\"https://gitea.example/ada/notes/pulls/3\","
                + "\"user\":{\"login\":\"ada\"},\"head\":{\"sha\":\"" + head + "\",\"ref\":\"proposal\","
                + "\"repo\":{\"full_name\":\"ada/notes\"}},\"base\":{\"ref\":\"main\",\"repo\":{\"full_name\":\"ada/notes\"}}},"
                + "\"repository\":{\"full_name\":\"ada/notes\"}}";
        String signature = ServeTest.sign(SECRET, body).substring("sha256=".length()); // Gitea's: bare hex
        HttpResponse<String> answer = running.send(HttpRequest.newBuilder(URI.create(running.base() + "/hooks/gitea/notes"))
                .header("X-Gitea-Event", "pull_request").header("X-Gitea-Delivery", "gitea-1")
                .header("X-Gitea-Signature", signature).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(answer.body()).contains("pull request #3 opened: preview queued");

        await().atMost(Duration.ofSeconds(60)).until(() -> gitea.comments(3).size() == 1
                && gitea.statuses(head).stream().anyMatch(st -> st.state().equals("success")));
        assertThat(gitea.comments(3).get(0).body()).startsWith(ReviewComment.MARKER)
                .contains("https://gitea.example/ada/notes/src/commit/" + head + "/content/a/first.md");
        assertThat(running.get("/site/notes/review/previews/pr-3/a/first/").body()).contains("One, from Gitea.");
        assertThat(status("/site/notes/preview/pr-3/a/first/")).isEqualTo(404);
        assertThat(gitea.statuses(head)).allSatisfy(st -> assertThat(st.targetUrl()).contains("/review/previews/pr-3/_review/"));
        assertThat(gitea.offSpec()).isEmpty();
    }

    @Test
    void theCommentWaitsForTheCheckUrlToAnswer() throws Exception {
        GitServer forge = running.forge(tmp.resolve("forge"));
        String url = forge.create("notes");
        GitRepo author = authorOn(url);
        String head = propose(author, url, "One, improved.", 7);
        // where the published branch is served: not deployed yet (a Pages build still running), then up
        AtomicBoolean deployed = new AtomicBoolean();
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pages.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(deployed.get() ? 200 : 404, -1);
            exchange.close();
        });
        pages.start();
        try {
            GitHubSimulator github = forges.github("ada/notes", "gh-token-for-tests");
            for (int n = 1; n <= 7; n++) {
                github.openPullRequest("branch-" + n, "main", "Pull request " + n, "");
            }
            ServiceConfig config = watching(url, github);
            config.repos.get(0).previews.checkUrl = "http://127.0.0.1:" + pages.getAddress().getPort()
                    + "/notes/{folder}_review/";
            running.start(config, tmp.resolve("data"), Map.of("NOTES_SECRET", SECRET, "GH_TOKEN", "gh-token-for-tests"));
            await().atMost(Duration.ofSeconds(60)).until(() -> status("/site/notes/a/first/") == 200);

            pullRequest("opened", head, false);
            await().atMost(Duration.ofSeconds(60)).until(() -> status("/site/notes/preview/pr-7/a/first/") == 200);
            await().atMost(Duration.ofSeconds(10)).until(() -> asked.contains("/notes/preview/pr-7/_review/"));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> github.comments(7).isEmpty());
            deployed.set(true);
            await().atMost(Duration.ofSeconds(30)).until(() -> github.comments(7).size() == 1);
        } finally {
            pages.stop(0);
        }
    }

    @Test
    void aPullRequestFromAStrangersForkIsPreviewedFromTheFork() throws Exception {
        GitServer forge = running.forge(tmp.resolve("forge"));
        String url = forge.create("notes");
        String forkUrl = forge.create("eve-notes");
        GitRepo author = authorOn(url);
        // the stranger's branch is only in their fork, and it asks for raw HTML and brings a template
        author.git("checkout", "-q", "-b", "proposal");
        author.write("imprint.yml", "raw_html: allow\n");
        author.write("content/a/first.md", "---\ntitle: First\ndate: 2024-01-01\n---\nOne <script>alert(1)</script>.\n");
        author.write("templates/base.peb", "STRANGER {% block main %}{% endblock %}");
        author.commitAll("a stranger's proposal");
        String head = author.head();
        author.git("push", "-q", forkUrl, "proposal");

        ServiceConfig config = watching(url, null);
        running.start(config, tmp.resolve("data"), Map.of("NOTES_SECRET", SECRET));
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/site/notes/a/first/") == 200);

        assertThat(pullRequest("opened", head, false, 8, "eve/notes", forkUrl).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/site/notes/preview/pr-8/a/first/") == 200);
        String page = running.get("/site/notes/preview/pr-8/a/first/").body();
        assertThat(page).contains("Preview of #8").doesNotContain("<script>alert(1)</script>").doesNotContain("STRANGER");
    }

    /** An author whose one note is pushed to the forge repository at {@code url}'s main. */
    private GitRepo authorOn(String url) {
        GitRepo author = GitRepo.init(tmp.resolve("author"));
        author.write("content/a/first.md", "---\ntitle: First\ndate: 2024-01-01\n---\nOne.\n");
        author.commitAll("first");
        author.git("push", "-q", url, "main");
        return author;
    }

    /** The note's {@code text} proposed as pull request {@code number}: pushed where a forge keeps its head. */
    private static String propose(GitRepo author, String url, String text, int number) {
        author.write("content/a/first.md", "---\ntitle: First\ndate: 2024-01-01\n---\n" + text + "\n");
        author.commitAll("a proposal");
        author.git("push", "-q", url, "HEAD:refs/pull/" + number + "/head");
        return author.head();
    }

    /** GitHub with pull requests #1 to #{@code number} open, the last one ours. */
    private GitHubSimulator githubWith(int number) {
        GitHubSimulator github = forges.github("ada/notes", "gh-token-for-tests");
        for (int n = 1; n <= number; n++) {
            github.openPullRequest("branch-" + n, "main", "Pull request " + n, "");
        }
        return github;
    }

    /** A service watching the forge repository at {@code url} through GitHub webhooks, and its API when given. */
    private static ServiceConfig watching(String url, GitHubSimulator github) {
        ServiceConfig config = new ServiceConfig();
        ServiceConfig.Repo repo = new ServiceConfig.Repo();
        repo.name = "notes";
        repo.source.url = url;
        repo.webhook = new ServiceConfig.Webhook();
        repo.webhook.provider = "github";
        repo.webhook.secretEnv = "NOTES_SECRET";
        if (github != null) {
            repo.forge = new ForgeConfig("github", github.apiUrl(), "ada/notes", "GH_TOKEN", null);
        }
        config.repos.add(repo);
        return config;
    }

    private HttpResponse<String> pullRequest(String action, String head, boolean merged) throws Exception {
        return pullRequest(action, head, merged, 7, "ada/notes", "https://forge.example/ada/notes.git");
    }

    private HttpResponse<String> pullRequest(String action, String head, boolean merged, int number, String headRepo,
                                             String headClone) throws Exception {
        String body = "{\"action\":\"" + action + "\",\"number\":" + number + ",\"pull_request\":{\"number\":"
                + number + ",\"merged\":" + merged
                + ",\"title\":\"Improve\",\"html_url\":\"https://forge.example/ada/notes/pull/" + number + "\","
                + "\"user\":{\"login\":\"ada\"},\"head\":{\"sha\":\"" + head + "\",\"ref\":\"proposal\","
                + "\"repo\":{\"full_name\":\"" + headRepo + "\",\"clone_url\":\"" + headClone + "\"}},"
                + "\"base\":{\"ref\":\"main\",\"repo\":{\"full_name\":\"ada/notes\"}}},"
                + "\"repository\":{\"full_name\":\"ada/notes\"}}";
        return running.send(HttpRequest.newBuilder(URI.create(running.base() + "/hooks/github/notes"))
                .header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", "pr-" + action + "-" + head)
                .header("X-Hub-Signature-256", ServeTest.sign(SECRET, body))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
