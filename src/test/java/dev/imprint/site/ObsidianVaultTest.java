package dev.imprint.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.imprint.testing.Cli;
import dev.imprint.testing.GitRepo;

/** Obsidian-style notes: every wikilink and embed form, as a reader sees the pages. */
class ObsidianVaultTest {
    @TempDir
    Path tmp;
    GitRepo vault;

    @BeforeEach
    void setUp() {
        vault = GitRepo.init(tmp.resolve("vault"));
        vault.write("imprint.yml", "title: Vault\n");
        vault.write("content/garden/Plants.md", "---\naliases: [Greenery]\n---\n# Plants\n\n## Watering Schedule\n\nDaily.\n\n## Light\n\nBright.\n");
        vault.write("content/garden/deep/Plants.md", "# Plants (deeper)\n");
        vault.write("content/garden/pic.png", new byte[] {9});
        vault.write("content/journal/Unique Note.md", "# Unique Note\n\nEmbedded text here.\n");
        vault.write("content/journal/Loop A.md", "# Loop A\n\n![[Loop B]]\n");
        vault.write("content/journal/Loop B.md", "# Loop B\n\nB text.\n\n![[Loop A]]\n");
    }

    JsonNode build() throws Exception {
        vault.commitAll("vault");
        return Cli.buildReport(tmp.resolve("r.json"), "--source", vault.dir().toString(), "--out", tmp.resolve("out").toString());
    }

    Document page(String path) throws Exception {
        return Jsoup.parse(Files.readString(tmp.resolve("out").resolve(path)));
    }

    @Test
    void everyWikilinkForm() throws Exception {
        vault.write("content/journal/links.md", """
                # Links
                [[unique note]] [[Unique Note|shown text]] [[Plants#Watering Schedule]] [[#Section here]]
                [[garden/deep/Plants]] [[Unique Note.md]] [[Greenery]] [[Plants]] ![[pic.png|300]]
                `[[not a link]]`

                ## Section here
                """);
        JsonNode report = build();
        Document links = page("journal/links/index.html");
        var anchors = links.select("article a.wikilink");
        assertThat(anchors.eachAttr("href")).containsExactly(
                "../Unique-Note/index.html", "../Unique-Note/index.html", "../../garden/Plants/index.html#watering-schedule",
                "#section-here", "../../garden/deep/Plants/index.html", "../Unique-Note/index.html",
                "../../garden/Plants/index.html", "../../garden/Plants/index.html");
        assertThat(links.select("a:contains(shown text)")).hasSize(1);
        assertThat(links.select("img[width=300]").attr("src")).isEqualTo("../../garden/pic.png");
        assertThat(links.select("code").text()).isEqualTo("[[not a link]]");
        assertThat(report.get("broken_links")).isEmpty();
    }

    @Test
    void ambiguousNamesTakeTheShortestPath() throws Exception {
        vault.write("content/journal/amb.md", "# Amb\n[[Plants]] [[deep/Plants]]\n");
        build();
        assertThat(page("journal/amb/index.html").select("a.wikilink").eachAttr("href"))
                .containsExactly("../../garden/Plants/index.html", "../../garden/deep/Plants/index.html");
    }

    @Test
    void brokenWikilinksAndHeadingsAreReported() throws Exception {
        vault.write("content/journal/bad.md", "# Bad\n[[Nowhere]] [[Plants#No Such Heading]]\n");
        JsonNode report = build();
        assertThat(page("journal/bad/index.html").select("a.wikilink.broken")).hasSize(2);
        assertThat(report.get("broken_links").toString())
                .contains("{\"from\":\"content/journal/bad.md\",\"to\":\"[[Nowhere]]\"}")
                .contains("{\"from\":\"content/journal/bad.md\",\"to\":\"[[Plants#No Such Heading]]\"}");
    }

