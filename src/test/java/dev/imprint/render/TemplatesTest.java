package dev.imprint.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    private final Templates templates = new Templates(Map.of());

    // ---------------------------------------------------------------- contexts

    private static Map<String, Object> site() {
        Map<String, Object> site = new HashMap<>();
        site.put("title", "Field Notes");
        site.put("author", "Ada Lovelace");
        site.put("description", "Things I learned.");
        site.put("language", "en");
        return site;
    }

    private static Map<String, Object> common(String root) {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("site", site());
        ctx.put("root", root);
        ctx.put("pageTitle", "Page title");
        ctx.put("sections", List.of(
                Map.of("name", "til", "title", "Today I learned", "url", "til/index.html"),
                Map.of("name", "fragments", "title", "Fragments", "url", "fragments/index.html")));
        ctx.put("head", "<meta name=\"x-extra\" content=\"1\">");
        ctx.put("feed", "fragments/feed.xml");
        return ctx;
    }

    private static Map<String, Object> ref(String title, String section, String url) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", title);
        m.put("section", section);
        m.put("url", url);
        return m;
    }

    private static Map<String, Object> toc(int level, String id, String text) {
        return Map.of("level", level, "id", id, "text", text);
    }

    private static Map<String, Object> noteContext() {
        Map<String, Object> ctx = common("../../");
        ctx.put("pageTitle", "Undo trees – Field Notes");
        Map<String, Object> note = new HashMap<>();
        note.put("title", "Undo trees in Vim");
        note.put("section", "fragments");
        note.put("sectionUrl", "fragments/index.html");
        note.put("date", "2024-07-24");
        note.put("updated", "2024-08-01");
        note.put("contributors", List.of("Ada Lovelace", "Charles Babbage"));
        note.put("tags", List.of(Map.of("name", "vim", "url", "tags/vim.html"),
                Map.of("name", "editors", "url", "tags/editors.html")));
        note.put("toc", List.of(
                toc(2, "why", "Why"),
                toc(3, "branches", "Branches"),
                toc(4, "time-travel", "Time travel"),
                toc(2, "how", "How"),
                toc(3, "earlier", "`:earlier`")));
        note.put("html", "<p>Vim keeps <em>every</em> change.</p><h2 id=\"why\">Why</h2><pre><code>u\n</code></pre>");
        note.put("prev", ref("Registers", "til", "til/vim/registers/index.html"));
        note.put("next", ref("Marks & jumps", "fragments", "fragments/marks/index.html"));
        note.put("backlinks", List.of(ref("Editing text", null, "editing/index.html"),
                ref("Vim tips", "til", "til/vim/index.html")));
        ctx.put("note", note);
        return ctx;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> noteOf(Map<String, Object> ctx) {
        return (Map<String, Object>) ctx.get("note");
    }

    private static Map<String, Object> item(String title, String url, String date, String section, String summary) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", title);
        m.put("url", url);
        m.put("date", date);
        m.put("section", section);
        m.put("summary", summary);
        return m;
    }

    private static List<Map<String, Object>> items() {
        return List.of(
                item("Undo trees in Vim", "fragments/undo-trees/index.html", "2024-07-24", "fragments",
                        "Vim keeps every change."),
                item("Loose thought", "loose/index.html", null, null, ""));
    }

    private Document renderNote(Map<String, Object> ctx) {
        return Jsoup.parse(templates.render("note.peb", ctx));
    }

    // ---------------------------------------------------------------- note.peb

    @Test
    void notePageHasHeaderAndDocumentBasics() {
        Document doc = renderNote(noteContext());

        assertThat(doc.select("html").attr("lang")).isEqualTo("en");
        assertThat(doc.title()).isEqualTo("Undo trees – Field Notes");
        assertThat(doc.select("meta[name=viewport]")).hasSize(1);
        assertThat(doc.select("link[rel=stylesheet]").attr("href")).isEqualTo("../../style.css");
        assertThat(doc.select("link[rel=alternate][type=application/atom+xml]").attr("href"))
                .isEqualTo("../../fragments/feed.xml");
        assertThat(doc.select("head meta[name=x-extra]")).hasSize(1);

        Element title = doc.selectFirst("header.site-header a.site-title");
        assertThat(title.text()).isEqualTo("Field Notes");
        assertThat(title.attr("href")).isEqualTo("../../index.html");
        assertThat(doc.select("header.site-header").text()).contains("Ada Lovelace");
        assertThat(doc.select("header.site-header nav a").eachAttr("href"))
                .containsExactly("../../til/index.html", "../../fragments/index.html");
        assertThat(doc.select("header.site-header nav a[aria-current]").text()).isEqualTo("Fragments");
        assertThat(doc.select("main article")).hasSize(1);
        assertThat(doc.select("footer")).isNotEmpty();
        // the only script is the theme's search box, relative to the page like every other link
        assertThat(doc.select("script").eachAttr("src")).containsExactly("../../search.js");
        assertThat(doc.select("header.site-header form.site-search[role=search]").attr("data-root")).isEqualTo("../../");
    }

    @Test
    void noteShowsSectionTitleDateAndTagsInOrder() {
        Document doc = renderNote(noteContext());
        Element article = doc.selectFirst("main article");

        Element section = article.selectFirst(".note-section a");
        assertThat(section.text()).isEqualTo("fragments");
        assertThat(section.attr("href")).isEqualTo("../../fragments/index.html");
        assertThat(article.select("h1")).hasSize(1);
        assertThat(article.selectFirst("h1").text()).isEqualTo("Undo trees in Vim");

        Element date = article.selectFirst(".note-meta time");
        assertThat(date.attr("datetime")).isEqualTo("2024-07-24");
        assertThat(date.text()).isEqualTo("24 July 2024");
        assertThat(article.selectFirst(".note-meta").text())
                .contains("updated 1 August 2024")
                .contains("by Ada Lovelace and Charles Babbage");
        assertThat(article.select(".tags a").eachText()).containsExactly("vim", "editors");
        assertThat(article.select(".tags a").eachAttr("href"))
                .containsExactly("../../tags/vim.html", "../../tags/editors.html");

        String html = doc.html();
        int sectionAt = html.indexOf("note-section");
        int h1At = html.indexOf("<h1");
        int contentsAt = html.indexOf("Contents");
        int bodyAt = html.indexOf("Vim keeps");
        int linkedAt = html.indexOf("Linked from");
        int prevAt = html.indexOf("Previously");
        assertThat(sectionAt).isLessThan(h1At);
        assertThat(h1At).isLessThan(contentsAt);
        assertThat(contentsAt).isLessThan(bodyAt);
        assertThat(bodyAt).isLessThan(linkedAt);
        assertThat(linkedAt).isLessThan(prevAt);
    }

    @Test
    void noteWithoutSectionOrDatesHasNoEmptyMarkup() {
        Map<String, Object> ctx = noteContext();
        Map<String, Object> note = noteOf(ctx);
        note.put("section", null);
        note.put("sectionUrl", null);
        note.put("date", null);
        note.put("updated", null);
        note.put("contributors", List.of());
        note.put("tags", List.of());
        Document doc = renderNote(ctx);

        assertThat(doc.select(".note-section")).isEmpty();
        assertThat(doc.select(".note-meta")).isEmpty();
        assertThat(doc.select(".tags")).isEmpty();
        assertThat(doc.select("header.site-header nav a[aria-current]")).isEmpty();
    }

    @Test
    void contentsIsNestedByLevelAndLinksToIds() {
        Document doc = renderNote(noteContext());
        Element toc = doc.selectFirst("nav.toc");

        assertThat(toc).isNotNull();
        assertThat(toc.selectFirst("h2").text()).isEqualTo("Contents");
        Elements top = toc.select("> ol > li");
        assertThat(top).hasSize(2);
        assertThat(top.get(0).selectFirst("> a").text()).isEqualTo("Why");
        assertThat(top.get(0).selectFirst("> a").attr("href")).isEqualTo("#why");
        assertThat(top.get(0).select("> ol > li > a").eachText()).containsExactly("Branches");
        assertThat(top.get(0).select("> ol > li > ol > li > a").eachAttr("href")).containsExactly("#time-travel");
        assertThat(top.get(1).select("> ol > li > a").eachText()).containsExactly("`:earlier`");
        assertThat(toc.select("a")).hasSize(5);
    }

    @Test
    void contentsStartingDeeperThanLevelTwoIsNotPaddedWithEmptyItems() {
        Map<String, Object> ctx = noteContext();
        noteOf(ctx).put("toc", List.of(toc(3, "a", "A"), toc(3, "b", "B"), toc(2, "c", "C")));
        Element toc = renderNote(ctx).selectFirst("nav.toc");

        assertThat(toc.select("> ol > li > a").eachText()).containsExactly("A", "B", "C");
        assertThat(toc.select("li")).hasSize(3);
    }

    @Test
    void emptyTocMeansNoContentsBlock() {
        Map<String, Object> ctx = noteContext();
        noteOf(ctx).put("toc", List.of());
        Document doc = renderNote(ctx);

        assertThat(doc.select("nav.toc")).isEmpty();
        assertThat(doc.text()).doesNotContain("Contents");
    }

    @Test
    void previouslyAndNextShowNeighbours() {
        Document doc = renderNote(noteContext());
        Element pager = doc.selectFirst("nav.pager");

        Element prev = pager.selectFirst("a[rel=prev]");
        assertThat(prev.attr("href")).isEqualTo("../../til/vim/registers/index.html");
        assertThat(prev.selectFirst(".pager-label").text()).contains("Previously");
        assertThat(prev.selectFirst(".pager-section").text()).isEqualTo("til");
        assertThat(prev.selectFirst(".pager-title").text()).isEqualTo("Registers");

        Element next = pager.selectFirst("a[rel=next]");
        assertThat(next.attr("href")).isEqualTo("../../fragments/marks/index.html");
        assertThat(next.selectFirst(".pager-label").text()).contains("Next");
        assertThat(next.selectFirst(".pager-section").text()).isEqualTo("fragments");
        assertThat(next.selectFirst(".pager-title").text()).isEqualTo("Marks & jumps");
    }

    @Test
    void missingNeighboursAreOmitted() {
        Map<String, Object> ctx = noteContext();
        noteOf(ctx).put("prev", null);
        Document doc = renderNote(ctx);
        assertThat(doc.text()).doesNotContain("Previously");
        assertThat(doc.select("nav.pager a[rel=next]")).hasSize(1);

        noteOf(ctx).put("next", null);
        doc = renderNote(ctx);
        assertThat(doc.select("nav.pager")).isEmpty();
    }

    @Test
    void bodyIsRawButTextIsEscaped() {
        Map<String, Object> ctx = noteContext();
        noteOf(ctx).put("title", "<script>alert(1)</script> & \"quotes\"");
        ctx.put("pageTitle", "<b>bold</b>");
        noteOf(ctx).put("tags", List.of(Map.of("name", "<i>x</i>", "url", "tags/x\".html")));
        String html = templates.render("note.peb", ctx);
        Document doc = Jsoup.parse(html);

        assertThat(doc.select("script").eachAttr("src")).containsExactly("../../search.js");
        assertThat(doc.selectFirst("h1").text()).isEqualTo("<script>alert(1)</script> & \"quotes\"");
        assertThat(doc.title()).isEqualTo("<b>bold</b>");
        assertThat(doc.selectFirst(".tags a").text()).isEqualTo("<i>x</i>");
        assertThat(doc.selectFirst(".tags a").attr("href")).isEqualTo("../../tags/x\".html");
        assertThat(doc.select(".note-body em").text()).isEqualTo("every");
        assertThat(doc.select(".note-body pre code")).hasSize(1);
    }

    @Test
    void backlinksAreListedOrOmitted() {
        Document doc = renderNote(noteContext());
        Element backlinks = doc.selectFirst("aside.backlinks");
        assertThat(backlinks.selectFirst("h2").text()).isEqualTo("Linked from");
        assertThat(backlinks.select("a").eachAttr("href"))
                .containsExactly("../../editing/index.html", "../../til/vim/index.html");
        assertThat(backlinks.select("a").get(1).text()).isEqualTo("til Vim tips");
        assertThat(backlinks.select("a").get(0).text()).isEqualTo("Editing text");

        Map<String, Object> ctx = noteContext();
        noteOf(ctx).put("backlinks", List.of());
        assertThat(renderNote(ctx).text()).doesNotContain("Linked from");
    }

    @Test
    void nullOptionalsAtSiteRootRender() {
        Map<String, Object> ctx = noteContext();
        ctx.put("root", "");
        ctx.put("head", null);
        ctx.put("feed", null);
        ctx.put("sections", List.of());
        Map<String, Object> site = site();
        site.put("author", null);
        site.put("description", null);
        ctx.put("site", site);
        Document doc = renderNote(ctx);

        assertThat(doc.selectFirst("a.site-title").attr("href")).isEqualTo("index.html");
        assertThat(doc.select("link[rel=stylesheet]").attr("href")).isEqualTo("style.css");
        assertThat(doc.select("link[rel=alternate]")).isEmpty();
        assertThat(doc.select("header.site-header nav")).isEmpty();
        assertThat(doc.select("header.site-header .site-id").text()).isEqualTo("Field Notes");
        assertThat(doc.select("form.site-search").attr("data-root")).isEmpty();
        assertThat(doc.select("meta[name=description]")).isEmpty();
    }

    // ---------------------------------------------------------------- other pages

    @Test
    void listPageShowsHeadingIntroAndNotes() {
        Map<String, Object> ctx = common("../");
        ctx.put("heading", "Fragments");
        ctx.put("intro", "<p>Small <strong>pieces</strong>.</p>");
        ctx.put("notes", items());
        Document doc = Jsoup.parse(templates.render("list.peb", ctx));

        assertThat(doc.selectFirst("main h1").text()).isEqualTo("Fragments");
        assertThat(doc.select("main .intro strong").text()).isEqualTo("pieces");
        Elements notes = doc.select("main .note-item");
        assertThat(notes).hasSize(2);
        assertThat(notes.get(0).selectFirst("a").attr("href")).isEqualTo("../fragments/undo-trees/index.html");
        assertThat(notes.get(0).selectFirst("a").text()).isEqualTo("Undo trees in Vim");
        assertThat(notes.get(0).selectFirst("time").text()).isEqualTo("24 July 2024");
        assertThat(notes.get(0).select(".note-item-section").text()).isEqualTo("fragments");
        assertThat(notes.get(0).select(".note-item-summary").text()).isEqualTo("Vim keeps every change.");
        assertThat(notes.get(1).select(".note-item-meta, .note-item-summary")).isEmpty();
    }

    @Test
    void emptyListSaysSo() {
        Map<String, Object> ctx = common("");
        ctx.put("heading", "Tagged “vim”");
        ctx.put("intro", null);
        ctx.put("notes", List.of());
        Document doc = Jsoup.parse(templates.render("list.peb", ctx));
        assertThat(doc.selectFirst("main h1").text()).isEqualTo("Tagged “vim”");
        assertThat(doc.select("main .note-item")).isEmpty();
        assertThat(doc.select("main .empty")).hasSize(1);
    }

    @Test
    void homeShowsIntroSectionsAndRecentNotes() {
        Map<String, Object> ctx = common("");
        ctx.put("intro", "<p>Welcome to my <em>notes</em>.</p>");
        ctx.put("notes", items());
        Document doc = Jsoup.parse(templates.render("home.peb", ctx));

        assertThat(doc.selectFirst("main h1").text()).isEqualTo("Field Notes");
        assertThat(doc.select("main .intro em").text()).isEqualTo("notes");
        assertThat(doc.select("main .section-list a").eachText())
                .containsExactly("Today I learned", "Fragments");
        assertThat(doc.select("main .section-list a").eachAttr("href"))
                .containsExactly("til/index.html", "fragments/index.html");
        assertThat(doc.select("main .note-item a").eachAttr("href"))
                .containsExactly("fragments/undo-trees/index.html", "loose/index.html");

        ctx.put("intro", null);
        ctx.put("sections", List.of());
        doc = Jsoup.parse(templates.render("home.peb", ctx));
        assertThat(doc.select("main .lede").text()).isEqualTo("Things I learned.");
        assertThat(doc.select("main .section-list")).isEmpty();
    }

    @Test
    void tagsPageListsTagsWithCounts() {
        Map<String, Object> ctx = common("../");
        ctx.put("tags", List.of(Map.of("name", "vim", "url", "tags/vim.html", "count", 12),
                Map.of("name", "java", "url", "tags/java.html", "count", 1)));
        Document doc = Jsoup.parse(templates.render("tags.peb", ctx));

        assertThat(doc.selectFirst("main h1").text()).isEqualTo("Tags");
        Elements links = doc.select("main .tag-index a");
        assertThat(links.eachText()).containsExactly("vim", "java");
        assertThat(links.eachAttr("href")).containsExactly("../tags/vim.html", "../tags/java.html");
        assertThat(doc.select("main .tag-index li").eachText()).containsExactly("vim 12 notes", "java 1 note");
    }

    @Test
    void notFoundPageLinksHomeWithAbsoluteRoot() {
        Map<String, Object> ctx = common("/notes/");
        ctx.put("pageTitle", "Page not found");
        Document doc = Jsoup.parse(templates.render("404.peb", ctx));

        assertThat(doc.selectFirst("main h1").text()).isEqualTo("Page not found");
        assertThat(doc.select("main a").attr("href")).isEqualTo("/notes/index.html");
        assertThat(doc.select("link[rel=stylesheet]").attr("href")).isEqualTo("/notes/style.css");
    }

    @Test
    void everyBuiltInRendersWithAMinimalContext() {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("site", Map.of("title", "T", "language", "en"));
        ctx.put("root", "");
        ctx.put("pageTitle", "T");
        for (String name : Templates.names()) {
            assertThat(templates.render(name, ctx)).as(name).contains("<html lang=\"en\">");
        }
    }

    // ---------------------------------------------------------------- overrides

    @Test
    void overrideOfNoteWins() {
        Templates t = new Templates(Map.of("note.peb", "<p class=\"mine\">{{ note.title }}</p>"));
        Document doc = Jsoup.parse(t.render("note.peb", noteContext()));
        assertThat(doc.select("p.mine").text()).isEqualTo("Undo trees in Vim");
        assertThat(t.isOverridden("note.peb")).isTrue();
        // other templates still come from the theme
        Map<String, Object> ctx = common("");
        ctx.put("tags", List.of());
        assertThat(Jsoup.parse(t.render("tags.peb", ctx)).selectFirst("main h1").text()).isEqualTo("Tags");
    }

    @Test
    void overrideOfBaseIsUsedByBuiltInNote() {
        Templates t = new Templates(Map.of("base.peb",
                "<!doctype html><html><body class=\"custom-base\">{% block main %}{% endblock %}</body></html>"));
        Document doc = Jsoup.parse(t.render("note.peb", noteContext()));
        assertThat(doc.select("body.custom-base")).hasSize(1);
        assertThat(doc.selectFirst("h1").text()).isEqualTo("Undo trees in Vim");
        assertThat(doc.select("header.site-header")).isEmpty();
    }

    @Test
    void brokenOverrideThrowsNamingTheFileAndBuiltInStillWorks() {
        Templates t = new Templates(Map.of("note.peb", "<h1>{{ note.title }</h1>\n{% if %}"));

        assertThatThrownBy(() -> t.render("note.peb", noteContext()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("note.peb");
        assertThat(t.validate()).singleElement()
                .satisfies(e -> assertThat(e.templateName()).isEqualTo("note.peb"));

        Document doc = Jsoup.parse(t.renderBuiltIn("note.peb", noteContext()));
        assertThat(doc.selectFirst("h1").text()).isEqualTo("Undo trees in Vim");
    }

    @Test
    void brokenBaseOverrideIsNamedWhenRenderingAChild() {
        Templates t = new Templates(Map.of("base.peb", "<html>\n<body>\n{% block main %}\n</body>"));
        assertThatThrownBy(() -> t.render("list.peb", common("")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("base.peb")
                .satisfies(e -> assertThat(((TemplateException) e).templateName()).isEqualTo("base.peb"));
    }

    @Test
    void runtimeErrorInOverrideIsATemplateExceptionWithLine() {
        Templates t = new Templates(Map.of("list.peb", "line one\n{{ nosuchfunction() }}"));
        assertThatThrownBy(() -> t.render("list.peb", common("")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("list.peb")
                .hasMessageContaining("line 2");
    }

    // ---------------------------------------------------------------- templates that run away

    /** Renders note.peb with the override and returns the failure, which must name the template. */
    private static TemplateException failure(Templates t) {
        try {
            t.render("note.peb", noteContext());
        } catch (TemplateException e) {
            assertThat(e.getMessage()).startsWith("note.peb");
            return e;
        }
        throw new AssertionError("note.peb rendered");
    }

    @Test
    void includingItselfIsRecursionWithoutEndNotAStackOverflow() {
        Templates t = new Templates(Map.of("note.peb", "<p>{% include \"note.peb\" %}</p>"));
        TemplateException e = failure(t);
        assertThat(e.getMessage()).isEqualTo("note.peb: recursion without end (a template that includes itself, "
                + "or a macro that calls itself)");
        assertThat(e.runaway()).isTrue();
        assertThat(t.runaway("note.peb")).isNotNull();
    }

    @Test
    void aMacroCallingItselfIsRecursionWithoutEnd() {
        Templates t = new Templates(Map.of("note.peb",
                "{% macro deeper(n) %}{{ deeper(n + 1) }}{% endmacro %}{{ deeper(0) }}"));
        assertThat(failure(t).getMessage()).contains("recursion without end");
        assertThat(t.runaway("note.peb")).isNotNull();
    }

    @Test
    void aNeverEndingLoopIsStoppedAtTheTimeLimit() {
        Templates t = new Templates(Map.of("note.peb", "{% for i in range(1, 100000) %}\n"
                + "{% for j in range(1, 100000) %}{% set k = i * j %}{% endfor %}{% endfor %}done"), 200);
        TemplateException e = failure(t);
        assertThat(e.getMessage()).isEqualTo("note.peb line 2: still rendering after 200 ms (templates.max_render_ms)");
        assertThat(e.runaway()).isTrue();
        assertThat(t.runaway("note.peb")).isNotNull();
    }

    @Test
    void aNeverEndingLoopInsideAMacroIsStoppedToo() {
        Templates t = new Templates(Map.of("note.peb", "{% macro spin() %}{% for i in range(1, 100000) %}"
                + "{% for j in range(1, 100000) %}{% endfor %}{% endfor %}{% endmacro %}{{ spin() }}"), 200);
        assertThat(failure(t).getMessage()).contains("still rendering after 200 ms");
    }

    @Test
    void aRangeTooLongToLoopOverIsRefusedBeforeItIsBuilt() {
        Templates t = new Templates(Map.of("note.peb", "{% for i in range(0, 999999999) %}{% endfor %}"));
        assertThat(failure(t).getMessage())
                .isEqualTo("note.peb line 1: range(0, 999999999) would hold 1000000000 numbers; at most 100000");
        assertThat(new Templates(Map.of("note.peb", "{{ range(1, 3) | join(',') }}")).render("note.peb", Map.of()))
                .isEqualTo("1,2,3");
    }

    @Test
    void hugeOutputIsStoppedAt64Megabytes() {
        Templates t = new Templates(Map.of("note.peb", "{% for i in range(1, 100000) %}{% for j in range(1, 100000) %}"
                + "0123456789012345678901234567890123456789{% endfor %}{% endfor %}"), 600_000);
        TemplateException e = failure(t);
        assertThat(e.getMessage()).isEqualTo("note.peb: output over 64 MB");
        assertThat(e.runaway()).isTrue();
    }

    @Test
    void aThrowingTemplateIsAnErrorOfThatPageNotARunaway() {
        Templates t = new Templates(Map.of("note.peb", "{{ 1 / 0 }}"));
        TemplateException e = failure(t);
        assertThat(e.getMessage()).isEqualTo("note.peb line 1: Could not perform division");
        assertThat(e.runaway()).isFalse();
        assertThat(t.runaway("note.peb")).isNull();
    }

    @Test
    void templatesWithinTheirLimitsAreNotRunaways() {
        for (String name : Templates.names()) {
            assertThat(new Templates(Map.of(name, Templates.themeFile(name))).runaway(name)).as(name).isNull();
        }
    }

    @Test
    void renderBuiltInIgnoresOverrides() {
        Templates t = new Templates(Map.of("note.peb", "overridden", "base.peb", "also overridden"));
        String html = t.renderBuiltIn("note.peb", noteContext());
        assertThat(html).doesNotContain("overridden");
        assertThat(Jsoup.parse(html).select("nav.toc")).hasSize(1);
    }

    @Test
    void templateNamesCannotEscapeTheThemeFolder() {
        assertThatThrownBy(() -> templates.render("../render/Templates.class", common("")))
                .isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> Templates.themeFile("../render/Templates.class"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pagesStartWithTheDoctype() {
        for (String name : List.of("note.peb", "404.peb")) {
            Map<String, Object> ctx = name.equals("note.peb") ? noteContext() : common("/");
            assertThat(templates.render(name, ctx)).as(name).startsWith("<!doctype html>\n<html lang=\"en\">");
        }
    }

    @Test
    void unknownTemplateThrows() {
        assertThatThrownBy(() -> templates.render("nope.peb", common("")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("nope.peb");
    }

    // ---------------------------------------------------------------- determinism and files

    @Test
    void sameInputGivesIdenticalOutput() {
        String a = templates.render("note.peb", noteContext());
        String b = new Templates(Map.of()).render("note.peb", noteContext());
        String c = templates.render("note.peb", new LinkedHashMap<>(noteContext()));
        assertThat(a).isEqualTo(b).isEqualTo(c);
    }

    @Test
    void themeFilesAreAvailable() {
        assertThat(Templates.names())
                .containsExactlyInAnyOrder("base.peb", "note.peb", "list.peb", "home.peb", "tags.peb", "404.peb");
        for (String name : Templates.names()) {
            assertThat(Templates.themeFile(name)).as(name).isNotBlank();
        }
        String css = Templates.themeFile("style.css");
        assertThat(css).contains("prefers-color-scheme: dark", "a.broken", ".callout", ".toc");
        assertThat(css).doesNotContain("http://", "https://", "@import", "@font-face");
        assertThatThrownBy(() -> Templates.themeFile("missing.css")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outputHasNoExternalUrlsOrAbsoluteInternalLinks() {
        Document doc = renderNote(noteContext());
        List<String> urls = new ArrayList<>(doc.select("[href]").eachAttr("href"));
        urls.addAll(doc.select("[src]").eachAttr("src"));
        assertThat(urls).allSatisfy(u -> assertThat(u).doesNotStartWith("/").doesNotContain("://"));
    }
}
