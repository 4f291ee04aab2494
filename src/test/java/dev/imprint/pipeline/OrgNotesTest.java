package dev.imprint.pipeline;

import static dev.imprint.pipeline.GhPages.page;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;

/** Org mode notes are notes: pages, dates, tags, contents, links and the Previously / Next chain, as Markdown's are. */
class OrgNotesTest {
    @TempDir
    Path tmp;

    private BuildReport build(GitRepo notes) throws Exception {
        return GhPages.build(tmp.resolve("cache"), notes);
    }

    /** The reference page: a Hugo site in Org mode, page bundles in two sections, a draft between two notes. */
    @Test
    void aHugoSiteInOrgModeGivesTheReferencePage() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("site"));
        notes.write("config.toml", "title = \"Jane Doe\"\nbaseURL = \"https://jane.example/\"\n");
        notes.write("content/labnotes/cress/index.org", """
                #+title: Growing cress
                #+date: <2023-01-10 Wed 09:00>
                #+tags[]: garden

                Day one.
                """);
        notes.write("content/fragments/unfinished/index.org", """
                #+title: Not ready
                #+date: 2023-02-01
                #+draft: true

                Secret.
                """);
        notes.write("content/fragments/light/index.org", """
                #+title: On light
                #+subtitle: a fragment
                #+date: [2023-03-05 Tue 17:57]
                #+filetags: :optics:notes:

                Light bends; see [[file:../../labnotes/cress/index.org][the cress]] and [[id:7f3a][the moss]].

                [[file:prism.png]]

                * Refraction
                  Snell's law, =n1 sin a = n2 sin b=.
                ** In water
                   *Slower*, /bent/.
                * Dispersion
                  - red
                  - blue
                """);
        notes.write("content/fragments/light/prism.png", "not really a png");
        notes.write("content/labnotes/moss/index.org", """
                :PROPERTIES:
                :ID: 7f3a
                :END:
                #+title: Moss
                #+date: 2023-04-20

                Green.
                """);
        notes.commitAll("an Org site");

        BuildReport report = build(notes);

        Document light = page(notes, "fragments/light/index.html");
        assertThat(light.select("header.site-header, header").first().text()).contains("Jane Doe");
        assertThat(light.select(".note-section").text()).isEqualTo("fragments");
        assertThat(light.select(".note-title").text()).isEqualTo("On light");
        assertThat(light.select(".note-subtitle").text()).isEqualTo("a fragment");
        assertThat(light.select("time").first().attr("datetime")).startsWith("2023-03-05");
        assertThat(light.select(".tags a").eachText()).containsExactly("optics", "notes");
        assertThat(light.select("nav.toc h2").text()).isEqualTo("Contents");
        assertThat(light.select("nav.toc a").eachText()).containsExactly("Refraction", "In water", "Dispersion");
        assertThat(light.select(".note-body h2").eachText()).containsExactly("Refraction", "Dispersion");
        assertThat(light.select(".note-body h3").eachText()).containsExactly("In water");
        assertThat(light.select(".note-body strong").text()).isEqualTo("Slower");
        assertThat(light.select(".note-body a:contains(the cress)").attr("href")).isEqualTo("../../labnotes/cress/index.html");
        assertThat(light.select(".note-body a:contains(the moss)").attr("href")).isEqualTo("../../labnotes/moss/index.html");
        assertThat(light.select(".note-body img").attr("src")).isEqualTo("prism.png");
        assertThat(notes.files("gh-pages")).contains("fragments/light/prism.png");

        // Previously / Next skip the draft and name each neighbour's section
        assertThat(light.select(".pager-prev .pager-section").text()).isEqualTo("labnotes");
        assertThat(light.select(".pager-prev .pager-title").text()).isEqualTo("Growing cress");
        assertThat(light.select(".pager-next .pager-section").text()).isEqualTo("labnotes");
        assertThat(light.select(".pager-next .pager-title").text()).isEqualTo("Moss");
        assertThat(page(notes, "labnotes/cress/index.html").select(".pager-next .pager-subtitle").text())
                .isEqualTo("a fragment");
        assertThat(notes.files("gh-pages")).doesNotContain("fragments/unfinished/index.html")
                .noneMatch(f -> f.endsWith(".org"));
        assertThat(report.warnings()).noneMatch(w -> w.path().endsWith(".org"));
    }

    @Test
    void brokenOrgLinksAreReportedLikeMarkdownOnes() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("site"));
        notes.write("notes/a.org", """
                #+title: A

                See [[file:missing.org][nothing]], [[id:nope][no one]] and [[file:b.org][B]].
                """);
        notes.write("notes/b.md", "# B\n\nBack to [A](a.org).\n");
        notes.commitAll("links");

        BuildReport report = build(notes);

        assertThat(report.brokenLinks()).extracting(b -> b.from() + " → " + b.to())
                .containsExactlyInAnyOrder("notes/a.org → missing.org", "notes/a.org → id:nope");
        assertThat(page(notes, "notes/a/index.html").select("a:contains(B)").attr("href")).isEqualTo("../b/index.html");
        assertThat(page(notes, "notes/b/index.html").select("a:contains(A)").attr("href")).isEqualTo("../a/index.html");
    }

    @Test
    void anOrgLinkToAScriptUrlNeverReachesThePage() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("site"));
        notes.write("a.org", "#+title: A\n\n[[javascript:alert(1)][click]] and [[JavaScript:alert(2)]]\n");
        notes.commitAll("hostile");

        build(notes);

        Document a = page(notes, "a/index.html");
        assertThat(a.select("a[href]").eachAttr("href")).noneMatch(h -> h.toLowerCase().contains("javascript"));
        assertThat(a.select(".note-body").text()).contains("click");
    }

    /** Hugo's term pages: content/tags/_index and content/tags/<tag>/_index name and introduce the tag pages. */
    @Test
    void hugoTermPagesIntroduceTheirTags() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("site"));
        notes.write("config.yaml", "title: Jane Doe\n");
        notes.write("content/tags/_index.org", "#+title: Topics\n\nWhat I write about.\n");
        notes.write("content/tags/emacs/_index.org", "#+title: Emacs\n\nThe editor.\n");
        notes.write("content/tags/unused/_index.org", "#+title: Unused\n");
        notes.write("content/a.org", "#+title: A\n#+tags[]: emacs\n\nText.\n");
        notes.commitAll("term pages");

        BuildReport report = build(notes);

        Document tag = page(notes, "tags/emacs/index.html");
        assertThat(tag.select("h1").text()).isEqualTo("Tagged \u201cEmacs\u201d");
        assertThat(tag.select(".intro").text()).isEqualTo("The editor.");
        assertThat(tag.select(".note-list").text()).contains("A");
        assertThat(page(notes, "tags/index.html").select(".intro").text()).isEqualTo("What I write about.");
        // as in Hugo, a term page is published before any note has its tag: links to it keep working
        assertThat(page(notes, "tags/unused/index.html").select(".empty").text()).isEqualTo("No notes here yet.");
        assertThat(report.warnings()).isEmpty();
    }

    /** Branch bundles: a section's _index.org is its intro; a root index.org the home page's. */
    @Test
    void indexOrgFilesIntroduceTheirSectionAndTheHomePage() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("site"));
        notes.write("content/_index.org", "#+title: Home\n\nWelcome, *reader*.\n");
        notes.write("content/labnotes/_index.org", "#+title: Lab notes\n\nWhat I tried.\n");
        notes.write("content/labnotes/cress.org", "#+title: Cress\n#+date: 2023-01-01\n\nGrows.\n");
        notes.write("config.toml", "title = \"Jane Doe\"\n");
        notes.commitAll("intros");

        build(notes);

        Document section = page(notes, "labnotes/index.html");
        assertThat(section.select("h1").text()).isEqualTo("Lab notes");
        assertThat(section.select(".intro").text()).isEqualTo("What I tried.");
        assertThat(section.select(".note-list").text()).contains("Cress");
        assertThat(page(notes, "index.html").select(".intro strong").text()).isEqualTo("reader");
        assertThat(page(notes, "labnotes/cress/index.html").select(".note-section").text()).isEqualTo("labnotes");
    }

    /** Org's #+OPTIONS: toc:nil hides "Contents", toc:1 lists only the top headlines; Markdown's toc key the same. */
    @Test
    void theNotesTocOptionSetsWhatContentsLists() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("site"));
        String outline = "* One\nText.\n** Deeper\nMore.\n";
        notes.write("a.org", "#+title: A\n#+OPTIONS: toc:nil\n\n" + outline);
        notes.write("b.org", "#+title: B\n#+OPTIONS: toc:1\n\n" + outline);
        notes.write("c.org", "#+title: C\n\n" + outline);
        notes.write("d.md", "---\ntitle: D\ntoc: false\n---\n## One\n\nText.\n");
        notes.commitAll("toc options");

        build(notes);

        assertThat(page(notes, "a/index.html").select("nav.toc")).isEmpty();
        assertThat(page(notes, "b/index.html").select("nav.toc a").eachText()).containsExactly("One");
        assertThat(page(notes, "c/index.html").select("nav.toc a").eachText()).containsExactly("One", "Deeper");
        assertThat(page(notes, "d/index.html").select("nav.toc")).isEmpty();
    }
}