    @Test
    void embedsTransclude() throws Exception {
        vault.write("content/journal/embeds.md", "# Embeds\n\n![[Unique Note]]\n\n![[Plants#Light]]\n");
        build();
        Document embeds = page("journal/embeds/index.html");
        assertThat(embeds.select("div.embed").get(0).text()).contains("Embedded text here.");
        assertThat(embeds.select("div.embed").get(1).text()).contains("Bright.").doesNotContain("Daily.");
    }

    @Test
    void embedCyclesStopWithAVisibleMarker() throws Exception {
        build();
        Document a = page("journal/Loop-A/index.html");
        assertThat(a.text()).contains("B text.");
        assertThat(a.select(".embed-cycle").text()).contains("Loop A");
    }

    @Test
    void calloutsAndInlineTags() throws Exception {
        vault.write("content/journal/callout.md", "# Callout\n\n> [!warning]- Careful\n> Hot stove.\n\nA #kitchen tip.\n");
        build();
        Document page = page("journal/callout/index.html");
        assertThat(page.select("details.callout.callout-warning summary").text()).contains("Careful");
        assertThat(page.select("a.tag").attr("href")).isEqualTo("../../tags/kitchen/index.html");
        assertThat(Files.exists(tmp.resolve("out/tags/kitchen/index.html"))).isTrue();
    }

    @Test
    void anImageEmbedWithAFragmentIsTheImage() throws Exception {
        vault.write("content/journal/figure.md", "# Figure\n\n![[pic.png#wide]] ![[garden/pic.png#center|300]]\n");
        JsonNode report = build();
        Document page = page("journal/figure/index.html");
        assertThat(page.select("article img").eachAttr("src")).containsExactly("../../garden/pic.png", "../../garden/pic.png");
        assertThat(page.select("article img").eachAttr("alt")).containsExactly("pic.png", "garden/pic.png");
        assertThat(page.select("article img[width=300]")).hasSize(1);
        assertThat(page.select(".broken, .embed-broken")).isEmpty();
        assertThat(report.get("broken_links")).isEmpty();
    }

    @Test
    void anEmbeddedFileThatIsNoImageIsALinkToIt() throws Exception {
        vault.write("content/garden/field guide.pdf", new byte[] {'%', 'P', 'D', 'F'});
        vault.write("content/journal/reading.md", "# Reading\n\n![[field guide.pdf#page=3]]\n\nand ![[absent.pdf]]\n");
        JsonNode report = build();
        Document page = page("journal/reading/index.html");
        assertThat(page.select("a.embed-file").attr("href")).isEqualTo("../../garden/field-guide.pdf");
        assertThat(page.select("a.embed-file").text()).isEqualTo("field guide.pdf");
        assertThat(report.get("broken_links").toString())
                .isEqualTo("[{\"from\":\"content/journal/reading.md\",\"to\":\"![[absent.pdf]]\"}]");
    }

    /**
     * An app's own URL scheme leads out of the vault, never to a note: not a broken link, whatever it is. Unless
     * {@code links.allowed_schemes} allows the scheme it is shown as text (and reported); allowed, it is a link.
     */
    @Test
    void customUrlSchemesAreTextUnlessAllowedNeverBrokenLinks() throws Exception {
        vault.write("content/journal/apps.md", """
                # Apps
                [the vault](obsidian://open?vault=x) <zotero://select/items/1> [[obsidian://open?vault=x&file=Plants]]
                """);
        JsonNode report = build();
        Document page = page("journal/apps/index.html");
        assertThat(report.get("broken_links")).isEmpty();
        assertThat(page.select(".broken")).isEmpty();
        assertThat(page.select("article").text()).contains("the vault").contains("zotero://select/items/1")
                .contains("obsidian://open?vault=x&file=Plants");
        assertThat(page.select(".note-body a[href]")).isEmpty();
        assertThat(page.select(".note-body a:not([href])").eachText())
                .containsExactly("the vault", "zotero://select/items/1", "obsidian://open?vault=x&file=Plants");
        assertThat(report.get("warnings").toString())
                .contains("{\"path\":\"content/journal/apps.md\",\"message\":\"link to \\\"obsidian://open?vault=x\\\" "
                        + "is shown as text: the obsidian: scheme is not allowed (links.allowed_schemes adds one)\"}")
                .contains("link to \\\"zotero://select/items/1\\\" is shown as text")
                .contains("link to \\\"[[obsidian://open?vault=x&file=Plants]]\\\" is shown as text");
        assertThat(page("garden/Plants/index.html").text()).doesNotContain("Apps");

        vault.write("imprint.yml", "title: Vault\nlinks:\n  allowed_schemes: [obsidian, zotero]\n");
        report = build();
        page = page("journal/apps/index.html");
        assertThat(report.get("broken_links")).isEmpty();
        assertThat(report.get("warnings")).isEmpty();
        assertThat(page.select(".note-body a[href]").eachAttr("href")).containsExactly("obsidian://open?vault=x",
                "zotero://select/items/1", "obsidian://open?vault=x&file=Plants");
        assertThat(page("garden/Plants/index.html").text()).doesNotContain("Apps");
    }

