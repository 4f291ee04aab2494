package dev.imprint.forge;

import static dev.imprint.forge.SharedPayloads.TEST_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imprint.forge.PullRequestEvent.Action;
import dev.imprint.forge.SharedPayloads.Case;
import dev.imprint.forge.WebhookOutcome.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pull-request deliveries: every pull-request payload of the shared corpus read to the fields its JSON holds, each
 * forge's actions mapped, ignored ones saying why, forks, the base-branch rule, and the signature still first.
 */
class PullRequestPayloadsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The forge's action words that a preview needs, as the forge's documentation names them. */
    static final Map<String, Action> GITHUB_ACTIONS = Map.of("opened", Action.OPENED, "reopened", Action.OPENED,
            "synchronize", Action.UPDATED, "closed", Action.CLOSED);
    static final Map<String, Action> GITEA_ACTIONS = Map.of("opened", Action.OPENED, "reopened", Action.OPENED,
            "synchronized", Action.UPDATED, "closed", Action.CLOSED);
    static final Map<String, Action> GITLAB_ACTIONS = Map.of("open", Action.OPENED, "reopen", Action.OPENED,
            "update", Action.UPDATED, "close", Action.CLOSED, "merge", Action.CLOSED);

    /** One pull-request payload file (whatever event headers its upstream tests send with it). */
    record Payload(Provider provider, String path) {
        @Override
        public String toString() {
            return path;
        }
    }

    static List<Payload> pullRequestFiles() {
        Set<Payload> files = new LinkedHashSet<>();
        for (Case c : SharedPayloads.cases()) {
            if (isPullRequest(c.provider(), json(c.path()))) {
                files.add(new Payload(c.provider(), c.path()));
            }
        }
        return List.copyOf(files);
    }

    /** The deliveries of the corpus that are pull-request events by their headers. */
    static List<Case> pullRequestDeliveries() {
        return SharedPayloads.cases().stream().filter(c -> c.provider() == Provider.GITLAB
                ? isPullRequest(Provider.GITLAB, json(c.path())) && c.event() != null
                : "pull_request".equals(c.event())).toList();
    }

    static boolean isPullRequest(Provider provider, JsonNode root) {
        return provider == Provider.GITLAB ? root.path("object_kind").asText().equals("merge_request")
                : root.path("pull_request").isObject();
    }

    static Stream<Arguments> files() {
        return SharedPayloads.argumentsOrSkip(PullRequestPayloadsTest::pullRequestFiles);
    }

    static Stream<Arguments> deliveries() {
        return SharedPayloads.argumentsOrSkip(PullRequestPayloadsTest::pullRequestDeliveries);
    }

    // ---------------------------------------------------------------- the corpus

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyPullRequestPayloadReadsToTheFieldsItsJsonHolds(Payload p) {
        SharedPayloads.requireRoot();
        JsonNode root = json(p.path());
        PullRequestEvent read = PullRequestHook.read(p.provider(), root, Action.OPENED, false);

        assertThat(read).isEqualTo(expectedFields(p.provider(), root));
        assertThat(read.number()).isPositive();
        assertThat(read.headSha()).matches("[0-9a-f]{40}");
        assertThat(read.headBranch()).isNotBlank();
        assertThat(read.baseBranch()).isNotBlank();
        assertThat(read.baseRepositoryFullName()).contains("/");
        assertThat(read.title()).isNotBlank();
        if (read.webUrl() != null) { // some of woodpecker's GitHub fixtures are trimmed of their URLs
            assertThat(read.webUrl()).startsWith("http").contains("/" + read.number());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveries")
    void actionsMapAsEachForgeNamesThemAndTheRestSayWhyTheyAreIgnored(Case c) {
        SharedPayloads.requireRoot();
        JsonNode root = json(c.path());
        String action = rawAction(c.provider(), root);
        Action expected = actions(c.provider()).get(action);
        boolean gitlabEdit = c.provider() == Provider.GITLAB && "update".equals(action)
                && root.at("/object_attributes/oldrev").asText("").isEmpty();
        WebhookOutcome out = deliver(c.provider(), SharedPayloads.read(c.path()), c.expected().watch(), c.headers());

        int number = expectedFields(c.provider(), root).number();
        if (expected == null || gitlabEdit) {
            assertThat(out.kind()).as(out.reason()).isEqualTo(Kind.IGNORED);
            assertThat(out.pullRequest()).isNull();
            assertThat(out.reason()).startsWith("pull request #" + number + ": ")
                    .contains(gitlabEdit ? "update without oldrev" : "action " + action);
            return;
        }
        boolean merged = c.provider() == Provider.GITLAB ? action.equals("merge")
                : root.at("/pull_request/merged").asBoolean(false);
        assertThat(out.kind()).as(out.reason()).isEqualTo(Kind.PULL_REQUEST);
        assertThat(out.httpStatus()).isEqualTo(202);
        assertThat(out.pullRequest()).isEqualTo(PullRequestHook.read(c.provider(), root, expected, merged));
        assertThat(out.pullRequest().merged()).isEqualTo(merged);
        assertThat(out.reason()).isEqualTo("pull request #" + number + " "
                + (merged ? "merged" : expected.name().toLowerCase()));
    }

    /** The tests above would pass on an empty corpus: make sure every forge brings every case. */
    @Test
    void theCorpusHasEveryActionForEveryForge() {
        SharedPayloads.requireRoot();
        Map<Provider, Set<String>> seen = new LinkedHashMap<>();
        for (Case c : pullRequestDeliveries()) {
            WebhookOutcome out = deliver(c.provider(), SharedPayloads.read(c.path()), c.expected().watch(),
                    c.headers());
            String what = out.kind() == Kind.PULL_REQUEST
                    ? out.pullRequest().action() + (out.pullRequest().merged() ? " merged" : "") : out.kind().name();
            seen.computeIfAbsent(c.provider(), k -> new LinkedHashSet<>()).add(what);
        }
        for (Provider provider : EnumSet.of(Provider.GITHUB, Provider.GITEA, Provider.GITLAB)) {
            assertThat(seen.get(provider)).as(provider.name())
                    .contains("OPENED", "UPDATED", "CLOSED", "CLOSED merged", "IGNORED");
        }
    }

    @Test
    void aFewValuesPerForgeAsTheyStandInThePayloads() {
        SharedPayloads.requireRoot();
        PullRequestEvent github = wanted(Provider.GITHUB,
                "github/octokit-webhooks/payload-examples/api.github.com/pull_request/opened.payload.json",
                "master", "X-GitHub-Event", "pull_request");
        assertThat(github).isEqualTo(new PullRequestEvent(2, Action.OPENED, false,
                "ec26c3e57ca3a959ca5aad62de7213c562f8c821", "changes", "Codertocat/Hello-World",
                "https://github.com/Codertocat/Hello-World.git", "master", "Codertocat/Hello-World", false,
                "refs/pull/2/head", "Update the README with new information.",
                "https://github.com/Codertocat/Hello-World/pull/2", "Codertocat"));
        PullRequestEvent githubMerged = wanted(Provider.GITHUB, "github/woodpecker/HookPullRequestMerged.json",
                "main", "X-GitHub-Event", "pull_request");
        assertThat(githubMerged.action()).isEqualTo(Action.CLOSED);
        assertThat(githubMerged.merged()).isTrue();
        assertThat(githubMerged.number()).isEqualTo(62);

        PullRequestEvent gitea = wanted(Provider.GITEA, "gitea/go-scm/pull_request_synchronized.json", "master",
                "X-Gitea-Event", "pull_request");
        assertThat(gitea).isEqualTo(new PullRequestEvent(1, Action.UPDATED, false,
                "2eba238e33607c1fa49253182e9fff42baafa1eb", "feature", "jcitizen/my-repo",
                "https://try.gitea.io/jcitizen/my-repo.git", "master", "jcitizen/my-repo", false, "refs/pull/1/head",
                "Add License File", "https://try.gitea.io/jcitizen/my-repo/pulls/1", "jcitizen"));
        PullRequestEvent giteaMerged = wanted(Provider.GITEA, "gitea/woodpecker-gitea/HookPullRequestMerged.json",
                "main", "X-Gitea-Event", "pull_request");
        assertThat(giteaMerged.merged()).isTrue();
        assertThat(giteaMerged.headRepositoryFullName()).isEqualTo("anbraten/test-repo");

        PullRequestEvent gitlab = wanted(Provider.GITLAB, "gitlab/woodpecker/HookPullRequestUpdated.json", "main",
                "X-Gitlab-Event", "Service Hook");
        assertThat(gitlab).isEqualTo(new PullRequestEvent(3, Action.UPDATED, false,
                "c136499ec574e1034b24c5d306de9acda3005367", "anbraten-main-patch-05373", "anbraten/woodpecker",
                "https://gitlab.com/anbraten/woodpecker.git", "main", "anbraten/woodpecker", false,
                "refs/merge-requests/3/head", "Update client.go \uD83C\uDF89",
                "https://gitlab.com/anbraten/woodpecker/-/merge_requests/3", "anbraten"));
        PullRequestEvent gitlabMerged = wanted(Provider.GITLAB, "gitlab/go-scm/pull_request_merge.json", "master",
                "X-Gitlab-Event", "Merge Request Hook");
        assertThat(gitlabMerged.merged()).isTrue();
        assertThat(gitlabMerged.authorLogin()).as("the merger is not necessarily the author").isNull();
        assertThat(wanted(Provider.GITLAB, "gitlab/go-scm/merge_request_subgroup.json", "master",
                "X-Gitlab-Event", "System Hook").baseRepositoryFullName()).isEqualTo("group1/group2/group3/grp2repo");
    }

    // ---------------------------------------------------------------- forks

    /**
     * No shared payload is a fork, so these are real payloads with the head repository changed to another one, as
     * the forge would send for a pull request from a fork.
     */
    @Test
    void aPullRequestFromAForkSaysSo() {
        SharedPayloads.requireRoot();
        ObjectNode github = (ObjectNode) json(
                "github/octokit-webhooks/payload-examples/api.github.com/pull_request/opened.payload.json");
        ObjectNode githubHead = (ObjectNode) github.at("/pull_request/head/repo");
        githubHead.put("full_name", "someone/Hello-World");
        githubHead.put("clone_url", "https://github.com/someone/Hello-World.git");
        PullRequestEvent fromGithub = wanted(Provider.GITHUB, bytes(github), "master", "X-GitHub-Event",
                "pull_request");
        assertThat(fromGithub.fork()).isTrue();
        assertThat(fromGithub.headRepositoryFullName()).isEqualTo("someone/Hello-World");
        assertThat(fromGithub.headCloneUrl()).isEqualTo("https://github.com/someone/Hello-World.git");
        assertThat(fromGithub.baseRepositoryFullName()).isEqualTo("Codertocat/Hello-World");
        assertThat(fromGithub.fetchRef()).isEqualTo("refs/pull/2/head");

        ObjectNode gitea = (ObjectNode) json("gitea/go-scm/pull_request_opened.json");
        ((ObjectNode) gitea.at("/pull_request/head/repo")).put("full_name", "someone/my-repo")
                .put("clone_url", "https://try.gitea.io/someone/my-repo.git");
        PullRequestEvent fromGitea = wanted(Provider.GITEA, bytes(gitea), "master", "X-Forgejo-Event",
                "pull_request");
        assertThat(fromGitea.fork()).isTrue();
        assertThat(fromGitea.headCloneUrl()).isEqualTo("https://try.gitea.io/someone/my-repo.git");
        assertThat(fromGitea.baseRepositoryFullName()).isEqualTo("jcitizen/my-repo");

        ObjectNode gitlab = (ObjectNode) json("gitlab/woodpecker/HookPullRequestOpened.json");
        ObjectNode attributes = (ObjectNode) gitlab.get("object_attributes");
        attributes.put("source_project_id", 1234);
        ((ObjectNode) attributes.get("source")).put("path_with_namespace", "someone/test_ci_tmp")
                .put("git_http_url", "https://gitlab.com/someone/test_ci_tmp.git");
        PullRequestEvent fromGitlab = wanted(Provider.GITLAB, bytes(gitlab), "main", "X-Gitlab-Event",
                "Merge Request Hook");
        assertThat(fromGitlab.fork()).isTrue();
        assertThat(fromGitlab.headRepositoryFullName()).isEqualTo("someone/test_ci_tmp");
        assertThat(fromGitlab.headCloneUrl()).isEqualTo("https://gitlab.com/someone/test_ci_tmp.git");
        assertThat(fromGitlab.baseRepositoryFullName()).isEqualTo("demoaccount2-commits-group/test_ci_tmp");
        assertThat(fromGitlab.fetchRef()).isEqualTo("refs/merge-requests/3/head");
    }

    /** woodpecker's trimmed fixture names no head repository, as GitHub does once a fork is deleted. */
    @Test
    void aHeadRepositoryThePayloadDoesNotNameCountsAsAFork() {
        SharedPayloads.requireRoot();
        PullRequestEvent pr = wanted(Provider.GITHUB, "github/woodpecker/HookPullRequest.json", "main",
                "X-GitHub-Event", "pull_request");
        assertThat(pr.headRepositoryFullName()).isNull();
        assertThat(pr.headCloneUrl()).isNull();
        assertThat(pr.baseRepositoryFullName()).as("from the delivery's repository")
                .isEqualTo("baxterthehacker/public-repo");
        assertThat(pr.fork()).isTrue();
        assertThat(pr.fetchRef()).isEqualTo("refs/pull/1/head");
    }

    // ---------------------------------------------------------------- rules that need no corpus

    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    /** A GitHub-shaped pull request (Gitea sends the same shape). */
    static String githubBody(String action, String base, String cloneUrl) {
        return "{\"action\":\"" + action + "\",\"number\":7,\"pull_request\":{\"number\":7,\"title\":\"Fix typo\","
                + "\"html_url\":\"https://forge.example/ada/notes/pull/7\",\"merged\":false,"
                + "\"user\":{\"login\":\"bob\"},"
                + "\"head\":{\"ref\":\"typo\",\"sha\":\"" + SHA + "\",\"repo\":{\"full_name\":\"ada/notes\","
                + "\"clone_url\":\"" + cloneUrl + "\"}},\"base\":{\"ref\":\"" + base + "\",\"repo\":{\"full_name\":"
                + "\"ada/notes\"}}},\"repository\":{\"full_name\":\"ada/notes\"}}";
    }

    @Test
    void onlyPullRequestsIntoTheWatchedBranchAreWanted() {
        byte[] body = githubBody("opened", "main", "https://forge.example/ada/notes.git")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("X-GitHub-Event", "pull_request");
        WebhookOutcome other = deliver(Provider.GITHUB, body, "develop", headers);
        assertThat(other.kind()).isEqualTo(Kind.IGNORED);
        assertThat(other.reason()).isEqualTo("pull request #7 into main, watching develop");
        assertThat(other.pullRequest()).isNull();

        assertThat(deliver(Provider.GITHUB, body, "main", headers).kind()).isEqualTo(Kind.PULL_REQUEST);
        assertThat(deliver(Provider.GITHUB, body, "refs/heads/main", headers).kind()).isEqualTo(Kind.PULL_REQUEST);
        byte[] fullRef = githubBody("opened", "refs/heads/main", "https://forge.example/ada/notes.git")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(deliver(Provider.GITHUB, fullRef, "main", headers).pullRequest().baseBranch()).isEqualTo("main");
    }

    @Test
    void aPullRequestWithAWrongSignatureIsUnauthorizedBeforeAnythingElse() {
        byte[] body = githubBody("opened", "main", "https://forge.example/ada/notes.git")
                .getBytes(StandardCharsets.UTF_8);
        byte[] other = "not-the-secret".getBytes(StandardCharsets.UTF_8);
        for (Provider provider : EnumSet.of(Provider.GITHUB, Provider.GITEA, Provider.GITLAB)) {
            Map<String, String> headers = new LinkedHashMap<>(Map.of(
                    "X-GitHub-Event", "pull_request", "X-Gitea-Event", "pull_request",
                    "X-Gitlab-Event", "Merge Request Hook"));
            String header = WebhookPayloadsTest.signatureHeaders(provider).get(0);
            headers.put(header, WebhookPayloadsTest.signature(header, other, body));
            WebhookOutcome out = WebhookVerifier.handle(new Delivery(provider, headers, body), TEST_SECRET, "main");
            assertThat(out.kind()).as(provider.name()).isEqualTo(Kind.UNAUTHORIZED);
            assertThat(out.httpStatus()).isEqualTo(401);
            assertThat(out.pullRequest()).isNull();

            // signed right, the same headers get past the signature (so the 401 above was the signature's)
            headers.put(header, WebhookPayloadsTest.signature(header, TEST_SECRET, body));
            assertThat(WebhookVerifier.handle(new Delivery(provider, headers, body), TEST_SECRET, "main").kind())
                    .as(provider.name()).isNotEqualTo(Kind.UNAUTHORIZED);

            // and a body cut short is 401 with a wrong signature, 400 only with a right one
            byte[] cut = "{\"action\":\"opened\",\"number\":".getBytes(StandardCharsets.UTF_8);
            headers.put(header, WebhookPayloadsTest.signature(header, other, cut));
            assertThat(WebhookVerifier.handle(new Delivery(provider, headers, cut), TEST_SECRET, "main").kind())
                    .isEqualTo(Kind.UNAUTHORIZED);
            headers.put(header, WebhookPayloadsTest.signature(header, TEST_SECRET, cut));
            assertThat(WebhookVerifier.handle(new Delivery(provider, headers, cut), TEST_SECRET, "main").kind())
                    .isEqualTo(Kind.MALFORMED);
        }
    }

    @Test
    void aPullRequestWithoutNumberOrBaseIsMalformed() {
        Map<String, String> headers = Map.of("X-GitHub-Event", "pull_request");
        for (String body : new String[] {
                "{\"action\":\"opened\"}",
                "{\"action\":\"opened\",\"number\":\"7\",\"pull_request\":{\"base\":{\"ref\":\"main\"}}}",
                "{\"action\":\"opened\",\"number\":0,\"pull_request\":{\"base\":{\"ref\":\"main\"}}}",
                "{\"action\":\"opened\",\"number\":7,\"pull_request\":{\"head\":{\"ref\":\"x\"}}}"}) {
            WebhookOutcome out = deliver(Provider.GITHUB, body.getBytes(StandardCharsets.UTF_8), "main", headers);
            assertThat(out.kind()).as(body).isEqualTo(Kind.MALFORMED);
            assertThat(out.httpStatus()).isEqualTo(400);
        }
        WebhookOutcome gitlab = deliver(Provider.GITLAB,
                "{\"object_kind\":\"merge_request\",\"object_attributes\":{\"action\":\"open\"}}"
                        .getBytes(StandardCharsets.UTF_8), "main", Map.of("X-Gitlab-Event", "Merge Request Hook"));
        assertThat(gitlab.kind()).isEqualTo(Kind.MALFORMED);
    }

    @Test
    void giteaEventTypesForLabelsMilestonesAndAssigneesAreIgnoredAndSyncIsAnUpdate() {
        byte[] opened = githubBody("opened", "main", "https://forge.example/ada/notes.git")
                .getBytes(StandardCharsets.UTF_8);
        for (String type : List.of("pull_request_label", "pull_request_milestone", "pull_request_assign",
                "pull_request_review_request")) {
            for (String prefix : List.of("X-Gitea", "X-Forgejo")) {
                WebhookOutcome out = deliver(Provider.GITEA, opened, "main",
                        Map.of(prefix + "-Event", "pull_request", prefix + "-Event-Type", type));
                assertThat(out.kind()).as(prefix + " " + type).isEqualTo(Kind.IGNORED);
                assertThat(out.reason()).isEqualTo("pull request #7: " + type + " event, nothing to build");
            }
        }
        byte[] synced = githubBody("synchronized", "main", "https://forge.example/ada/notes.git")
                .getBytes(StandardCharsets.UTF_8);
        WebhookOutcome sync = deliver(Provider.GITEA, synced, "main",
                Map.of("X-Forgejo-Event", "pull_request", "X-Forgejo-Event-Type", "pull_request_sync"));
        assertThat(sync.kind()).isEqualTo(Kind.PULL_REQUEST);
        assertThat(sync.pullRequest().action()).isEqualTo(Action.UPDATED);
        assertThat(sync.reason()).isEqualTo("pull request #7 updated");
        // GitHub's word for new commits is not Gitea's
        assertThat(deliver(Provider.GITEA, githubBody("synchronize", "main", "https://x/y.git")
                .getBytes(StandardCharsets.UTF_8), "main", Map.of("X-Gitea-Event", "pull_request")).kind())
                .isEqualTo(Kind.IGNORED);
    }

    @Test
    void onlyAnHttpCloneUrlIsPassedOn() {
        Map<String, String> headers = Map.of("X-GitHub-Event", "pull_request");
        for (String url : List.of("git@forge.example:ada/notes.git", "ssh://git@forge.example/ada/notes.git",
                "file:///etc", "ext::sh -c touch% /tmp/pwned")) {
            WebhookOutcome out = deliver(Provider.GITHUB, githubBody("opened", "main", url)
                    .getBytes(StandardCharsets.UTF_8), "main", headers);
            assertThat(out.kind()).isEqualTo(Kind.PULL_REQUEST);
            assertThat(out.pullRequest().headCloneUrl()).as(url).isNull();
        }
        assertThat(deliver(Provider.GITHUB, githubBody("opened", "main", "HTTPS://forge.example/ada/notes.git")
                .getBytes(StandardCharsets.UTF_8), "main", headers).pullRequest().headCloneUrl())
                .isEqualTo("HTTPS://forge.example/ada/notes.git");
    }

    @Test
    void theGenericProviderHasNoPullRequests() {
        byte[] body = githubBody("opened", "main", "https://forge.example/ada/notes.git")
                .getBytes(StandardCharsets.UTF_8);
        WebhookOutcome out = deliver(Provider.GENERIC, body, "main", Map.of("X-GitHub-Event", "pull_request"));
        assertThat(out.kind()).isEqualTo(Kind.IGNORED);
        assertThat(out.reason()).isEqualTo("unhandled event pull_request");
        assertThat(out.pullRequest()).isNull();
    }

    // ---------------------------------------------------------------- helpers

    /** What the payload holds, read here from the JSON independently of {@link PullRequestHook}. */
    static PullRequestEvent expectedFields(Provider provider, JsonNode root) {
        if (provider == Provider.GITLAB) {
            JsonNode a = root.get("object_attributes");
            int number = a.get("iid").asInt();
            String base = Objects.requireNonNullElse(text(a, "/target/path_with_namespace"),
                    text(root, "/project/path_with_namespace"));
            boolean authorActed = root.at("/user/id").asLong(-1) == a.path("author_id").asLong(-2)
                    || "open".equals(text(a, "/action"));
            return new PullRequestEvent(number, Action.OPENED, false, text(a, "/last_commit/id"),
                    text(a, "/source_branch"), text(a, "/source/path_with_namespace"), text(a, "/source/git_http_url"),
                    text(a, "/target_branch"), base,
                    a.get("source_project_id").asLong() != a.get("target_project_id").asLong(),
                    "refs/merge-requests/" + number + "/head", text(a, "/title"), text(a, "/url"),
                    authorActed ? text(root, "/user/username") : null);
        }
        int number = root.get("number").asInt();
        String head = text(root, "/pull_request/head/repo/full_name");
        String base = Objects.requireNonNullElse(text(root, "/pull_request/base/repo/full_name"),
                text(root, "/repository/full_name"));
        return new PullRequestEvent(number, Action.OPENED, false, text(root, "/pull_request/head/sha"),
                text(root, "/pull_request/head/ref"), head, text(root, "/pull_request/head/repo/clone_url"),
                text(root, "/pull_request/base/ref"), base, head == null || !head.equals(base),
                "refs/pull/" + number + "/head", text(root, "/pull_request/title"),
                text(root, "/pull_request/html_url"), text(root, "/pull_request/user/login"));
    }

    static String rawAction(Provider provider, JsonNode root) {
        return text(root, provider == Provider.GITLAB ? "/object_attributes/action" : "/action");
    }

    static Map<String, Action> actions(Provider provider) {
        return switch (provider) {
            case GITHUB -> GITHUB_ACTIONS;
            case GITEA -> GITEA_ACTIONS;
            default -> GITLAB_ACTIONS;
        };
    }

    /** Delivers {@code body} signed with the test secret the way {@code provider} signs. */
    static WebhookOutcome deliver(Provider provider, byte[] body, String watched, Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        String header = WebhookPayloadsTest.signatureHeaders(provider).get(0);
        h.put(header, WebhookPayloadsTest.signature(header, TEST_SECRET, body));
        return WebhookVerifier.handle(new Delivery(provider, h, body), TEST_SECRET, watched);
    }

    /** The pull request of a delivery that must be wanted. */
    static PullRequestEvent wanted(Provider provider, String path, String watched, String... headers) {
        return wanted(provider, SharedPayloads.read(path), watched, headers);
    }

    static PullRequestEvent wanted(Provider provider, byte[] body, String watched, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        WebhookOutcome out = deliver(provider, body, watched, h);
        assertThat(out.kind()).as(out.reason()).isEqualTo(Kind.PULL_REQUEST);
        return out.pullRequest();
    }

    static JsonNode json(String path) {
        try {
            return JSON.readTree(SharedPayloads.read(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(JsonNode node, String pointer) {
        JsonNode n = node.at(pointer);
        return n.isTextual() && !n.textValue().isEmpty() ? n.textValue() : null;
    }
}
