package dev.imprint.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.imprint.testing.Cli;
import dev.imprint.testing.GitRepo;

/**
 * A relative path with a folder in it is looked for from the page, then from the content root, as Hugo's
 * {@code ref} (which Shortcodes turns into such a path) and Obsidian's vault paths mean it.
 */
class LinkIndexRootFallbackTest {
    @TempDir
    Path tmp;

    @Test
    void aPathIsFoundFromThePageFirstThenFromTheRootAndAMissingOneIsBroken() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("content/blog/a.md", "# A\n\n## Part\n");
        notes.write("content/blog/x/y.md", "# Near\n");
        notes.write("content/x/y.md", "# Far\n");
        notes.write("content/blog/b.md", """
                # B
                [root](blog/a.md#part) [near](x/y.md) [gone](blog/missing.md) [heading](blog/a.md#nope)
                """);
        notes.commitAll("hugo refs");
        JsonNode report = Cli.buildReport(tmp.resolve("report.json"), "--source", notes.dir().toString(),
                "--branch", "gh-pages");

        Document b = Jsoup.parse(notes.read("gh-pages", "blog/b/index.html"));
        assertThat(b.select("a:contains(root)").attr("href")).isEqualTo("../a/index.html#part");
        assertThat(b.select("a:contains(near)").attr("href")).isEqualTo("../x/y/index.html");
        assertThat(b.select("a.broken")).extracting(a -> a.text()).containsExactly("gone", "heading");
        assertThat(b.select("a:contains(heading)").attr("title")).contains("no heading 'nope'");
        assertThat(report.get("broken_links").toString())
                .contains("{\"from\":\"content/blog/b.md\",\"to\":\"blog/missing.md\"}")
                .contains("{\"from\":\"content/blog/b.md\",\"to\":\"blog/a.md#nope\"}");
    }
}
