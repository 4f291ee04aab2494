package dev.imprint.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.imprint.testing.Cli;
import dev.imprint.testing.GitRepo;

/** Links between notes as a reader follows them in the published site. */
class LinksTest {
    @TempDir
    Path tmp;
    GitRepo notes;

    @BeforeEach
    void setUp() {
        notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("content/garden/target note.md", "# Target Note\n\n## Part Two\n\nText.\n");
        notes.write("content/garden/images/pic.png", new byte[] {1, 2, 3});
        notes.write("content/other/deep/leaf.md", "---\ntitle: Leaf\naliases: [old-leaf, /legacy/leaf/]\n---\nLeaf text.\n");
        notes.write("content/other/secret.md", "---\ntitle: Secret\ndraft: true\n---\nx\n");
    }

    JsonNode build() throws Exception {
        notes.commitAll("links");
        return Cli.buildReport(tmp.resolve("report.json"), "--source", notes.dir().toString(), "--branch", "gh-pages");
    }

    Document page(String path) throws Exception {
        String html = notes.read("gh-pages", path);
        assertThat(html).as(path).isNotNull();
        return Jsoup.parse(html);
    }

    @Test
    void relativeMarkdownLinksBecomeThePagesRelativeUrls() throws Exception {
        notes.write("content/other/deep/from.md", """
                # From
                [rel](../../garden/target%20note.md#part-two) [abs](/garden/target%20note.md)
                [leaf](leaf.md) ![pic](/garden/images/pic.png) [ext](https://example.org/x) [same](#top)
                """);
        JsonNode report = build();
        Document from = page("other/deep/from/index.html");
        assertThat(from.select("a:contains(rel)").attr("href")).isEqualTo("../../../garden/target-note/index.html#part-two");
        assertThat(from.select("a:contains(abs)").attr("href")).isEqualTo("../../../garden/target-note/index.html");
        assertThat(from.select("a:contains(leaf)").attr("href")).isEqualTo("../leaf/index.html");
        assertThat(from.select("img").attr("src")).isEqualTo("../../../garden/images/pic.png");
        assertThat(from.select("a:contains(ext)").attr("href")).isEqualTo("https://example.org/x");
        assertThat(from.select("a:contains(same)").attr("href")).isEqualTo("#top");
        assertThat(report.get("broken_links")).isEmpty();
        assertThat(notes.readBytes("gh-pages", "garden/images/pic.png")).containsExactly(1, 2, 3);
    }

    @Test
    void brokenLinksAreMarkedAndReported() throws Exception {
        notes.write("content/garden/bad.md", """
                # Bad
                [gone](missing.md) [heading](target%20note.md#no-such-part) [draft](../other/secret.md)
                """);
        JsonNode report = build();
        Document bad = page("garden/bad/index.html");
        assertThat(bad.select("a.broken")).hasSize(3);
        assertThat(bad.select("a.broken").first().attr("title")).contains("no such note");
        assertThat(report.get("broken_links").toString())
                .contains("{\"from\":\"content/garden/bad.md\",\"to\":\"missing.md\"}")
                .contains("{\"from\":\"content/garden/bad.md\",\"to\":\"target%20note.md#no-such-part\"}")
                .contains("{\"from\":\"content/garden/bad.md\",\"to\":\"../other/secret.md\"}");
    }

    @Test
    void backlinksListTheNotesThatLinkHere() throws Exception {
        notes.write("content/garden/b.md", "# Bravo\n[t](target%20note.md)\n");
        notes.write("content/garden/a.md", "# Alpha\n[t](target%20note.md) [again](target%20note.md#part-two)\n");
        build();
        Document target = page("garden/target-note/index.html");
        assertThat(target.text()).contains("Linked from");
        var backlinks = target.select("#backlinks-heading + ul a");
        assertThat(backlinks.eachText()).containsExactly("garden Alpha", "garden Bravo");
        assertThat(backlinks.eachAttr("href")).containsExactly("../../garden/a/index.html", "../../garden/b/index.html");
    }

    @Test
    void aliasesGetRedirectPages() throws Exception {
        build();
        Document sibling = page("other/deep/old-leaf/index.html");
        assertThat(sibling.select("meta[http-equiv=refresh]").attr("content")).isEqualTo("0; url=../leaf/index.html");
        assertThat(sibling.select("link[rel=canonical]")).isNotEmpty();
        Document rooted = page("legacy/leaf/index.html");
        assertThat(rooted.select("meta[http-equiv=refresh]").attr("content")).isEqualTo("0; url=../../other/deep/leaf/index.html");
    }

    @Test
    void checkPrintsCompilerStyleLinesAndFailsOnBrokenLinks() throws Exception {
        notes.write("content/garden/bad.md", "# Bad\n\nfirst line\n[gone](missing.md)\n");
        notes.commitAll("bad");
        Cli.Result r = Cli.run("check", "--source", notes.dir().toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("content/garden/bad.md:4: broken link: missing.md (no such note or file)");

        notes.write("content/garden/bad.md", "# Fixed\n");
        notes.commitAll("fix");
        Cli.Result ok = Cli.run("check", "--source", notes.dir().toString());
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).isEmpty();
        assertThat(ok.err()).contains("0 broken links");
    }
}
