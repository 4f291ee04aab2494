package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;

/** A Hugo site's layout settings: static folders, ignored files, taxonomies, JSON front matter, url and paths. */
class HugoSiteTest {
    @TempDir
    Path tmp;

    private BuildReport build(GitRepo notes) throws Exception {
        return GhPages.build(tmp.resolve("cache"), notes);
    }

    private GitRepo site(String configFile, String config) {
        GitRepo notes = GitRepo.init(tmp.resolve("site"));
        notes.write(configFile, config);
        notes.write("content/posts/a.md", "---\ntitle: A\ndate: 2023-01-01\n---\nText.\n");
        return notes;
    }

    @Test
    void staticFilesAreCopiedToTheSiteRoot() throws Exception {
        GitRepo notes = site("config.yaml", "title: S\n");
        notes.write("static/CNAME", "example.org\n");
        notes.write("static/img/a.png", "png");
        notes.write("static/notes/page.md", "# Not a note\n");
        notes.write("content/posts/b.md", "---\ntitle: B\ndate: 2023-01-02\n---\n![pic](/img/a.png)\n");
        notes.commitAll("static");
        BuildReport report = build(notes);
        assertThat(notes.read("gh-pages", "CNAME")).isEqualTo("example.org\n");
        assertThat(notes.read("gh-pages", "img/a.png")).isEqualTo("png");
        assertThat(notes.read("gh-pages", "notes/page.md")).isEqualTo("# Not a note\n");
        assertThat(notes.files("gh-pages")).noneMatch(p -> p.startsWith("static/"))
                .doesNotContain("notes/page/index.html");
        assertThat(notes.read("gh-pages", "posts/b/index.html")).contains("src=\"../../img/a.png\"");
        assertThat(report.brokenLinks()).isEmpty();
    }

    @Test
    void staticDirMayBeAListOfFolders() throws Exception {
        GitRepo notes = site("config.toml", "staticDir = [\"files\", \"/more/\"]\n");
        notes.write("files/robots-extra.txt", "one");
        notes.write("more/deep/two.txt", "two");
        notes.write("static/three.txt", "three");
        notes.commitAll("static folders");
        build(notes);
        assertThat(notes.read("gh-pages", "robots-extra.txt")).isEqualTo("one");
        assertThat(notes.read("gh-pages", "deep/two.txt")).isEqualTo("two");
        assertThat(notes.files("gh-pages")).doesNotContain("three.txt");
    }

    @Test
    void ignoreFilesLeavesMatchingFilesOutAndABadRegexIsNamed() throws Exception {
        GitRepo notes = site("config.yaml", "ignoreFiles:\n  - README\\.md$\n  - \"[unclosed\"\n  - \\.draft\\.png$\n");
        notes.write("content/posts/README.md", "# Read me\n");
        notes.write("content/posts/pic.draft.png", "x");
        notes.write("content/posts/pic.png", "y");
        notes.commitAll("ignored files");
        BuildReport report = build(notes);
        assertThat(notes.files("gh-pages")).contains("posts/a/index.html", "posts/pic.png")
                .doesNotContain("posts/readme/index.html", "posts/README/index.html", "posts/pic.draft.png");
        assertThat(report.warnings()).anySatisfy(w -> {
            assertThat(w.path()).isEqualTo("config.yaml");
            assertThat(w.message()).contains("config.yaml").contains("'[unclosed'").contains("skipped");
        });
    }

    @Test
    void taxonomiesOtherThanTagsAreNamedOnceAndCategoriesStayAParam() throws Exception {
        GitRepo notes = site("config.yaml", """
                title: K
                theme: x
                taxonomies:
                  series: series
                  tag: tags
                  archive: archive
                """);
        notes.write("content/posts/b.md", "---\ntitle: B\ndate: 2023-01-02\ntags: [emacs]\ncategories: [misc]\n---\nB.\n");
        notes.commitAll("taxonomies");
        BuildReport report = build(notes);
        assertThat(notes.files("gh-pages")).contains("tags/emacs/index.html").doesNotContain("categories/misc/index.html");
        assertThat(report.warnings()).filteredOn(w -> w.path().equals("config.yaml")).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("its theme is not used")
                        .contains("taxonomies series, archive are not supported; only tags")
                        .doesNotContain("categories"));

