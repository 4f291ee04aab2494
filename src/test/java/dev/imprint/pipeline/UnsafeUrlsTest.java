package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.site.UrlSchemes;
import dev.imprint.testing.Cli;
import dev.imprint.testing.GitRepo;
import dev.imprint.testing.SiteTrees;

/**
 * No page carries a URL that runs script, however the note spells it: a link to one is shown as text and reported
 * (never as a broken link), and a full and a warm incremental build agree on both the site and the report.
 */
class UnsafeUrlsTest {
    /** Every hostile spelling of a script URL a note may write as a link, and the harmless ones beside them. */
    static final String HOSTILE = """
            # Hostile

            [newline](java&#10;script:alert(1)) [mixed case](JaVaScRiPt:alert(1)) [entity](&#x6A;avascript:alert(1))
            <javascript:alert(1)> [vb](vbscript:msgbox) [html](data:text/html,<script>alert(1)</script>)
            [[javascript:alert(1)]] [pixel as a link](data:image/png;base64,iVBORw0KGgo=) [[javascript:alert(1)|alias]]
            [[javascript://%0Aalert(1)|wiki url]]

            ![pixel](data:image/png;base64,iVBORw0KGgo=) ![script image](JaVaScRiPt:alert(2))

            [web](https://example.org/) [mail](mailto:ada@example.org) [top](#top) [fine](fine.md)
            """;

    @TempDir
    Path tmp;
    GitRepo notes;

    @BeforeEach
    void setUp() {
        notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("content/fine.md", "---\ntitle: Fine\ndate: 2024-01-01\n---\nAll good.\n");
    }

    @Test
    void everyHostileSpellingIsShownAsTextAndReported() throws Exception {
        notes.write("content/hostile.md", "---\ndate: 2024-01-02\n---\n" + HOSTILE);
        BuildReport report = build();
        Document page = Jsoup.parse(notes.read("gh-pages", "hostile/index.html"));
        Element body = page.selectFirst(".note-body");
        assertThat(body.select("a:not([href])").eachText())
                .containsExactly("newline", "mixed case", "entity", "javascript:alert(1)", "vb", "html", "pixel as a link",
                        "wiki url");
        assertThat(body.select("img[src]").eachAttr("src")).containsExactly("data:image/png;base64,iVBORw0KGgo=");
        assertThat(body.select("img:not([src])").eachAttr("alt")).as(body.html()).containsExactly("script image");
        assertThat(body.select("a[href]").eachAttr("href"))
                .contains("https://example.org/", "mailto:ada@example.org", "#top", "../fine/index.html");
        assertThat(lines(report)).contains(
                "content/hostile.md: link to \"java\\nscript:alert(1)\" is shown as text: the javascript: scheme is not allowed",
                "content/hostile.md: link to \"JaVaScRiPt:alert(1)\" is shown as text: the javascript: scheme is not allowed",
                "content/hostile.md: link to \"javascript:alert(1)\" is shown as text: the javascript: scheme is not allowed",
                "content/hostile.md: link to \"vbscript:msgbox\" is shown as text: the vbscript: scheme is not allowed",
                "content/hostile.md: link to \"data:text/html,<script>alert(1)</script>\" is shown as text: the data: "
                        + "scheme is allowed only for images",
                "content/hostile.md: link to \"data:image/png;base64,iVBORw0KGgo=\" is shown as text: the data: scheme "
                        + "is allowed only for images",
                "content/hostile.md: link to \"[[javascript://%0Aalert(1)]]\" is shown as text: the javascript: scheme "
                        + "is not allowed",
                "content/hostile.md: image \"JaVaScRiPt:alert(2)\" is left out: the javascript: scheme is not allowed");
        // [[javascript:alert(1)]] names a note that is not there (it could be an alias): broken, its href harmless
        assertThat(report.brokenLinks()).containsExactly(
                new BuildReport.BrokenLinkEntry("content/hostile.md", "[[javascript:alert(1)]]"));
        assertEveryUrlIsAllowed(Set.of());

        // imprint check says the same, as warnings: a link shown as text is not a broken link
        Cli.Result check = Cli.run("check", "--source", notes.dir().toString());
        assertThat(check.out()).contains("content/hostile.md:1: warning: link to \"vbscript:msgbox\" is shown as text: "
                + "the vbscript: scheme is not allowed");
        assertThat(check.err()).startsWith("1 broken link, 8 warnings in 2 notes");
        assertThat(Cli.run("check", "--source", notes.dir().toString(), "--strict").exit()).isEqualTo(1);
    }

