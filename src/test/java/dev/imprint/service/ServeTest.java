package dev.imprint.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;
import dev.imprint.testing.GitServer;
import dev.imprint.testing.RunningService;

/** The service end to end: real git CLI, real smart-HTTP servers on 127.0.0.1, real webhooks. */
class ServeTest {
    static final String SECRET = "s3cret-for-tests";

    @TempDir
    Path tmp;
    @RegisterExtension
    final RunningService running = new RunningService();
    ImprintService service;
    GitServer forge;

    @Test
    void embeddedDefaultPublishesEveryPushToItsBuiltInGitHost() throws Exception {
        ServiceConfig config = ServiceConfig.embeddedDefault();
        service = running.start(config, tmp.resolve("data"), Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> running.get("/site/notes/").statusCode() == 200);
        assertThat(running.get("/site/notes/").body()).contains("My Notes");

        Path clone = tmp.resolve("clone");
        GitRepo.run(tmp, Map.of(), "clone", "-q", running.base() + "/git/notes.git", clone.toString());
        GitRepo notes = GitRepo.open(clone);
        notes.write("content/fragments/pushed.md", "---\ntitle: Pushed over HTTP\ndate: 2030-05-05\n---\nHello.\n");
        notes.commitAll("a new note");
        notes.git("push", "-q", "origin", "main");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> running.get("/site/notes/fragments/pushed/index.html").statusCode() == 200);
        HttpResponse<String> page = running.get("/site/notes/fragments/pushed/index.html");
        assertThat(page.body()).contains("Pushed over HTTP");
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        String etag = page.headers().firstValue("etag").orElseThrow();
        HttpResponse<String> again = running.send(HttpRequest.newBuilder(
                URI.create(running.base() + "/site/notes/fragments/pushed/index.html")).header("If-None-Match", etag).build());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(running.get("/site/notes/style.css").headers().firstValue("content-type").orElseThrow())
                .startsWith("text/css");
        HttpResponse<String> missing = running.get("/site/notes/no/such/page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Page not found");
        HttpResponse<String> folder = running.send(
                HttpRequest.newBuilder(URI.create(running.base() + "/site/notes/fragments")).build());
        assertThat(folder.statusCode()).isEqualTo(301);

        assertThat(running.get("/").body()).contains("notes").contains("published")
                .contains("git clone http://127.0.0.1:" + service.port() + "/git/notes.git");
        assertThat(running.get("/api/repos").body()).contains("\"name\":\"notes\"");
        assertThat(running.get("/api/repos/notes/builds").body()).contains("\"outcome\":\"published\"");
        assertThat(running.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(running.get("/metrics").body()).contains("imprint_builds_total").contains("imprint_build_duration");
    }

    /** A service watching a repository on a forge (a real smart-HTTP server) through GitHub webhooks. */
    GitRepo forgeSetup(int reconcileMinutes) throws Exception {
        forge = running.forge(tmp.resolve("forge"));
        String url = forge.create("notes");
        GitRepo author = GitRepo.init(tmp.resolve("author"));
        author.write("content/a/first.md", "---\ntitle: First\ndate: 2024-01-01\n---\nOne.\n");
        author.commitAll("first");
        author.git("push", "-q", url, "main");

        ServiceConfig config = new ServiceConfig();
        config.reconcileMinutes = reconcileMinutes;
        ServiceConfig.Repo repo = new ServiceConfig.Repo();
        repo.name = "notes";
        repo.source.url = url;
        repo.webhook = new ServiceConfig.Webhook();
        repo.webhook.provider = "github";
        repo.webhook.secretEnv = "NOTES_SECRET";
        config.repos.add(repo);
        service = running.start(config, tmp.resolve("data"), Map.of("NOTES_SECRET", SECRET));
        await().atMost(Duration.ofSeconds(60)).until(() -> sourceCommitOnForge() != null);
        return author;
    }

