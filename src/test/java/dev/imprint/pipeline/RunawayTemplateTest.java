package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.imprint.testing.Cli;
import dev.imprint.testing.GitRepo;

/**
 * A notes repository's template that recurses, never ends, writes without end or throws is a warning naming it, and
 * every page it would have made is the built-in one, the same in a full, a cold incremental and a warm build.
 */
class RunawayTemplateTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> templates() {
        return Stream.of(
                Arguments.of("includes itself", 2_000, "{% include \"note.peb\" %}",
                        "note.peb: recursion without end", true),
                Arguments.of("a macro calls itself", 2_000, "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}",
                        "note.peb: recursion without end", true),
                Arguments.of("never ends", 300, "{% for i in range(1, 100000) %}{% for j in range(1, 100000) %}"
                        + "{% set k = i * j %}{% endfor %}{% endfor %}", "still rendering after 300 ms", true),
                Arguments.of("writes gigabytes", 60_000, "{% for i in range(1, 100000) %}{% for j in range(1, 100000) %}"
                        + "{{ note.title }} and more text to fill the page quickly{% endfor %}{% endfor %}",
                        "note.peb: output over 64 MB", true),
                Arguments.of("throws", 2_000, "{{ note.title }}{{ 1 / 0 }}", "Could not perform division", false));
    }

    @ParameterizedTest(name = "a template that {0}")
    @MethodSource("templates")
    void isAWarningNamingItAndTheBuiltInIsUsed(String kind, int maxRenderMs, String template, String message,
                                               boolean runaway) throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("content/a/one.md", "---\ntitle: One\ndate: 2024-01-01\n---\nFirst.\n");
        notes.write("content/a/two.md", "---\ntitle: Two\ndate: 2024-01-02\n---\nSecond, see [[one]].\n");
        notes.commitAll("notes");
        assertThat(Cli.run("build", "--source", notes.dir().toString(), "--branch", "plain").exit()).isZero();
        String builtIn = notes.read("plain", "a/one/index.html");

        notes.write("imprint.yml", "templates:\n  max_render_ms: " + maxRenderMs + "\n");
        notes.write("templates/note.peb", template);
        notes.commitAll("a template that " + kind);
        Path report = tmp.resolve("report.json");
        Cli.Result built = Cli.run("build", "--source", notes.dir().toString(), "--branch", "gh-pages",
                "--report", report.toString());
        assertThat(built.exit()).as(built.err()).isZero();
        assertThat(notes.read("gh-pages", "a/one/index.html")).isEqualTo(builtIn);
        List<String> warnings = BadInputTest.warnings(report);
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .startsWith("templates/note.peb: note.peb").contains(message).contains("; the built-in template"));

        Cli.Result check = Cli.run("check", "--source", notes.dir().toString());
        if (runaway) {
            assertThat(check.out()).startsWith("templates/note.peb:1: warning: note.peb").contains(message);
        }

        // an edit built incrementally, cold (from the manifest) and warm (one Builder), gives a full build's tree
        notes.write("content/a/two.md", "---\ntitle: Two\ndate: 2024-01-02\n---\nSecond, edited.\n");
        notes.commitAll("edit");
        assertThat(Cli.run("build", "--source", notes.dir().toString(), "--branch", "gh-pages", "--report",
                report.toString()).exit()).isZero();
        assertThat(BadInputTest.warnings(report)).isEqualTo(warnings);
        Builder warm = new Builder(tmp.resolve("cache"));
        BuildRequest request = new BuildRequest(notes.dir().toString(), null, "warm", null, null, null, false);
        notes.write("content/a/two.md", "---\ntitle: Two\ndate: 2024-01-02\n---\nSecond.\n");
        notes.commitAll("back");
        warm.build(request);
        notes.write("content/a/two.md", "---\ntitle: Two\ndate: 2024-01-02\n---\nSecond, edited again.\n");
        notes.commitAll("again");
        BuildReport patched = warm.build(request);
        assertThat(warm.patchedBuilds()).isEqualTo(1);
        assertThat(patched.warnings()).hasSize(1);
        assertThat(Cli.run("build", "--source", notes.dir().toString(), "--branch", "gh-pages").exit()).isZero();
        assertThat(Cli.run("build", "--source", notes.dir().toString(), "--branch", "full", "--full").exit()).isZero();
        assertThat(notes.tip("warm").getTree()).isEqualTo(notes.tip("full").getTree());
        assertThat(notes.tip("gh-pages").getTree()).isEqualTo(notes.tip("full").getTree());
    }
}
