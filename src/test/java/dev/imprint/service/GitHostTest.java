package dev.imprint.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.Cli;
import dev.imprint.publish.PublishedState;
import dev.imprint.testing.GitRepo;
import dev.imprint.testing.RunningService;

/** The built-in Git host driven by the real git CLI over smart HTTP: who may push what, and what git says. */
class GitHostTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final RunningService running = new RunningService();
    ImprintService service;

    /** What a git command printed (stdout and stderr) and how it exited. */
    record Git(int exit, String out) {
    }

    static Git git(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Git(p.exitValue(), out);
    }

    ImprintService start(String yaml, Map<String, String> env) throws Exception {
        service = running.start(ServiceConfig.parse(yaml, "imprint.yml"), tmp.resolve("data"), env);
        return service;
    }

    String url(String repo) {
        return "http://127.0.0.1:" + service.port() + "/git/" + repo + ".git";
    }

    String url(String repo, String user, String password) {
        return "http://" + user + ":" + password + "@127.0.0.1:" + service.port() + "/git/" + repo + ".git";
    }

    /** A ref as the service's own repository holds it; null when absent. */
    ObjectId ref(String repo, String name) throws IOException {
        try (Repository r = new FileRepositoryBuilder().setGitDir(service.dataDir().resolve("git/" + repo + ".git").toFile())
                .setMustExist(true).build()) {
            Ref ref = r.exactRef(name);
            return ref == null ? null : ref.getObjectId();
        }
    }

    /** The Source-Commit trailer of the publishing branch's tip. */
    String publishedSource(String repo) throws IOException {
        ObjectId tip = ref(repo, "refs/heads/gh-pages");
        if (tip == null) {
            return null;
        }
        // the site's own, past the commits of branch previews
        try (Repository r = new FileRepositoryBuilder().setGitDir(service.dataDir().resolve("git/" + repo + ".git").toFile())
                .setMustExist(true).build()) {
            return PublishedState.readHead(r, "refs/heads/gh-pages").sourceCommit();
        }
    }

    String page(String path) throws Exception {
        HttpResponse<String> r = running.get(path);
        return r.statusCode() == 200 ? r.body() : null;
    }

    GitRepo cloneOf(String url, String dir) {
        GitRepo.run(tmp, Map.of(), "clone", "-q", url, tmp.resolve(dir).toString());
        return GitRepo.open(tmp.resolve(dir));
    }

    static final String HOSTED = """
            repos:
              - name: notes
                source: { hosted: true, seed: template }
            """;

    @Test
    void thePublishingBranchCannotBePushedSoAForgedSourceCommitFoolsNoOne() throws Exception {
        start(HOSTED, Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> ref("notes", "refs/heads/gh-pages") != null);
        ObjectId published = ref("notes", "refs/heads/gh-pages");

        GitRepo author = cloneOf(url("notes"), "author");
        author.write("content/fragments/real.md", "---\ntitle: The real note\n---\nTrue.\n");
        String head = author.commitAll("a real note");
        // a gh-pages commit on top of the real one, claiming the new head is already published, home page defaced
        author.git("checkout", "-q", "-b", "forged", "origin/gh-pages");
        author.write("index.html", "<h1>Defaced</h1>");
        author.commitAll("Publish " + head + "\n\nSource-Commit: " + head);

        Git push = git(author.dir(), Map.of(), "push", "origin", "main", "forged:gh-pages", "HEAD:refs/imprint/publish/gh-pages",
                "HEAD:refs/heads/GH-Pages");
        assertThat(push.exit()).isNotZero();
        assertThat(push.out())
                .contains("  main -> main")
                .contains(" ! [remote rejected] forged -> gh-pages (Imprint publishes refs/heads/gh-pages; it cannot be pushed to)")
                .contains(" ! [remote rejected] HEAD -> refs/imprint/publish/gh-pages"
                        + " (Imprint publishes refs/imprint/publish/gh-pages; it cannot be pushed to)")
                .contains(" ! [remote rejected] HEAD -> GH-Pages (Imprint publishes refs/heads/GH-Pages; it cannot be pushed to)");
        assertThat(ref("notes", "refs/imprint/publish/gh-pages")).isNull();
        assertThat(ref("notes", "refs/heads/GH-Pages")).isNull();

        // main went in; the worker publishes it for real instead of believing the forgery
        assertThat(ref("notes", "refs/heads/main").name()).isEqualTo(head);
        await().atMost(Duration.ofSeconds(60)).until(() -> page("/site/notes/fragments/real/") != null);
        assertThat(page("/site/notes/")).doesNotContain("Defaced");
        assertThat(ref("notes", "refs/heads/gh-pages")).isNotEqualTo(published);
        assertThat(GitRepo.run(tmp, Map.of(), "--git-dir", service.dataDir().resolve("git/notes.git").toString(),
                "log", "-1", "--format=%B", "gh-pages")).contains("Source-Commit: " + head).doesNotContain("Defaced");
    }

    @Test
    void forcePushesAndDeletionsAreRefusedUnlessTheRepositoryAllowsThem() throws Exception {
        start("""
                repos:
                  - name: notes
                    source: { hosted: true, seed: template }
                  - name: scratch
                    source: { hosted: true, seed: template }
                    git_host: { allow_force_push: true }
                """, Map.of());
        GitRepo notes = cloneOf(url("notes"), "notes");
        notes.write("content/a.md", "# A\n");
        notes.commitAll("a");
        notes.git("push", "-q", "origin", "main", "main:feature");
        ObjectId main = ref("notes", "refs/heads/main");

        notes.git("reset", "-q", "--hard", "HEAD~1");
        notes.write("content/b.md", "# B\n");
        notes.commitAll("b, rewriting a away");
        Git force = git(notes.dir(), Map.of(), "push", "--force", "origin", "main");
        assertThat(force.exit()).isNotZero();
        assertThat(force.out()).contains(" ! [remote rejected] main -> main"
                + " (force pushes are off here; the repository's git_host: { allow_force_push: true } allows them)");
        Git delete = git(notes.dir(), Map.of(), "push", "origin", "--delete", "main", "feature");
        assertThat(delete.exit()).isNotZero();
        assertThat(delete.out())
                .contains(" ! [remote rejected] main (deleting is off here; the repository's git_host: { allow_force_push: true } allows it)")
                .contains(" ! [remote rejected] feature (deleting is off here;");
        assertThat(ref("notes", "refs/heads/main")).isEqualTo(main);
        assertThat(ref("notes", "refs/heads/feature")).isEqualTo(main);

        GitRepo scratch = cloneOf(url("scratch"), "scratch");
        scratch.write("content/a.md", "# A\n");
        scratch.commitAll("a");
        scratch.git("push", "-q", "origin", "main", "main:feature");
        scratch.git("reset", "-q", "--hard", "HEAD~1");
        String rewritten = scratch.commitAll("rewritten");
        assertThat(git(scratch.dir(), Map.of(), "push", "--force", "origin", "main").exit()).isZero();
        assertThat(git(scratch.dir(), Map.of(), "push", "origin", "--delete", "feature").exit()).isZero();
        assertThat(ref("scratch", "refs/heads/main").name()).isEqualTo(rewritten);
        assertThat(ref("scratch", "refs/heads/feature")).isNull();
        // allowed to rewrite history, still not to publish
        await().atMost(Duration.ofSeconds(60)).until(() -> rewritten.equals(publishedSource("scratch")));
        // (taking down the deleted branch's preview is a commit to gh-pages too; landing between the push's ref
        // advertisement and its request, it makes git say "invalid old id sent" before the refusal: try again)
        Git pages = null;
        for (int attempt = 0; attempt < 5 && (pages == null || pages.out().contains("invalid old id sent")); attempt++) {
            scratch.git("fetch", "-q", "origin");
            pages = git(scratch.dir(), Map.of(), "push", "--force", "origin", "main:gh-pages");
        }
        assertThat(pages.out()).contains("(Imprint publishes refs/heads/gh-pages; it cannot be pushed to)");
    }

    static final String USERS = """
            repos:
              - name: notes
                source: { hosted: true, seed: template }
                git_host:
                  users:
                    - { name: ada, password_env: ADA_PASSWORD, access: write }
                    - { name: ci, token_file: %s, access: read }
            """;

    @Test
    void usersNeedTheirPasswordAndReadersCannotPush() throws Exception {
        Path token = tmp.resolve("ci-token");
        Files.writeString(token, "ci-token-123\n");
        start(USERS.formatted(token), Map.of("ADA_PASSWORD", "correct horse"));

        Git anonymous = git(tmp, Map.of(), "clone", url("notes"), tmp.resolve("anon").toString());
        assertThat(anonymous.exit()).isNotZero();
        assertThat(anonymous.out()).contains("could not read Username for 'http://127.0.0.1:" + service.port() + "'");
        HttpResponse<String> challenge = running.send(
                HttpRequest.newBuilder(URI.create(url("notes") + "/info/refs?service=git-upload-pack")).build());
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(challenge.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Imprint notes\", charset=\"UTF-8\"");
        // the dumb protocol is behind the same door
        HttpResponse<String> dumb = running.send(HttpRequest.newBuilder(URI.create(url("notes") + "/HEAD")).build());
        assertThat(dumb.statusCode()).isEqualTo(401);

        Git wrong = git(tmp, Map.of(), "clone", url("notes", "ada", "wrong"), tmp.resolve("wrong").toString());
        assertThat(wrong.exit()).isNotZero();
        assertThat(wrong.out()).contains("fatal: Authentication failed for 'http://127.0.0.1:" + service.port() + "/git/notes.git/'");
        Git otherUsersPassword = git(tmp, Map.of(), "clone", url("notes", "ada", "ci-token-123"), tmp.resolve("other").toString());
        assertThat(otherUsersPassword.out()).contains("fatal: Authentication failed");

        GitRepo reader = cloneOf(url("notes", "ci", "ci-token-123"), "reader");
        assertThat(reader.git("log", "--oneline")).contains("starter notes");
        reader.write("content/fragments/ci.md", "# From CI\n");
        reader.commitAll("ci tries to push");
        Git readOnly = git(reader.dir(), Map.of(), "push", "origin", "main");
        assertThat(readOnly.exit()).isNotZero();
        assertThat(readOnly.out())
                .contains("remote: ci may clone and fetch notes but not push to it (access: read)")
                .contains("The requested URL returned error: 403");
        ObjectId before = ref("notes", "refs/heads/main");

        GitRepo writer = cloneOf(url("notes", "ada", "correct%20horse"), "writer");
        writer.write("content/fragments/ada.md", "---\ntitle: Pushed by Ada\n---\nHello.\n");
        String head = writer.commitAll("ada pushes");
        writer.git("push", "-q", "origin", "main");
        assertThat(ref("notes", "refs/heads/main").name()).isEqualTo(head).isNotEqualTo(before.name());
        await().atMost(Duration.ofSeconds(60)).until(() -> page("/site/notes/fragments/ada/") != null);
    }

    @Test
    void theContainersFirstUserComesFromTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("IMPRINT_GIT_USER", "ada", "IMPRINT_GIT_PASSWORD", "from-env");
        service = running.start(ServiceConfig.embeddedDefault(env), tmp.resolve("data"), env);
        assertThat(git(tmp, Map.of(), "clone", url("notes"), tmp.resolve("anon").toString()).exit()).isNotZero();
        GitRepo ada = cloneOf(url("notes", "ada", "from-env"), "ada");
        ada.write("content/x.md", "# X\n");
        String head = ada.commitAll("x");
        ada.git("push", "-q", "origin", "main");
        assertThat(ref("notes", "refs/heads/main").name()).isEqualTo(head);

        Map<String, String> noPassword = Map.of("IMPRINT_GIT_USER", "ada");
        assertThatThrownBy(() -> new ImprintService(ServiceConfig.embeddedDefault(noPassword), tmp.resolve("other"), noPassword))
                .hasMessage("repo 'notes': git_host user 'ada': environment variable IMPRINT_GIT_PASSWORD is not set");
    }

    @Test
    void aHostedRepositoryWithoutUsersIsNeverServedBeyondLoopback() throws Exception {
        ServiceConfig config = ServiceConfig.embeddedDefault();
        config.server.bind = "0.0.0.0";
        assertThatThrownBy(() -> new ImprintService(config, tmp.resolve("data"), Map.of()))
                .hasMessageStartingWith("refusing to listen on 0.0.0.0: anyone reaching it could push to 'notes'; add a user")
                .hasMessageContaining("git_host: { users: [{ name: ada, password_env: ADA_GIT_PASSWORD, access: write }] }")
                .hasMessageContaining("IMPRINT_GIT_USER and IMPRINT_GIT_PASSWORD");
        assertThat(tmp.resolve("data")).doesNotExist();

        assumeTrue(System.getenv("IMPRINT_GIT_USER") == null, "the embedded default would have a user");
        Cli.Result serve = Cli.run("serve", "--bind", "0.0.0.0", "--port", "0", "--data", tmp.resolve("data").toString());
        assertThat(serve.exit()).isEqualTo(1);
        assertThat(serve.err()).startsWith("imprint: refusing to listen on 0.0.0.0").containsOnlyOnce("\n");

        // loopback, or a user, and it starts
        config.server.bind = "127.0.0.1";
        ImprintService.refuseOpenHostOffLoopback(config);
        config.server.bind = "0.0.0.0";
        config.repos.get(0).gitHost = ServiceConfig.embeddedDefault(Map.of("IMPRINT_GIT_USER", "ada")).repos.get(0).gitHost;
        ImprintService.refuseOpenHostOffLoopback(config);
    }

    /** Trees git fsck complains about, each written raw (git mktree would refuse some) and pushed as main's next commit. */
    @Test
    void aPushWithAMalformedObjectIsRefused() throws Exception {
        start(HOSTED, Map.of());
        GitRepo author = cloneOf(url("notes"), "author");
        ObjectId before = ref("notes", "refs/heads/main");
        author.write("blob.txt", "hi\n");
        ObjectId blob = ObjectId.fromString(author.git("hash-object", "-w", "blob.txt").trim());
        Map<String, String> trees = Map.of(
                "100644 .git", "hasDotgit: object %s: invalid name '.git'",
                "0100644 padded", "zeroPaddedFilemode: object %s: mode starts with '0'",
                "170000 odd-mode", "Invalid tree %s: invalid mode 61440",
                "100644 a/b", "fullPathname: object %s: name contains '/'");
        for (var t : trees.entrySet()) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            raw.write((t.getKey() + "\0").getBytes(StandardCharsets.UTF_8));
            blob.copyRawTo(raw);
            Path file = tmp.resolve("tree");
            Files.write(file, raw.toByteArray());
            String tree = author.git("hash-object", "-w", "--literally", "-t", "tree", file.toString()).trim();
            String commit = author.git("-c", "user.name=Mallory", "-c", "user.email=m@example.org",
                    "commit-tree", tree, "-p", "HEAD", "-m", "malformed").trim();
            Git push = git(author.dir(), Map.of(), "push", "origin", commit + ":refs/heads/main");
            assertThat(push.exit()).as(t.getKey()).isNotZero();
            assertThat(push.out()).as(t.getKey())
                    .contains("error: remote unpack failed: error " + t.getValue().formatted(tree))
                    .contains(" ! [remote rejected] " + commit + " -> main (n/a (unpacker error))");
        }
        assertThat(ref("notes", "refs/heads/main")).isEqualTo(before);
    }

    @Test
    void aPushOverMaxPushMbIsRefusedWithJGitsWords() throws Exception {
        start("""
                repos:
                  - name: notes
                    source: { hosted: true, seed: template }
                    git_host: { max_push_mb: 1 }
                """, Map.of());
        GitRepo author = cloneOf(url("notes"), "author");
        ObjectId before = ref("notes", "refs/heads/main");
        byte[] noise = new byte[2 * 1024 * 1024];
        new Random(10).nextBytes(noise);
        author.write("content/noise.bin", noise);
        author.commitAll("two megabytes of noise");
        Git push = git(author.dir(), Map.of(), "push", "origin", "main");
        assertThat(push.exit()).isNotZero();
        assertThat(push.out())
                .contains("error: remote unpack failed: error Pack exceeds the limit of 1,048,576 bytes, rejecting the pack")
                .contains(" ! [remote rejected] main -> main (n/a (unpacker error))");
        assertThat(ref("notes", "refs/heads/main")).isEqualTo(before);

        author.git("reset", "-q", "--hard", before.name());
        author.write("content/small.md", "# Small\n");
        String small = author.commitAll("small");
        assertThat(git(author.dir(), Map.of(), "push", "origin", "main").exit()).isZero();
        assertThat(ref("notes", "refs/heads/main").name()).isEqualTo(small);
    }
}