    String sourceCommitOnForge() throws Exception {
        try (Repository r = forge.open("notes"); RevWalk w = new RevWalk(r)) {
            var id = r.resolve(Constants.R_HEADS + "gh-pages");
            if (id == null) {
                return null;
            }
            List<String> trailer = w.parseCommit(id).getFooterLines("Source-Commit");
            return trailer.isEmpty() ? null : trailer.get(0);
        }
    }

    List<RevCommit> publishHistory() throws Exception {
        List<RevCommit> out = new ArrayList<>();
        try (Repository r = forge.open("notes"); RevWalk w = new RevWalk(r)) {
            w.markStart(w.parseCommit(r.resolve(Constants.R_HEADS + "gh-pages")));
            w.forEach(out::add);
        }
        return out;
    }

    HttpResponse<String> githubPush(String after, String secret, String delivery) throws Exception {
        String body = "{\"ref\":\"refs/heads/main\",\"before\":\"0000000000000000000000000000000000000001\",\"after\":\"" + after
                + "\",\"repository\":{\"full_name\":\"ada/notes\",\"clone_url\":\"" + forge.url("notes") + "\"}}";
        return running.send(HttpRequest.newBuilder(URI.create(running.base() + "/hooks/github/notes"))
                .header("X-GitHub-Event", "push").header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", sign(secret, body))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signedWebhookPublishesThePushToTheForgesBranch() throws Exception {
        GitRepo author = forgeSetup(60);
        author.write("content/a/second.md", "---\ntitle: Second\ndate: 2024-02-01\n---\nTwo.\n");
        String head = author.commitAll("second");
        author.git("push", "-q", forge.url("notes"), "main");

        HttpResponse<String> r = githubPush(head, SECRET, UUID.randomUUID().toString());
        assertThat(r.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> head.equals(sourceCommitOnForge()));
        assertThat(forge.open("notes").getRefDatabase().exactRef("refs/heads/main").getObjectId().name()).isEqualTo(head);
        // /site/ serves the very branch the build pushed (the local ref moves just after the push)
        await().atMost(Duration.ofSeconds(10)).until(() -> etagOnForge("notes", "a/second/index.html")
                .equals(running.get("/site/notes/a/second/").headers().firstValue("ETag").orElse(null)));
    }

    @Test
    void aSitePushedToAForgeFromALocalSourceIsServedFromWhatWasPushed() throws Exception {
        forge = running.forge(tmp.resolve("forge"));
        GitRepo notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("content/a/first.md", "# First\n");
        notes.commitAll("first");
        ServiceConfig config = new ServiceConfig();
        config.reconcileMinutes = 60;
        ServiceConfig.Repo repo = new ServiceConfig.Repo();
        repo.name = "notes";
        repo.source.path = notes.dir().toString();
        repo.publish.url = forge.create("site");
        config.repos.add(repo);
        service = running.start(config, tmp.resolve("data"), Map.of());

        await().atMost(Duration.ofSeconds(60)).until(() -> etagOnForge("site", "a/first/index.html") != null);
        await().atMost(Duration.ofSeconds(10)).until(() -> etagOnForge("site", "a/first/index.html")
                .equals(running.get("/site/notes/a/first/").headers().firstValue("ETag").orElse(null)));
    }

    /** The ETag /site/ gives {@code path} when it serves the forge's gh-pages of {@code name}; null before a publish. */
    String etagOnForge(String name, String path) throws Exception {
        try (Repository r = forge.open(name); RevWalk w = new RevWalk(r)) {
            var id = r.resolve(Constants.R_HEADS + "gh-pages");
            if (id == null) {
                return null;
            }
            try (TreeWalk tw = TreeWalk.forPath(r, path, w.parseCommit(id).getTree())) {
                return tw == null ? null : "\"" + tw.getObjectId(0).name() + "\"";
            }
        }
    }

    @Test
    void forgedOrMalformedWebhooksAreRefused() throws Exception {
        forgeSetup(60);
        assertThat(githubPush("a".repeat(40), "wrong-secret", "d1").statusCode()).isEqualTo(401);
        HttpResponse<String> unsigned = running.send(HttpRequest.newBuilder(URI.create(running.base() + "/hooks/github/notes"))
                .header("X-GitHub-Event", "push").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        String broken = "{\"ref\":";
        HttpResponse<String> malformed = running.send(HttpRequest.newBuilder(URI.create(running.base() + "/hooks/github/notes"))
                .header("X-GitHub-Event", "push").header("X-Hub-Signature-256", sign(SECRET, broken))
                .POST(HttpRequest.BodyPublishers.ofString(broken)).build());
        assertThat(malformed.statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = running.send(HttpRequest.newBuilder(URI.create(running.base() + "/hooks/github/nope"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(unknown.statusCode()).isEqualTo(404);
        String ping = "{\"zen\":\"Design for failure.\",\"hook_id\":1}";
        HttpResponse<String> pong = running.send(HttpRequest.newBuilder(URI.create(running.base() + "/hooks/github/notes"))
                .header("X-GitHub-Event", "ping").header("X-Hub-Signature-256", sign(SECRET, ping))
                .POST(HttpRequest.BodyPublishers.ofString(ping)).build());
        assertThat(pong.statusCode()).isEqualTo(200);
        String other = "{\"ref\":\"refs/heads/feature\",\"after\":\"" + "b".repeat(40) + "\"}";
        HttpResponse<String> ignored = running.send(HttpRequest.newBuilder(URI.create(running.base() + "/hooks/github/notes"))
                .header("X-GitHub-Event", "push").header("X-Hub-Signature-256", sign(SECRET, other))
                .POST(HttpRequest.BodyPublishers.ofString(other)).build());
        assertThat(ignored.statusCode()).isEqualTo(202);
        assertThat(ignored.body()).contains("feature");
        byte[] huge = new byte[26 * 1024 * 1024];
        HttpResponse<String> tooBig = running.send(HttpRequest.newBuilder(URI.create(running.base() + "/hooks/github/notes"))
                .header("X-GitHub-Event", "push").POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build());
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(running.get("/metrics").body()).contains("outcome=\"unauthorized\"");
    }

    @Test
    void burstsOfWebhooksCoalesceAndNoPublishIsLostOrDoubled() throws Exception {
        GitRepo author = forgeSetup(60);
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        String last = null;
        for (int push = 1; push <= 5; push++) {
            author.write("content/a/n" + push + ".md", "---\ntitle: N" + push + "\ndate: 2024-03-0" + push + "\n---\nx\n");
            last = author.commitAll("push " + push);
            author.git("push", "-q", forge.url("notes"), "main");
            for (int i = 0; i < 4; i++) { // 20 webhooks in all, some of them duplicate deliveries
                String after = last;
                String delivery = "delivery-" + push + "-" + (i % 2);
                inFlight.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return githubPush(after, SECRET, delivery);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
        }
        for (var f : inFlight) {
            assertThat(f.get().statusCode()).isEqualTo(202);
        }
        String expected = last;
        await().atMost(Duration.ofSeconds(90)).until(() -> expected.equals(sourceCommitOnForge()));
        // every publish commit names a distinct source commit: none doubled; history is linear (no force)
        List<String> sources = publishHistory().stream().map(c -> c.getFooterLines("Source-Commit").get(0)).toList();
        assertThat(sources).doesNotHaveDuplicates();
        // builds of one repository never overlapped
        List<BuildRecord> records = new ArrayList<>(service.records("notes"));
        records.sort(java.util.Comparator.comparing(BuildRecord::started));
        for (int i = 1; i < records.size(); i++) {
            var prev = records.get(i - 1);
            java.time.Instant prevEnd = java.time.Instant.parse(prev.started()).plusMillis(prev.durationMs());
            assertThat(java.time.Instant.parse(records.get(i).started())).isAfterOrEqualTo(prevEnd.minusMillis(1));
        }
        assertThat(records.size()).as("coalesced: far fewer looks than webhooks").isLessThan(20);
    }

    @Test
    void thePostReceiveHookWeShipNotifiesTheService() throws Exception {
        Path bare = tmp.resolve("journal.git");
        GitRepo.run(tmp, Map.of(), "init", "-q", "--bare", "-b", "main", bare.toString());
        ServiceConfig config = new ServiceConfig();
        config.reconcileMinutes = 60;
        ServiceConfig.Repo repo = new ServiceConfig.Repo();
        repo.name = "journal";
        repo.source.path = bare.toString();
        repo.webhook = new ServiceConfig.Webhook();
        repo.webhook.provider = "generic";
        repo.webhook.secretEnv = "JOURNAL_SECRET";
        config.repos.add(repo);
        service = running.start(config, tmp.resolve("data"), Map.of("JOURNAL_SECRET", SECRET));

        java.nio.file.Files.copy(Path.of("deploy/hooks/post-receive"), bare.resolve("hooks/post-receive"));
        bare.resolve("hooks/post-receive").toFile().setExecutable(true);
        java.nio.file.Files.writeString(bare.resolve("hooks/imprint.env"),
                "IMPRINT_URL=" + running.base() + "/hooks/generic/journal\nIMPRINT_SECRET=" + SECRET + "\n");

        GitRepo author = GitRepo.init(tmp.resolve("author"));
        author.write("content/days/today.md", "# Today\n\nWrote a hook.\n");
        String head = author.commitAll("today");
        author.git("push", "-q", bare.toString(), "main");

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            String log = GitRepo.run(tmp, Map.of(), "--git-dir", bare.toString(), "log", "-1", "--format=%B", "gh-pages", "--");
            return log.contains("Source-Commit: " + head);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> service.records("journal").stream()
                .anyMatch(r -> r.trigger().equals("generic push") && !r.outcome().equals("failed")));
    }

    @Test
    void anUnreachableSourceIsVisibleAndRetriedWithoutStoppingOthers() throws Exception {
        ServiceConfig config = ServiceConfig.embeddedDefault();
        ServiceConfig.Repo gone = new ServiceConfig.Repo();
        gone.name = "gone";
        gone.source.url = "http://127.0.0.1:9/nothing-listens-here.git";
        config.repos.add(gone);
        service = running.start(config, tmp.resolve("data"), Map.of());

        await().atMost(Duration.ofSeconds(60)).until(() -> service.records("gone").stream().anyMatch(r -> r.outcome().equals("failed")));
        assertThat(running.get("/api/repos").body())
                .contains("\"last_error\":\"cannot fetch http://127.0.0.1:9/nothing-listens-here.git");
        assertThat(running.get("/").body()).contains("Last attempt failed");
        assertThat(running.get("/metrics").body()).contains("imprint_builds_total{outcome=\"failed\",repo=\"gone\"}");
        // the other repository is published all the same
        await().atMost(Duration.ofSeconds(60)).until(() -> running.get("/site/notes/").statusCode() == 200);
        assertThat(Worker.backoff(1)).isEqualTo(5);
        assertThat(Worker.backoff(3)).isEqualTo(20);
        assertThat(Worker.backoff(20)).isEqualTo(600);
    }

    /** The newest record of a build of {@code commit}, once there is one. */
    BuildRecord buildOf(String commit) {
        await().atMost(Duration.ofSeconds(60)).until(() -> service.records("notes").stream()
                .anyMatch(r -> commit.equals(r.sourceCommit())));
        return service.records("notes").stream().filter(r -> commit.equals(r.sourceCommit())).findFirst().orElseThrow();
    }

    @Test
    void recursiveAndNeverEndingTemplatesAreWarningsAndTheFixIsPublished() throws Exception {
        ServiceConfig config = ServiceConfig.embeddedDefault();
        service = running.start(config, tmp.resolve("data"), Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> running.get("/site/notes/").statusCode() == 200);
        String page = "/site/notes/fragments/small-notes/index.html";
        String builtIn = running.get(page).body();
        Path clone = tmp.resolve("clone");
        GitRepo.run(tmp, Map.of(), "clone", "-q", running.base() + "/git/notes.git", clone.toString());
        GitRepo notes = GitRepo.open(clone);
        // a limit a self-include overflows the stack well within, even cold and on a loaded machine (300 ms was not)
        notes.write("imprint.yml", java.nio.file.Files.readString(clone.resolve("imprint.yml")) + "templates:\n  max_render_ms: 1000\n");

        notes.write("templates/note.peb", "{% extends \"base.peb\" %}{% block main %}{% include \"note.peb\" %}{% endblock %}");
        BuildRecord recursive = buildOf(push(notes, "a template that includes itself"));
        notes.write("templates/note.peb", "{% for i in range(1, 100000) %}\n{% for j in range(1, 100000) %}"
                + "{% endfor %}{% endfor %}");
        BuildRecord endless = buildOf(push(notes, "a template that never ends"));
        notes.write("templates/note.peb", "{% extends \"base.peb\" %}{% block main %}<p class=\"fixed\">{{ note.title }}</p>{% endblock %}");
        String fix = push(notes, "the fix");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> running.get(page).body().contains("<p class=\"fixed\">On keeping notes small</p>"));

        String recursion = "templates/note.peb: note.peb: recursion without end (a template that includes itself, "
                + "or a macro that calls itself); the built-in template is used";
        String timeout = "templates/note.peb: note.peb line 2: still rendering after 1000 ms (templates.max_render_ms); "
                + "the built-in template is used";
        for (BuildRecord b : List.of(recursive, endless)) {
            assertThat(b.outcome()).isEqualTo("published");
            String warning = b == recursive ? recursion : timeout;
            assertThat(b.log()).startsWith("warning: " + warning);
            // the build page shows the warning, and its log one line per line
            org.jsoup.nodes.Document buildPage = org.jsoup.Jsoup.parse(running.get("/builds/notes/" + b.id()).body());
            assertThat(buildPage.select("h2:contains(Warnings) + table td").eachText())
                    .containsExactly("templates/note.peb", warning.substring("templates/note.peb: ".length()));
            assertThat(buildPage.selectFirst("pre").wholeText().split("\n")).containsExactlyElementsOf(b.log());
        }
        // the pages those builds published were the built-in ones
        assertThat(show(notes, recursive.sourceCommit())).isEqualTo(builtIn);
        assertThat(show(notes, endless.sourceCommit())).isEqualTo(builtIn);
        String status = org.jsoup.Jsoup.parse(running.get("/").body()).text();
        assertThat(status).contains(recursion.replace("; the built-in template is used", ""))
                .contains(timeout.replace("; the built-in template is used", ""));
        assertThat(buildOf(fix).report().warnings()).isEmpty();
    }

    String push(GitRepo notes, String message) {
        String head = notes.commitAll(message);
        notes.git("push", "-q", "origin", "main");
        return head;
    }

    /** The note's page as published for a source commit: the publishing branch's commit naming it. */
    String show(GitRepo notes, String sourceCommit) throws Exception {
        notes.git("fetch", "-q", "origin", "gh-pages");
        String log = notes.git("log", "--format=%H %(trailers:key=Source-Commit,valueonly,separator=)", "FETCH_HEAD");
        for (String line : log.strip().split("\n")) {
            String[] parts = line.strip().split(" ");
            if (parts.length == 2 && parts[1].equals(sourceCommit)) {
                return notes.git("show", parts[0] + ":fragments/small-notes/index.html");
            }
        }
        throw new AssertionError("no publish of " + sourceCommit + " in\n" + log);
    }

    @Test
    void aPushWhoseWebhookNeverCameIsPublishedByReconcile() throws Exception {
        GitRepo author = forgeSetup(60);
        author.write("content/a/silent.md", "# Silent\n");
        String head = author.commitAll("no webhook for this one");
        author.git("push", "-q", forge.url("notes"), "main");
        service.reconcile();
        await().atMost(Duration.ofSeconds(60)).until(() -> head.equals(sourceCommitOnForge()));
    }
}
