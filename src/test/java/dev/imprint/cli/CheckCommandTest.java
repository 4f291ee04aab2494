package dev.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.Cli;
import dev.imprint.testing.GitRepo;

/**
 * {@code imprint check} lists exactly what {@code build --report} lists: every kind of warning, whichever stage
 * finds it (reading the source, making the site, emitting, claiming output paths, rendering pages), and the broken
 * links.
 */
class CheckCommandTest {
    private static final Pattern WARNING = Pattern.compile("(.+?):\\d+: warning: (.*)");
    private static final Pattern BROKEN = Pattern.compile("(.+?):\\d+: broken link: (.*) \\(.*\\)");

    @TempDir
    Path tmp;

    @Test
    void checkListsWhatTheBuildReportLists() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("imprint.yml", "title: Notes\ncolour: blue\n"); // an unknown setting: read with the source
        notes.write("content/a/aliased.md", "---\ntitle: Aliased\ndate: 2024-01-01\naliases: [\"..\"]\n---\nMoved.\n");
        notes.write("content/a/bad.md", "---\ntitle: [oops\ndate: 2024-01-02\n---\nBody survives.\n");
        notes.write("content/a/dots.md", "---\ntitle: Dots\nslug: \".?.\"\n---\nAn unsafe slug.\n");
        notes.write("content/a/links.md", "# Links\n\nfirst line\n[gone](missing.md) [x](javascript:alert(1)) "
                + "[y](JaVaScRiPt:alert(1))\n");
        notes.write("content/a/fragile.md", "---\ntitle: Fragile\ndate: 2024-01-03\n---\nBreaks the template.\n");
        notes.write("content/a/foo.md", "# Foo\n\nA note whose page needs the folder a/foo.\n");
        notes.write("content/a/foo", "an asset that wants to be the file a/foo\n");
        // fails on one page only (so only rendering finds it) and carries a URL the last look refuses
        notes.write("templates/note.peb", "<a href=\"javascript:alert(3)\">{{ note.title }}</a>"
                + "{% if note.title == \"Fragile\" %}{{ 1 / 0 }}{% endif %}\n");
        notes.commitAll("every kind of warning");

        for (String[] target : List.of(new String[] {"--branch", "gh-pages"},
                new String[] {"--out", tmp.resolve("out").toString()})) {
            JsonNode report = Cli.buildReport(tmp.resolve("report.json"), "--source", notes.dir().toString(),
                    target[0], target[1]);
            List<String> reported = new ArrayList<>();
            report.get("warnings").forEach(w -> reported.add(w.get("path").asText() + ": " + w.get("message").asText()));
            List<String> reportedLinks = new ArrayList<>();
            report.get("broken_links").forEach(b -> reportedLinks.add(b.get("from").asText() + ": " + b.get("to").asText()));
            assertThat(reported).as("every stage's warnings are in the report")
                    .anyMatch(w -> w.startsWith("imprint.yml: unknown setting 'colour'"))
                    .anyMatch(w -> w.startsWith("content/a/aliased.md: alias '..' is not a usable URL"))
                    .anyMatch(w -> w.startsWith("content/a/bad.md: malformed front matter"))
                    .anyMatch(w -> w.startsWith("content/a/dots.md: "))
                    .anyMatch(w -> w.startsWith("content/a/links.md: link to \"JaVaScRiPt:alert(1)\" is shown as text"))
                    .anyMatch(w -> w.startsWith("content/a/links.md: link to \"javascript:alert(1)\" is shown as text"))
                    .anyMatch(w -> w.startsWith("content/a/foo: its output a/foo would be a file where"))
                    .anyMatch(w -> w.startsWith("templates/note.peb: ") && w.contains("the built-in template was used"))
                    .anyMatch(w -> w.startsWith("a/links/index.html: <a> href \"javascript:alert(3)\" replaced by \"#\""));
            assertThat(reportedLinks).containsExactly("content/a/links.md: missing.md");

            Cli.Result check = Cli.run("check", "--source", notes.dir().toString());
            List<String> checked = new ArrayList<>();
            List<String> checkedLinks = new ArrayList<>();
            for (String line : check.out().lines().toList()) {
                Matcher w = WARNING.matcher(line);
                Matcher b = BROKEN.matcher(line);
                if (w.matches()) {
                    checked.add(w.group(1) + ": " + w.group(2));
                } else if (b.matches()) {
                    checkedLinks.add(b.group(1) + ": " + b.group(2));
                } else if (!checked.isEmpty() && checkedLinks.isEmpty()) {
                    // a message of several lines (the YAML parser's, pointing at the error) goes on
                    int last = checked.size() - 1;
                    checked.set(last, checked.get(last) + "\n" + line);
                } else {
                    throw new AssertionError("not a line check prints: " + line);
                }
            }
            assertThat(checked).as("check's warnings, " + target[0]).containsExactlyElementsOf(reported);
            assertThat(checkedLinks).as("check's broken links, " + target[0]).containsExactlyElementsOf(reportedLinks);
            assertThat(check.out()).contains("content/a/links.md:4: broken link: missing.md (no such note or file)");
            assertThat(check.err()).startsWith("1 broken link, " + reported.size() + " warnings in ");
            assertThat(check.exit()).isEqualTo(1);
        }
    }
}