    /** A note with raw HTML is sanitized (jsoup writes its links anew): its links are shown as text all the same. */
    @Test
    void aSanitizedNotesLinksToo() throws Exception {
        notes.write("content/mixed.md", "# Mixed\n\n<b title=\"t\">bold</b> [run](JaVaScRiPt:alert(1) \"a title\") "
                + "[[vbscript://x|wiki]] ![pic](VBScript:x) [ok](fine.md)\n");
        BuildReport report = build();
        Element body = Jsoup.parse(notes.read("gh-pages", "mixed/index.html")).selectFirst(".note-body");
        assertThat(body.select("b").outerHtml()).isEqualTo("<b>bold</b>"); // sanitized: title dropped
        assertThat(body.select("a:not([href])").eachText()).containsExactly("run", "wiki");
        assertThat(body.select("a:not([href])").first().attr("title")).isEqualTo("a title");
        assertThat(body.select("img").outerHtml()).isEqualTo("<img alt=\"pic\">");
        assertThat(body.select("a[href]").eachAttr("href")).containsExactly("../fine/index.html");
        assertThat(lines(report)).hasSize(3).allMatch(l -> l.startsWith("content/mixed.md: "));
        assertThat(report.brokenLinks()).isEmpty();
    }

    /**
     * What the link stage never sees (a note's raw HTML when raw_html is allowed, a template override, base_url in a
     * redirect page) gets the last look every generated page gets: the URL becomes "#", reported with the page.
     */
    @Test
    void rawHtmlTemplatesAndRedirectsGetTheLastLook() throws Exception {
        notes.write("imprint.yml", "raw_html: allow\nbase_url: 'JaVaScRiPt:alert(5)//'\n");
        notes.write("content/raw.md", "---\ndate: 2024-01-03\naliases: [old-raw]\n---\n# Raw\n\n"
                + "<a href=\"jav&#x09;ascript:alert(1)\">tab</a> <img src=\"pic.png\" srcset=\"javascript:alert(2) 2x\">"
                + " <b onclick=\"kept()\">raw html stays raw</b>\n");
        notes.write("templates/note.peb", IncrementalPropertyTest.BUILT_IN_NOTE.replace("<article class=\"note\">",
                "<article class=\"note\"><a class=\"t\" href=\"javascript:alert(3)\">template</a>"));
        BuildReport report = build();
        String page = notes.read("gh-pages", "raw/index.html");
        assertThat(page).contains("<a href=\"#\">tab</a>", "<img src=\"pic.png\" srcset=\"#\">",
                "<b onclick=\"kept()\">raw html stays raw</b>", "<a class=\"t\" href=\"#\">template</a>");
        assertThat(notes.read("gh-pages", "fine/index.html")).contains("<a class=\"t\" href=\"#\">template</a>");
        assertThat(notes.read("gh-pages", "old-raw/index.html")).contains("<link rel=\"canonical\" href=\"#\">");
        String feed = Jsoup.parse(notes.read("gh-pages", "feed.xml"), "", org.jsoup.parser.Parser.xmlParser())
                .select("entry content").first().text();
        assertThat(feed).contains("<a href=\"#\">tab</a>").doesNotContain("ascript");
        assertThat(lines(report)).contains(
                "raw/index.html: <a> href \"jav\\tascript:alert(1)\" replaced by \"#\": the javascript: scheme is not allowed",
                "raw/index.html: <img> srcset \"javascript:alert(2)\" replaced by \"#\": the javascript: scheme is not allowed",
                "raw/index.html: <a> href \"javascript:alert(3)\" replaced by \"#\": the javascript: scheme is not allowed",
                "fine/index.html: <a> href \"javascript:alert(3)\" replaced by \"#\": the javascript: scheme is not allowed",
                "feed.xml: <a> href \"jav\\tascript:alert(1)\" replaced by \"#\": the javascript: scheme is not allowed",
                "old-raw/index.html: <link> href \"JaVaScRiPt:alert(5)//raw/\" replaced by \"#\": the javascript: scheme"
                        + " is not allowed");
        assertThat(report.brokenLinks()).isEmpty();
        assertEveryUrlIsAllowed(Set.of());
    }

