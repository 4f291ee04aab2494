package dev.imprint.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.Cli;
import dev.imprint.testing.GitRepo;
import dev.imprint.testing.GitServer;
import dev.imprint.testing.RunningService;

/**
 * A token written into a Git URL (allowed on a user's own command line) is never shown: not on the status page, in
 * the API, in the log, nor on stderr, even where JGit's own error messages repeat the URL.
 */
class CredentialsNeverShownTest {
    static final String TOKEN = "tok3n-n0t-for-your-eyes";

    @TempDir
    Path tmp;
    @RegisterExtension
    final RunningService running = new RunningService();
    GitServer forge;
    ImprintService service;

    /** The forge's URL for {@code name} with a user and token in it. */
    String withToken(String name) {
        return forge.url(name).replace("http://", "http://ada:" + TOKEN + "@");
    }

    /** A forge whose repository "notes" holds one note; returns its URL, without credentials. */
    String forgeWithNotes() {
        forge = running.forge(tmp.resolve("forge"));
        String url = forge.create("notes");
        GitRepo author = GitRepo.init(tmp.resolve("author"));
        author.write("content/a/first.md", "# First\n");
        author.commitAll("first");
        author.git("push", "-q", url, "main");
        return url;
    }

    @Test
    void notOnTheStatusPageTheApiOrInTheLog() throws Exception {
        forgeWithNotes();

        // built in code, past the config file's refusal of credentials in URLs: what is shown is still clean
        ServiceConfig config = new ServiceConfig();
        config.reconcileMinutes = 60;
        for (String name : new String[] {"notes", "missing"}) {
            ServiceConfig.Repo repo = new ServiceConfig.Repo();
            repo.name = name;
            repo.source.url = withToken(name);
            config.repos.add(repo);
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8)); // where slf4j-simple writes
        try {
            service = running.start(config, tmp.resolve("data"), Map.of());
            await().atMost(Duration.ofSeconds(60)).until(() -> service.records("missing").stream()
                    .anyMatch(r -> r.outcome().equals("failed")));
            await().atMost(Duration.ofSeconds(60)).until(() -> service.records("notes").stream()
                    .anyMatch(r -> r.outcome().equals("published")));
        } finally {
            System.setErr(stderr);
        }
        long failed = service.records("missing").get(0).id();
        String status = running.get("/").body();
        String api = running.get("/api/repos").body();
        String builds = running.get("/api/repos/missing/builds").body();
        String buildPage = running.get("/builds/missing/" + failed).body();
        assertThat(api).contains("\"last_error\":\"cannot fetch " + forge.url("missing"));
        assertThat(status).contains(forge.url("notes")).contains(forge.url("missing"));
        assertThat(buildPage).contains("cannot fetch " + forge.url("missing"));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("missing: build failed (cannot fetch " + forge.url("missing"));
        for (String shown : new String[] {status, api, builds, buildPage, running.get("/api/repos/notes/builds").body(),
                log.toString(StandardCharsets.UTF_8)}) {
            assertThat(shown).doesNotContain(TOKEN).doesNotContain("ada:");
        }
    }

    @Test
    void notOnTheCommandLinesStderr() throws Exception {
        String url = forgeWithNotes();
        Path cache = tmp.resolve("cache");

        Cli.Result built = Cli.run("build", "--source", withToken("notes"), "--branch", "gh-pages", "--cache", cache.toString());
        assertThat(built.exit()).as(built.err()).isZero(); // credentials in a URL of one's own shell work
        Cli.Result missing = Cli.run("build", "--source", withToken("missing"), "--out", tmp.resolve("out").toString(),
                "--cache", cache.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("imprint: cannot fetch " + forge.url("missing"));
        Cli.Result publish = Cli.run("build", "--source", url, "--branch", "gh-pages", "--publish-to", withToken("missing"),
                "--cache", cache.toString());
        assertThat(publish.exit()).isEqualTo(1);
        assertThat(publish.err()).contains(forge.url("missing"));
        Cli.Result check = Cli.run("check", "--source", withToken("missing"), "--cache", cache.toString());
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.err()).startsWith("imprint: cannot fetch " + forge.url("missing"));
        for (Cli.Result r : new Cli.Result[] {built, missing, publish, check}) {
            assertThat(r.out() + r.err()).doesNotContain(TOKEN).doesNotContain("ada:");
        }
    }

    @Test
    void anEmptySecretFileStopsTheServiceAtStart() throws Exception {
        Path secret = tmp.resolve("webhook-secret");
        Files.writeString(secret, "\n");
        ServiceConfig config = ServiceConfig.parse("repos:\n  - name: notes\n    source: { path: " + tmp.resolve("notes.git")
                + " }\n    webhook: { provider: github, secret_file: " + secret + " }\n", "imprint.yml");
        assertThatThrownBy(() -> new ImprintService(config, tmp.resolve("data"), Map.of()))
                .hasMessage("secret file " + secret + " is empty");
    }
}
