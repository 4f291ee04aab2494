package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.imprint.testing.Cli;
import dev.imprint.testing.GitRepo;

/** Broken notes become warnings naming the file; the rest of the site is always published. */
class BadInputTest {
    @TempDir
    Path tmp;
    GitRepo notes;

    @BeforeEach
    void setUp() {
        notes = withAFineNote(tmp.resolve("notes"));
    }

    /** A notes repository with one good note, content/good/fine.md ("Fine note"), whose page every build must have. */
    static GitRepo withAFineNote(Path dir) {
        GitRepo notes = GitRepo.init(dir);
        notes.write("content/good/fine.md", "---\ntitle: Fine note\ndate: 2024-01-01\n---\nAll good.\n");
        return notes;
    }

    /** Builds and returns the report's warnings as "path: message" lines; asserts the good note was published. */
    List<String> buildWarnings() throws Exception {
        notes.commitAll("bad input");
        JsonNode report = Cli.buildReport(tmp.resolve("report.json"), "--source", notes.dir().toString(), "--branch", "gh-pages");
        assertThat(notes.read("gh-pages", "good/fine/index.html")).contains("Fine note");
        return warnings(report);
    }

    /** A report's warnings as "path: message" lines. */
    static List<String> warnings(Path report) throws Exception {
        return warnings(new ObjectMapper().readTree(report.toFile()));
    }

    static List<String> warnings(JsonNode json) {
        List<String> out = new ArrayList<>();
        json.get("warnings").forEach(w -> out.add(w.get("path").asText() + ": " + w.get("message").asText()));
        return out;
    }

    @Test
    void malformedFrontMatter() throws Exception {
        notes.write("content/good/broken.md", "---\ntitle: [oops\ndate: 2024-01-02\n---\nBody survives.\n");
        assertThat(buildWarnings()).anyMatch(w -> w.startsWith("content/good/broken.md: malformed front matter"));
        assertThat(notes.read("gh-pages", "good/broken/index.html")).contains("Body survives.");
    }

    @Test
    void unclosedFrontMatter() throws Exception {
        notes.write("content/good/unclosed.md", "---\ntitle: x\n\nNo closing line.\n");
        assertThat(buildWarnings()).contains("content/good/unclosed.md: front matter starts with '---' but has no closing '---' line");
    }

    @Test
    void emptyNote() throws Exception {
        notes.write("content/good/empty.md", "");
        assertThat(buildWarnings()).contains("content/good/empty.md: empty note");
        assertThat(notes.read("gh-pages", "good/empty/index.html")).contains("Empty");
    }

    @Test
    void aNoteOfFrontMatterOnlyIsAPageNotAProblemButATitleAloneIs() throws Exception {
        notes.write("content/good/cover.md", "---\ntitle: Ivy\nyoutube: d1g3_nWRwpM\ndate: 2014-12-15\n---\n");
        notes.write("content/good/cover-again.org", "#+title: Ivy again\n#+youtube: d1g3_nWRwpM\n");
        notes.write("content/good/stub.md", "---\ntitle: Later\n---\n");
        List<String> warnings = buildWarnings();
        assertThat(warnings).contains("content/good/stub.md: empty note")
                .noneMatch(w -> w.startsWith("content/good/cover."));
        assertThat(notes.read("gh-pages", "good/cover/index.html")).contains("Ivy");
    }

    @Test
    void binaryFileNamedMarkdown() throws Exception {
        notes.write("content/good/image.md", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2, 3});
        assertThat(buildWarnings()).contains("content/good/image.md: binary file with a Markdown name; not rendered");
    }

    @Test
    void invalidUtf8() throws Exception {
        notes.write("content/good/latin1.md", new byte[] {'#', ' ', 'C', 'a', 'f', (byte) 0xE9, '\n', '\n', 'x', '\n'});
        assertThat(buildWarnings()).contains("content/good/latin1.md: not valid UTF-8; unreadable bytes shown as \uFFFD");
        assertThat(notes.read("gh-pages", "good/latin1/index.html")).contains("Caf\uFFFD");
    }

    @Test
    void hugeNote() throws Exception {
        notes.write("content/good/huge.md", "word ".repeat(2_100_000));
        assertThat(buildWarnings()).contains("content/good/huge.md: note is 10.0 MB, over the 2 MB limit; not rendered");
    }

    @Test
    void symlinkIsNeverFollowed() throws Exception {
        Files.writeString(tmp.resolve("secret.txt"), "top secret");
        Files.createSymbolicLink(notes.dir().resolve("content/good/link.md"), tmp.resolve("secret.txt"));
        assertThat(buildWarnings()).contains("content/good/link.md: symbolic link not followed; the file is not published");
        for (String f : notes.files("gh-pages")) {
            assertThat(notes.read("gh-pages", f)).doesNotContain("top secret");
        }
    }

    @Test
    void escapingSlug() throws Exception {
        notes.write("content/good/sneaky.md", "---\ntitle: Sneaky\nslug: ../../x\n---\nHi\n");
        assertThat(buildWarnings()).contains("content/good/sneaky.md: slug '../../x' would make a '/' or '\\' inside one path segment; ignored, published at good/sneaky/index.html");
        assertThat(notes.files("gh-pages")).contains("good/sneaky/index.html").noneMatch(f -> f.startsWith("x/") || f.contains(".."));
    }

    @Test
    void twoNotesClaimingOneUrl() throws Exception {
        notes.write("content/good/twin.md", "---\ntitle: First twin\n---\nA\n");
        notes.write("content/good/other.md", "---\ntitle: Second twin\nslug: twin\n---\nB\n");
        assertThat(buildWarnings()).contains(
                "content/good/twin.md: its URL good/twin/index.html is already taken by content/good/other.md; not published");
        assertThat(notes.read("gh-pages", "good/twin/index.html")).contains("Second twin");
    }

    @Test
    void brokenTemplateFallsBackToTheBuiltIn() throws Exception {
        notes.write("templates/note.peb", "{% extends \"base.peb\" %}{% block content %}{{ note.title {% endblock %}");
        List<String> warnings = buildWarnings();
        assertThat(warnings).anyMatch(w -> w.startsWith("templates/note.peb: ") && w.endsWith("the built-in template is used"));
        assertThat(notes.read("gh-pages", "good/fine/index.html")).contains("All good.");
    }

    @Test
    void badDateIsAWarningNotAFailure() throws Exception {
        notes.write("content/good/when.md", "---\ntitle: When\ndate: last tuesday\n---\nx\n");
        assertThat(buildWarnings()).contains(
                "content/good/when.md: date 'last tuesday' is not a date (write 2024-07-24 or 2024-07-24T06:15:04); ignored");
    }

    @Test
    void rawHtmlIsSanitizedByDefaultAndAllowedOnRequest() throws Exception {
        notes.write("content/good/html.md", "# Html\n\n<script>alert(1)</script>\n\n<b onclick=\"x()\">bold</b> [js](javascript:alert(2))\n");
        buildWarnings();
        String page = notes.read("gh-pages", "good/html/index.html");
        assertThat(page).contains("<b>bold</b>").doesNotContain("alert(1)").doesNotContain("onclick").doesNotContain("javascript:");

        notes.write("imprint.yml", "raw_html: allow\n");
        buildWarnings();
        assertThat(notes.read("gh-pages", "good/html/index.html")).contains("<script>alert(1)</script>").contains("onclick");
    }
}