    /**
     * The links shown as text are carried from build to build like broken links: a warm build that patches its last
     * plan (a note's words edited) and one that plans again (the link fixed) report exactly what a full build does.
     */
    @Test
    void aWarmBuildReportsWhatAFullBuildDoes() throws Exception {
        notes.write("content/a.md", "---\ntitle: A\ndate: 2024-01-03\n---\nFirst words. [run](JaVaScRiPt:alert(1))\n");
        notes.write("content/b.md", "---\ntitle: B\ndate: 2024-01-04\n---\n[stay](vbscript:msgbox), see [[a]]\n");
        notes.write("content/c.md", "---\ntitle: C\ndate: 2024-01-05\n---\nShows a:\n\n![[a]]\n\n[app](zotero://select/items/1)\n");
        Builder warm = new Builder(tmp.resolve("cache-warm"));
        BuildReport first = warmAndFull(warm, "three notes with links shown as text");
        assertThat(lines(first)).containsExactly(
                "content/a.md: link to \"JaVaScRiPt:alert(1)\" is shown as text: the javascript: scheme is not allowed",
                "content/b.md: link to \"vbscript:msgbox\" is shown as text: the vbscript: scheme is not allowed",
                "content/c.md: link to \"zotero://select/items/1\" is shown as text: the zotero: scheme is not allowed "
                        + "(links.allowed_schemes adds one)");
        assertThat(first.brokenLinks()).isEmpty();

        // a's words change, its links do not: the last plan is patched (a's page, and c's, which embeds a)
        notes.write("content/a.md", "---\ntitle: A\ndate: 2024-01-03\n---\nOther words. [run](JaVaScRiPt:alert(1))\n");
        BuildReport edited = warmAndFull(warm, "edit a's words");
        assertThat(warm.patchedBuilds()).isEqualTo(1);
        assertThat(edited.warnings()).isEqualTo(first.warnings());

        // the fix: the warning goes, the others stay
        notes.write("content/a.md", "---\ntitle: A\ndate: 2024-01-03\n---\nOther words. [run](https://example.org/)\n");
        BuildReport fixed = warmAndFull(warm, "fix a's link");
        assertThat(lines(fixed)).containsExactly(
                "content/b.md: link to \"vbscript:msgbox\" is shown as text: the vbscript: scheme is not allowed",
                "content/c.md: link to \"zotero://select/items/1\" is shown as text: the zotero: scheme is not allowed "
                        + "(links.allowed_schemes adds one)");
        assertThat(Jsoup.parse(notes.read("gh-pages", "c/index.html")).select(".embed a[href]").eachAttr("href"))
                .contains("https://example.org/");

        // and the config: with zotero allowed, c's link is a link
        notes.write("imprint.yml", "links:\n  allowed_schemes: [zotero]\n");
        BuildReport allowed = warmAndFull(warm, "allow zotero");
        assertThat(lines(allowed)).containsExactly(
                "content/b.md: link to \"vbscript:msgbox\" is shown as text: the vbscript: scheme is not allowed");
        assertThat(Jsoup.parse(notes.read("gh-pages", "c/index.html")).select(".note-body a[href^=zotero:]")).hasSize(1);
        assertEveryUrlIsAllowed(Set.of("zotero"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    BuildReport build() throws Exception {
        String sha = notes.commitAll("notes");
        return new Builder(tmp.resolve("cache")).build(new BuildRequest(notes.dir().toString(), sha, "gh-pages", null,
                null, null, false));
    }

    int builds;

    /**
     * Commits, builds incrementally with {@code warm} onto gh-pages and fully with a fresh Builder into another
     * repository; the trees, warnings and broken links must be the same. Returns the warm build's report.
     */
    BuildReport warmAndFull(Builder warm, String what) throws Exception {
        String sha = notes.commitAll(what);
        Path bare = tmp.resolve("full.git");
        if (builds++ == 0) {
            GitRepo.run(tmp, Map.of(), "init", "-q", "--bare", bare.toString());
        }
        BuildReport inc = warm.build(new BuildRequest(notes.dir().toString(), sha, "gh-pages", null, null, null, false));
        String branch = "full-" + builds;
        BuildReport full = new Builder(tmp.resolve("cache-full-" + builds)).build(new BuildRequest(notes.dir().toString(),
                sha, branch, bare.toString(), null, null, true));
        ObjectId incTree = SiteTrees.state(notes.dir(), "gh-pages").tip().getTree();
        ObjectId fullTree = SiteTrees.state(bare, branch).tip().getTree();
        assertThat(incTree).as(what + ":\n" + SiteTrees.diff(notes.dir(), incTree, "warm", bare, fullTree, "full"))
                .isEqualTo(fullTree);
        assertThat(inc.warnings()).as(what + ": warnings").isEqualTo(full.warnings());
        assertThat(inc.brokenLinks()).as(what + ": broken links").isEqualTo(full.brokenLinks());
        return inc;
    }

    static List<String> lines(BuildReport report) {
        List<String> out = new ArrayList<>();
        report.warnings().forEach(w -> out.add(w.path() + ": " + w.message()));
        return out;
    }

    /**
     * Reads every page of gh-pages as a browser would and checks each URL attribute: relative, http(s), mailto, an
     * allowed scheme, or data: as an image's source.
     */
    void assertEveryUrlIsAllowed(Set<String> allowed) throws Exception {
        UrlSchemes schemes = new UrlSchemes(allowed);
        try (Repository repo = SiteTrees.open(notes.dir())) {
            ObjectId tree = repo.resolve("refs/heads/gh-pages^{tree}");
            for (Map.Entry<String, ObjectId> f : SiteTrees.files(repo, tree).entrySet()) {
                if (!f.getKey().endsWith(".html")) {
                    continue;
                }
                String html = new String(repo.open(f.getValue()).getBytes(), StandardCharsets.UTF_8);
                for (Element e : Jsoup.parse(html).getAllElements()) {
                    for (Attribute a : e.attributes()) {
                        if (Set.of("href", "src", "action", "formaction", "poster", "cite", "background", "xlink:href")
                                .contains(a.getKey())) {
                            boolean image = e.normalName().equals("img") && a.getKey().equals("src");
                            assertThat(schemes.refusal(a.getValue(), image)).as(f.getKey() + ": " + e.outerHtml()).isNull();
                        }
                    }
                }
            }
        }
    }
}