    @Test
    void nestedHeadingPathsDescendLikeObsidian() throws Exception {
        vault.write("content/garden/Guide.md", """
                # Guide

                ## Setup

                ### Linux

                Install it.

                ### Windows

                Click it.

                ## Usage

                ### Linux

                Run it.
                """);
        vault.write("content/journal/nested.md", """
                # Nested
                [[Guide#Usage#Linux]] [[Guide#Setup#Linux]] [[Guide#Guide#Usage#Linux]] [[Guide#Usage#Windows]]

                ![[Guide#Usage#Linux]]
                """);
        JsonNode report = build();
        Document guide = page("garden/Guide/index.html");
        String setupLinux = guide.select("h2:contains(Setup) ~ h3:contains(Linux)").first().id();
        String usageLinux = guide.select("h2:contains(Usage) ~ h3:contains(Linux)").first().id();
        assertThat(setupLinux).isNotEqualTo(usageLinux);
        Document page = page("journal/nested/index.html");
        var links = page.select("article a.wikilink");
        assertThat(links.eachAttr("href")).containsExactly("../../garden/Guide/index.html#" + usageLinux,
                "../../garden/Guide/index.html#" + setupLinux, "../../garden/Guide/index.html#" + usageLinux,
                "[[Guide#Usage#Windows]]");
        assertThat(links.get(0).text()).isEqualTo("Guide > Usage > Linux");
        assertThat(page.select("div.embed").text()).contains("Run it.").doesNotContain("Install it.");
        // Windows is under Setup, not under Usage: that one is broken, and only that one
        assertThat(report.get("broken_links").toString())
                .isEqualTo("[{\"from\":\"content/journal/nested.md\",\"to\":\"[[Guide#Usage#Windows]]\"}]");
    }

    @Test
    void theGardenVaultBuildsWithItsWikilinksResolved() throws Exception {
        Path garden = Path.of("..", "shared", "corpora", "garden-quartz-docs", "docs");
        assumeTrue(Files.isDirectory(garden), "../shared/corpora/garden-quartz-docs is not there: skipping");
        GitRepo repo = GitRepo.init(tmp.resolve("garden"));
        try (var files = Files.walk(garden)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                repo.write("docs/" + garden.relativize(p), Files.readAllBytes(p));
            }
        }
        repo.write("imprint.yml", "title: Quartz\ncontent_dir: docs\n");
        repo.commitAll("vault");
        JsonNode broken = Cli.buildReport(tmp.resolve("garden.json"), "--source", repo.dir().toString(),
                "--out", tmp.resolve("garden-out").toString()).get("broken_links");
        // the one link the check finds is real: docs/configuration.md has no "Layout" heading (grep '^#' it)
        assertThat(broken.toString()).isEqualTo(
                "[{\"from\":\"docs/advanced/creating components.md\",\"to\":\"[[configuration#Layout]]\"}]");
    }
}