        GitRepo plain = GitRepo.init(tmp.resolve("plain"));
        plain.write("config.yaml", "title: P\n");
        plain.write("content/b.md", "---\ntitle: B\ncategories: [misc]\n---\nB.\n");
        plain.commitAll("categories, no taxonomies");
        assertThat(new Builder(tmp.resolve("cache2")).build(new BuildRequest(plain.dir().toString(), null, "gh-pages",
                null, null, null, false)).warnings()).noneSatisfy(w -> assertThat(w.message()).contains("categor"));
    }

    @Test
    void jsonFrontMatterIsReadAndAMalformedOneIsWarnedAbout() throws Exception {
        GitRepo notes = site("hugo.json", "{\"title\": \"J\"}\n");
        notes.write("content/posts/j.md", "{\n  \"title\": \"From JSON\",\n  \"date\": \"2023-02-03\",\n"
                + "  \"tags\": [\"json\"]\n}\nThe body.\n");
        notes.write("content/posts/k.md", "{\"title\": }\nBroken.\n");
        notes.write("content/posts/m.md", "{{< youtube dQw4w9WgXcQ >}}\n\nNot front matter.\n");
        notes.commitAll("JSON front matter");
        BuildReport report = build(notes);
        assertThat(notes.read("gh-pages", "posts/j/index.html")).contains("From JSON").contains("The body.")
                .contains("datetime=\"2023-02-03").doesNotContain("\"title\"");
        assertThat(notes.files("gh-pages")).contains("tags/json/index.html", "posts/m/index.html");
        assertThat(report.warnings()).anySatisfy(w -> {
            assertThat(w.path()).isEqualTo("content/posts/k.md");
            assertThat(w.message()).contains("malformed JSON front matter");
        });
        assertThat(report.warnings()).noneSatisfy(w -> assertThat(w.path()).isEqualTo("content/posts/m.md"));
    }

    @Test
    void urlGivesTheExactPathAndPathsAreLowerCasedWithLinksFollowing() throws Exception {
        GitRepo notes = site("config.yaml", "title: U\n");
        notes.write("content/Posts/My-Note.md", "---\ntitle: Mine\ndate: 2023-01-02\n---\nMine.\n");
        notes.write("content/posts/linker.md", "---\ntitle: Linker\ndate: 2023-01-03\n---\n"
                + "See [mine](../Posts/My-Note.md) and [there](../Special/Place.md).\n");
        notes.write("content/Special/Place.md", "---\ntitle: Placed\nurl: /Exact/Place/\n---\nHere.\n");
        notes.write("content/posts/file.md", "---\ntitle: File\nurl: /feeds/file.html\n---\nFile.\n");
        notes.write("content/posts/bad.md", "---\ntitle: Bad\nurl: /a/../../b/\n---\nBad.\n");
        notes.commitAll("url and case");
        BuildReport report = build(notes);
        assertThat(notes.files("gh-pages")).contains("posts/my-note/index.html", "Exact/Place/index.html",
                "feeds/file.html", "posts/bad/index.html").doesNotContain("Posts/My-Note/index.html");
        String linker = notes.read("gh-pages", "posts/linker/index.html");
        assertThat(linker).contains("href=\"../my-note/").contains("href=\"../../Exact/Place/");
        assertThat(report.brokenLinks()).isEmpty();
        assertThat(report.warnings()).anySatisfy(w -> {
            assertThat(w.path()).isEqualTo("content/posts/bad.md");
            assertThat(w.message()).contains("url '/a/../../b/'").contains("published at posts/bad/index.html");
        });
    }

    @Test
    void disablePathToLowerKeepsTheCase() throws Exception {
        GitRepo notes = site("config.yaml", "title: U\ndisablePathToLower: true\n");
        notes.write("content/Posts/My-Note.md", "---\ntitle: Mine\ndate: 2023-01-02\n---\nMine.\n");
        notes.commitAll("case kept");
        BuildReport report = build(notes);
        assertThat(notes.files("gh-pages")).contains("Posts/My-Note/index.html", "Posts/index.html");
        assertThat(report.warnings()).noneSatisfy(w -> assertThat(w.message()).contains("disablepathtolower"));
    }
}
