package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.Cli;
import dev.imprint.testing.GitRepo;

/**
 * Names that would make an unsafe output path (a "." or ".." segment, a name Git reserves, a control character)
 * are published at a safe path with a warning naming the file; the branch always passes {@code git fsck --strict}
 * and checks out; two sources wanting one output are a warning naming both, never a silent loss.
 */
class HostilePathsTest {
    @TempDir
    Path tmp;
    GitRepo notes;

    @BeforeEach
    void setUp() {
        notes = BadInputTest.withAFineNote(tmp.resolve("notes"));
    }

    /** Builds to gh-pages; returns the report's warnings; asserts fsck --strict and a checkout of the branch. */
    List<String> build() throws Exception {
        notes.commitAll("hostile names");
        var report = Cli.buildReport(tmp.resolve("report.json"), "--source", notes.dir().toString(), "--branch", "gh-pages");
        notes.git("fsck", "--strict", "--no-dangling");
        Path clone = tmp.resolve("clone-" + System.nanoTime());
        GitRepo.run(tmp, Map.of(), "clone", "-q", "-b", "gh-pages", notes.dir().toString(), clone.toString());
        assertThat(clone.resolve("good/fine/index.html")).content().contains("Fine note");
        return BadInputTest.warnings(report);
    }

    @Test
    void dotSegmentsFromSlugFolderAndTagGetSafePathsAndWarnings() throws Exception {
        notes.write("content/good/dots.md", "---\ntitle: Dots\nslug: \".?.\"\ntags: [\".?.\"]\n---\nx\n");
        notes.write("content/?../inside.md", "---\ntitle: Inside\n---\nx\n");
        List<String> warnings = build();
        assertThat(warnings).contains(
                "content/good/dots.md: slug '.?.' would make a '.' or '..' path segment; ignored, published at good/dots/index.html",
                "content/good/dots.md: tag '.?.' would make a '.' or '..' path segment; its page is tags/-/",
                "content/?../inside.md: the name '?..' would make a '.' or '..' path segment; published at -/inside/index.html");
        assertThat(notes.read("gh-pages", "good/dots/index.html")).contains("Dots");
        assertThat(notes.read("gh-pages", "tags/-/index.html")).contains("Dots");
        assertThat(notes.read("gh-pages", "-/inside/index.html")).contains("Inside");
    }

    @Test
    void gitNamesAndControlCharactersNeverReachTheTree() throws Exception {
        notes.write("content/good/alias.md", "---\ntitle: Alias\naliases: [\".g?it\", \"/.GIT/x\", \"ok-alias\"]\n---\nx\n");
        notes.write("content/good/nul.md", "---\ntitle: Nul\nslug: \"x\\0y\"\n---\nx\n");
        notes.write("content/good/hfs.md", "---\ntitle: Hfs\nslug: \".g\\u200cit\"\n---\nx\n");
        notes.write("content/ctl\u0001folder/note.md", "---\ntitle: Control\n---\nx\n");
        List<String> warnings = build();
        assertThat(warnings).contains(
                "content/good/alias.md: alias '.g?it' is not a usable URL; no redirect made",
                "content/good/alias.md: alias '/.GIT/x' is not a usable URL; no redirect made",
                "content/good/nul.md: slug 'x\\u0000y' would make a control or invisible formatting character; ignored, published at good/nul/index.html",
                "content/good/hfs.md: slug '.g\\u200cit' would make a control or invisible formatting character; ignored, published at good/hfs/index.html");
        assertThat(warnings).anyMatch(w -> w.startsWith("content/ctl\u0001folder/note.md: the name 'ctl\\u0001folder' would make a control"));
        assertThat(notes.read("gh-pages", "good/ok-alias/index.html")).contains("moved");
        assertThat(notes.read("gh-pages", "good/nul/index.html")).contains("Nul");
        assertThat(notes.read("gh-pages", "ctlfolder/note/index.html")).contains("Control");
        assertThat(notes.files("gh-pages")).allSatisfy(p -> {
            assertThat(p.toLowerCase()).doesNotContain(".git");
            assertThat(p.chars().noneMatch(c -> c < 0x20)).as(p).isTrue();
        });
        // and the next build (incremental, then --full) reads the branch it wrote
        notes.write("content/good/fine.md", "---\ntitle: Fine note, edited\ndate: 2024-01-01\n---\nAll good.\n");
        build();
        Cli.Result full = Cli.run("build", "--source", notes.dir().toString(), "--branch", "gh-pages", "--full");
        assertThat(full.exit()).as(full.err()).isZero();
        assertThat(notes.read("gh-pages", "good/fine/index.html")).contains("edited");
    }

    @Test
    void aFolderNamedLikeASchemeIsNoSchemeInNavigation() throws Exception {
        notes.write("content/javascript:alert(1)/note.md", "---\ntitle: Scheme folder\ndate: 2024-01-02\n---\nx\n");
        build();
        String home = notes.read("gh-pages", "index.html");
        assertThat(home).doesNotContain("href=\"javascript:").contains("javascriptalert(1)/");
        assertThat(notes.read("gh-pages", "javascriptalert(1)/note/index.html")).contains("Scheme folder");
    }

    @Test
    void twoSourcesForOneOutputAreAWarningNamingBoth() throws Exception {
        String nfc = Normalizer.normalize("café", Normalizer.Form.NFC);
        String nfd = Normalizer.normalize("café", Normalizer.Form.NFD);
        notes.write("content/good/" + nfc + ".md", "---\ntitle: Composed\n---\nx\n");
        notes.write("content/good/" + nfd + ".md", "---\ntitle: Decomposed\n---\nx\n");
        notes.write("content/files/foo", "an asset without an extension\n");
        notes.write("content/files/foo.md", "---\ntitle: Foo note\n---\nx\n");
        notes.write("content/files/" + nfc + ".txt", "composed\n");
        notes.write("content/files/" + nfd + ".txt", "decomposed\n");
        List<String> warnings = build();
        // Git sorts names by bytes: the decomposed "cafe\u0301" comes first and keeps the URL
        assertThat(warnings).contains(
                "content/good/" + nfc + ".md: its URL good/" + nfc + "/index.html is already taken by content/good/" + nfd
                        + ".md; not published",
                "content/files/foo: its output files/foo would be a file where content/files/foo.md needs a folder for "
                        + "files/foo/index.html; not published",
                "content/files/" + nfc + ".txt: its output files/" + nfc + ".txt is also made from content/files/" + nfd
                        + ".txt, which keeps it; not published");
        assertThat(notes.read("gh-pages", "good/" + nfc + "/index.html")).contains("Decomposed");
        assertThat(notes.read("gh-pages", "files/foo/index.html")).contains("Foo note");
        assertThat(notes.read("gh-pages", "files/" + nfc + ".txt")).isEqualTo("decomposed\n");
    }

    @Test
    void outNeverWritesOutsideItsDirectory() throws Exception {
        notes.write("content/good/dots.md", "---\ntitle: Dots\nslug: \"..\"\naliases: [\"/../../escaped\"]\n---\nx\n");
        notes.commitAll("escape attempts");
        Path out = tmp.resolve("site/out");
        Cli.Result r = Cli.run("build", "--source", notes.dir().toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        try (Stream<Path> all = Files.walk(tmp.resolve("site"))) {
            assertThat(all.filter(Files::isRegularFile)).allSatisfy(p -> assertThat(p).startsWith(out));
        }
        assertThat(out.resolve("good/dots/index.html")).exists();
    }
}
