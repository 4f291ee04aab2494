package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.service.ImprintService;
import dev.imprint.service.ServiceConfig;
import dev.imprint.testing.Cli;
import dev.imprint.testing.GitRepo;
import dev.imprint.testing.RunningService;

/**
 * A glob in imprint.yml that does not compile is one line naming the file, the key and the glob, and nothing is
 * built: ignoring a broken {@code exclude} would publish the private notes it was written to keep out.
 */
class BadGlobTest {
    static final String ERROR = "imprint: imprint.yml:3: exclude: 'private/[' is not a valid glob (Missing ']'); "
            + "nothing is built, so that no file it was meant to exclude is published";

    @TempDir
    Path tmp;
    GitRepo notes;

    @BeforeEach
    void setUp() {
        notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("imprint.yml", "title: Notes\nexclude:\n  - private/[\n  - drafts/**\n");
        notes.write("content/public/hello.md", "# Hello\n");
        notes.write("content/private/[diary.md", "# Dear diary\n");
        notes.commitAll("a typo in a glob");
    }

    @Test
    void buildAndCheckSayWhichGlobInOneLine() {
        Cli.Result build = Cli.run("build", "--source", notes.dir().toString(), "--out", tmp.resolve("out").toString());
        assertThat(build.exit()).isEqualTo(1);
        assertThat(build.err()).isEqualTo(ERROR + "\n");
        assertThat(tmp.resolve("out").resolve("private")).doesNotExist();

        Cli.Result check = Cli.run("check", "--source", notes.dir().toString());
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.err()).isEqualTo(ERROR + "\n");

        notes.write("imprint.yml", "title: Notes\npublish:\n  keep: ['{CNAME,preview/**']\n");
        notes.commitAll("a typo in a keep glob");
        Cli.Result keep = Cli.run("build", "--source", notes.dir().toString(), "--branch", "gh-pages");
        assertThat(keep.exit()).isEqualTo(1);
        assertThat(keep.err()).isEqualTo("imprint: imprint.yml:3: publish.keep: '{CNAME,preview/**' is not a valid glob "
                + "(Missing '}'); nothing is built, so that no file it was meant to keep is removed\n");
    }

    @Test
    void theStatusPageShowsTheSameLine() throws Exception {
        ServiceConfig config = ServiceConfig.parse("server: { port: 0 }\nrepos:\n  - name: notes\n    source: { path: "
                + notes.dir() + " }\n", "service.yml");
        try (RunningService running = new RunningService()) {
            ImprintService service = running.start(config, tmp.resolve("data"), Map.of());
            await().atMost(Duration.ofSeconds(60)).until(() -> service.records("notes").stream()
                    .anyMatch(r -> r.outcome().equals("failed")));
            String status = running.get("/").body();
            String line = ERROR.substring("imprint: ".length()).replace("'", "&#39;");
            assertThat(status).contains(line).doesNotContain("Exception").doesNotContain("near index");
            assertThat(service.records("notes").get(0).error()).isEqualTo(ERROR.substring("imprint: ".length()));
        }
        assertThat(Files.exists(notes.dir().resolve(".git/refs/heads/gh-pages"))).isFalse();
    }
}
