package dev.imprint.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import dev.imprint.source.FrontMatter;

class OrgRendererTest {
    private final OrgRenderer renderer = new OrgRenderer(false);

    private OrgRendering render(String org) {
        return renderer.render(org, LinkResolver.IDENTITY);
    }

    private Element body(String org) {
        return Jsoup.parseBodyFragment(render(org).markdown().html()).body();
    }

    @Test
    void keywordsBecomeFrontMatter() {
        FrontMatter fm = render("""
                #+TITLE: Org notes
                #+date: <2024-07-24 Wed 06:15>
                #+lastmod: [2023-01-01 Sun]
                #+tags[]: emacs  org
                #+subtitle: and why
                #+draft: true
                #+slug: org
                #+aliases[]: /old /older
                #+description: About Org.
                #+custom: kept
                Body.
                """).frontMatter();
        assertThat(fm.string("title")).isEqualTo("Org notes");
        assertThat(fm.string("date")).isEqualTo("2024-07-24T06:15:00");
        assertThat(fm.string("lastmod")).isEqualTo("2023-01-01");
        assertThat(fm.list("tags")).containsExactly("emacs", "org");
        assertThat(fm.string("subtitle")).isEqualTo("and why");
        assertThat(fm.fields().get("draft")).isEqualTo(true);
        assertThat(fm.string("slug")).isEqualTo("org");
        assertThat(fm.list("aliases")).containsExactly("/old", "/older");
        assertThat(fm.string("description")).isEqualTo("About Org.");
        assertThat(fm.string("custom")).isEqualTo("kept");
    }

    @Test
    void bracketLinkPathHoldsNoBrackets() {
        // Emacs's org-link-bracket-re: the first "[[" is text, since its path would hold '[' or ']'
        Element body = body("- I don't want “[” or “[[”.\n"
                + "  This rules out [[https://github.com/emacsorphanage/key-chord][key-chord]].\n");
        assertThat(body.select("a")).hasSize(1);
        assertThat(body.select("a").attr("href")).isEqualTo("https://github.com/emacsorphanage/key-chord");
        assertThat(body.select("a").text()).isEqualTo("key-chord");
        assertThat(body.select("li").text()).isEqualTo("I don't want “[” or “[[”. This rules out key-chord.");
        assertThat(body("[[a\\]b]] and [[]] and [[x]").select("a")).extracting(e -> e.attr("href"))
                .containsExactly("a\\]b");
    }

    @Test
    void listItemParagraphsJoinAsGoOrgWritesThem() {
        Element body = body("- first\n\n  second\n- alone\n- with a keyword\n  # comment\n");
        assertThat(body.select("li").get(0).wholeText()).isEqualTo("first\nsecond");
        assertThat(body.select("li").get(0).select("p")).isEmpty();
        assertThat(body.select("li").get(1).wholeText()).isEqualTo("alone");
        assertThat(body.select("li").get(2).select("p").text()).isEqualTo("with a keyword");
    }

    @Test
    void verseStanzasKeepBlankLinesAndIndentation() {
        Element body = body("#+begin_verse\nGreat clouds\n*Tiny* birds\n\n    ---Alex\n#+end_verse\n");
        assertThat(body.select(".verse-block p")).extracting(Element::wholeText)
                .containsExactly("Great clouds\nTiny birds", "\n    \u2014Alex");
        assertThat(body.select(".verse-block strong").text()).isEqualTo("Tiny");
    }

    @Test
    void includeAndSetupFileReadThroughTheLoaderOnly() {
        Map<String, String> files = Map.of("setup.org", "#+TODO: TODO DONE CUSTOM\n#+EXCLUDE_TAGS: hide\n",
                "./code.py", "print(1 < 2)\n", "part.html", "<b>raw</b>\n");
        String org = """
                #+SETUPFILE: setup.org
                * CUSTOM shown
                #+INCLUDE: "./code.py" src python
                #+INCLUDE: "part.html" export html
                #+INCLUDE: "./code.py" example text
                #+INCLUDE: "missing.txt" src text
                #+INCLUDE: "./code.py"
                * gone :hide:
                """;
        OrgRendering r = new OrgRenderer(true).render(org, LinkResolver.IDENTITY, files::get);
        Element body = Jsoup.parseBodyFragment(r.markdown().html()).body();
        assertThat(body.select("h2 .todo").text()).isEqualTo("CUSTOM");
        assertThat(body.select("h2")).hasSize(1);
        assertThat(body.select("code.language-python").text()).isEqualTo("print(1 < 2)");
        assertThat(body.select("pre.example").text()).isEqualTo("print(1 < 2)");
        assertThat(body.select("b").text()).isEqualTo("raw");
        assertThat(r.markdown().hasCode()).isTrue();
        assertThat(r.problems()).containsExactly("#+INCLUDE: missing.txt not found; left out",
                "#+INCLUDE: only \"file\" src|example|export lang is supported; ./code.py left out");

        // a real build passes no loader yet: nothing is read, and the note says so
        OrgRendering none = render(org);
        assertThat(none.markdown().html()).doesNotContain("print").doesNotContain("raw");
        assertThat(none.problems()).contains("#+SETUPFILE is not supported; setup.org not read",
                "#+INCLUDE is not supported; ./code.py left out", "#+INCLUDE is not supported; part.html left out");

        // setup files naming each other end
        OrgRendering loop = renderer.render("#+SETUPFILE: a\ntext\n", LinkResolver.IDENTITY,
                Map.of("a", "#+SETUPFILE: b\n", "b", "#+SETUPFILE: a\n")::get);
        assertThat(loop.problems()).containsExactly("#+SETUPFILE: a not found or nested too deep; not read");
    }

    @Test
    void isoDatesAndFiletags() {
        FrontMatter fm = render("#+date: 2024-01-02T03:04:05+01:00\n#+filetags: :a:b:\n").frontMatter();
        assertThat(fm.string("date")).isEqualTo("2024-01-02T03:04:05+01:00");
        assertThat(fm.list("tags")).containsExactly("a", "b");
    }

    @Test
    void headlinesAreH2UnderTheTitleWithIdsForContents() {
        RenderedMarkdown md = render("* First\ntext\n** Second\n:PROPERTIES:\n:CUSTOM_ID: second\n:END:\n").markdown();
        Element body = Jsoup.parseBodyFragment(md.html()).body();
        assertThat(body.select("h2").text()).isEqualTo("First");
        assertThat(body.select("h3#second").text()).isEqualTo("Second");
        assertThat(body.text()).doesNotContain("CUSTOM_ID");
        assertThat(md.headings()).extracting(Heading::text).containsExactly("First", "Second");
        assertThat(md.headings().get(1).id()).isEqualTo("second");
        assertThat(body.select("#" + md.headings().get(0).id()).text()).isEqualTo("First");
    }

    @Test
    void commentAndNoexportSubtreesAreDropped() {
        Element body = body("* COMMENT hidden\nsecret\n** child\n* kept :noexport:\nsecret too\n* shown\nvisible\n");
        assertThat(body.text()).doesNotContain("secret").doesNotContain("hidden").contains("visible");
        assertThat(body.select("h2")).hasSize(1);
    }

    @Test
    void todoKeywordsPrioritiesAndTagsShow() {
        Element h = body("* TODO [#A] Write it :work:home:\n").selectFirst("h2");
        assertThat(h.select("span.todo").text()).isEqualTo("TODO");
        assertThat(h.select("span.priority").text()).isEqualTo("[A]");
        assertThat(h.select("span.tags span")).extracting(Element::text).containsExactly("work", "home");
        assertThat(h.ownText()).isEqualTo("Write it");
    }

    @Test
    void paragraphsCommentsAndRules() {
        Element body = body("One\nline two.\n\n# a comment\nTwo.\n-----\nThree\\\\\nfour\n");
        assertThat(body.select("p")).extracting(Element::text).containsExactly("One line two.", "Two.", "Three four");
        assertThat(body.select("p").last().select("br")).hasSize(1);
        assertThat(body.text()).doesNotContain("a comment");
        assertThat(body.select("hr")).hasSize(1);
    }

    @Test
    void inlineMarkupWithBoundaryRules() {
        Element p = body("*b* /i/ _u_ +s+ =v<= ~c~ a*b*c 3/4/5 * not *").selectFirst("p");
        assertThat(p.select("strong").text()).isEqualTo("b");
        assertThat(p.select("em").text()).isEqualTo("i");
        assertThat(p.select("span[style]").text()).isEqualTo("u");
        assertThat(p.select("del").text()).isEqualTo("s");
        assertThat(p.select("code.verbatim").text()).isEqualTo("v<");
        assertThat(p.select("code").last().text()).isEqualTo("c");
        assertThat(p.select("strong")).hasSize(1);
        assertThat(p.select("em")).hasSize(1);
        assertThat(p.text()).contains("a*b*c 3/4/5 * not *");
    }

    @Test
    void linksGoThroughTheResolver() {
        List<String> seen = new ArrayList<>();
        LinkResolver resolver = (d, image) -> {
            seen.add((image ? "img:" : "") + d);
            return LinkResolver.Resolution.ok("R" + seen.size());
        };
        RenderedMarkdown md = renderer.render("[[https://a.org][A]] [[https://b.org]] see https://c.org/x. "
                + "[[file:other.org][other]] [[file:cover.png]]", resolver).markdown();
        Element p = Jsoup.parseBodyFragment(md.html()).body();
        assertThat(seen).containsExactly("https://a.org", "https://b.org", "https://c.org/x", "other.org",
                "img:cover.png");
        assertThat(p.select("a")).extracting(a -> a.text() + "=" + a.attr("href"))
                .containsExactly("A=R1", "https://b.org=R2", "https://c.org/x=R3", "other=R4");
        assertThat(p.select("img").attr("src")).isEqualTo("R5");
        assertThat(md.links()).containsExactly("https://a.org", "https://b.org", "https://c.org/x", "other.org",
                "cover.png");
    }

    @Test
    void aHeadlineEndsAList() {
        Element body = body("* One\n- item\n* Two\n");
        assertThat(body.select("h2")).extracting(Element::text).containsExactly("One", "Two");
        assertThat(body.select("li")).extracting(Element::text).containsExactly("item");
    }

    @Test
    void lists() {
        Element body = body("""
                - one
                  - nested
                - [X] done
                - [ ] open

                1. first
                2. second
                   a) sub

                - term :: meaning

                1. [@5] five
                """);
        assertThat(body.select("ul > li > ul > li").text()).isEqualTo("nested");
        assertThat(body.select("li.checked").text()).isEqualTo("done");
        assertThat(body.select("li.unchecked").text()).isEqualTo("open");
        assertThat(body.select("body > ol").first().children()).extracting(Element::text).containsExactly("first", "second sub");
        assertThat(body.select("ol ol > li").text()).isEqualTo("sub");
        assertThat(body.select("dl dt").text()).isEqualTo("term");
        assertThat(body.select("dl dd").first().text()).isEqualTo("meaning");
        assertThat(body.select("li[value=5]").text()).isEqualTo("five");
    }

    @Test
    void blocks() {
        RenderedMarkdown md = render("""
                #+caption: Sum
                #+begin_src java
                int a = 1 < 2;
                #+end_src
                #+begin_src sh :exports none
                rm -rf hidden
                #+end_src

                #+RESULTS:
                : hidden output
                #+begin_example
                ex *not bold*
                #+end_example
                : fixed
                #+begin_quote
                quoted
                #+end_quote
                #+begin_verse
                line one
                line two
                #+end_verse
                #+begin_center
                middle
                #+end_center
                #+begin_export html
                <b onclick="x()">raw</b>
                #+end_export
                """).markdown();
        Element body = Jsoup.parseBodyFragment(md.html()).body();
        assertThat(body.select("code.language-java").text()).isEqualTo("int a = 1 < 2;");
        assertThat(body.select("figure figcaption").text()).isEqualTo("Sum");
        assertThat(body.text()).doesNotContain("rm -rf").doesNotContain("hidden output");
        assertThat(body.select("pre.example")).extracting(Element::text).containsExactly("ex *not bold*", "fixed");
        assertThat(body.select("blockquote p").text()).isEqualTo("quoted");
        // as go-org: one <p> per stanza, its line breaks kept for the stylesheet's white-space: pre-wrap
        assertThat(body.select(".verse-block p")).extracting(Element::wholeText).containsExactly("line one\nline two");
        assertThat(body.select(".center-block p").text()).isEqualTo("middle");
        assertThat(body.select("b").text()).isEqualTo("raw");
        assertThat(body.select("b").attr("onclick")).isEmpty();
        assertThat(md.hasCode()).isTrue();
        String trusted = new OrgRenderer(true).render("#+begin_export html\n<b onclick=\"x()\">raw</b>\n#+end_export\n",
                LinkResolver.IDENTITY).markdown().html();
        assertThat(trusted).contains("onclick");
    }

    @Test
    void textAndSummaryForSearch() {
        RenderedMarkdown md = render("#+title: T\n* Head\nFirst /para/.\n\nSecond.\n").markdown();
        assertThat(md.title()).isEqualTo("T");
        assertThat(md.summary()).isEqualTo("First para.");
        assertThat(md.text()).contains("Head").contains("Second.");
        assertThat(md.hasCode()).isFalse();
    }

    @Test
    void tablesWithHeaderRuleAlignmentAndCaption() {
        Element body = body("""
                #+caption: Sizes
                | name | size |
                |------+------|
                | <c>  |      |
                | a    | 1    |
                | b    | 22   |
                """);
        assertThat(body.select("figure figcaption").text()).isEqualTo("Sizes");
        assertThat(body.select("thead th")).extracting(Element::text).containsExactly("name", "size");
        assertThat(body.select("tbody tr")).hasSize(2);
        assertThat(body.select("tbody td.align-center")).extracting(Element::text).containsExactly("a", "b");
        assertThat(body.select("tbody td.align-right")).extracting(Element::text).containsExactly("1", "22");
        assertThat(body.text()).doesNotContain("<c>");
    }

    @Test
    void footnotesAreNumberedAndGatheredAtTheEnd() {
        Element body = body("""
                * Notes
                First[fn:a], inline[fn::said here], again[fn:a].

                [fn:a] The definition.
                * After
                text
                """);
        assertThat(body.select("sup.footnote-reference")).extracting(Element::text).containsExactly("1", "2", "1");
        assertThat(body.select(".footnotes .footnote-definition")).extracting(Element::text)
                .containsExactly("1 The definition.", "2 said here");
        assertThat(body.select("#outline-container-headline-1").text()).doesNotContain("The definition");
        assertThat(body.select("sup.footnote-reference a").first().attr("href"))
                .isEqualTo("#" + body.select(".footnote-definition sup").first().id());
    }

    @Test
    void drawersShowButPropertiesAndLogbookDoNot() {
        Element body = body("* H\n:PROPERTIES:\n:ID: x1\n:END:\ntext\n:LOGBOOK:\nCLOCK: [2024-01-01]\n:END:\n"
                + ":NOTES:\ninside\n:END:\n");
        assertThat(body.select("p")).extracting(Element::text).containsExactly("text", "inside");
        assertThat(body.text()).doesNotContain("CLOCK").doesNotContain("x1").doesNotContain(":END:");
    }

    @Test
    void footnotesOffWithOptions() {
        Element body = body("#+OPTIONS: toc:nil f:nil\nSee[fn:1] this.\n\n[fn:1] Gone.\n");
        assertThat(body.text()).isEqualTo("See this.");
        assertThat(body.select("sup, .footnotes")).isEmpty();
    }

    @Test
    void eastAsianLinesJoinWithoutASpaceUnderEalb() {
        assertThat(body("#+OPTIONS: ealb:t\n中午\n吃啥\nand\nmore\n").text()).isEqualTo("中午吃啥 and more");
        assertThat(body("中午\n吃啥\n").text()).isEqualTo("中午 吃啥");
    }

    @Test
    void specialStringsBecomeDashesAndEllipsisUnlessEntitiesAreOff() {
        assertThat(body("a -- b --- c... =x--y=").text()).isEqualTo("a \u2013 b \u2014 c\u2026 x--y");
        assertThat(body("#+OPTIONS: e:nil\na -- b...").text()).isEqualTo("a -- b...");
    }

    @Test
    void aDroppedSubtreeLinksNowhere() {
        List<String> seen = new ArrayList<>();
        RenderedMarkdown md = renderer.render("* COMMENT draft\n[[https://hidden.org]]\n* Kept\n[[https://kept.org]]\n",
                (d, image) -> {
                    seen.add(d);
                    return null;
                }).markdown();
        assertThat(seen).containsExactly("https://kept.org");
        assertThat(md.links()).containsExactly("https://kept.org");
    }

    /** A resolver that records what it was asked ("img:" before images) and answers "R1", "R2", … */
    private static final class Recording implements LinkResolver {
        final List<String> asked = new ArrayList<>();

        @Override
        public Resolution resolve(String destination, boolean image) {
            asked.add((image ? "img:" : "") + destination);
            return Resolution.ok("R" + asked.size());
        }
    }

    @Test
    void idLinksGoThroughTheResolver() {
        Recording resolver = new Recording();
        Element body = Jsoup.parseBodyFragment(renderer.render("See [[id:abc-123]] and [[id:def][the other note]].",
                resolver).markdown().html()).body();
        assertThat(resolver.asked).containsExactly("id:abc-123", "id:def");
        assertThat(body.select("a")).extracting(a -> a.text() + "=" + a.attr("href"))
                .containsExactly("id:abc-123=R1", "the other note=R2");
    }

    @Test
    void idsTheNoteDefinesMapToTheirHeadlineAnchors() {
        OrgRendering r = render("""
                :PROPERTIES:
                :ID: note-id
                :END:
                #+title: Roam note
                * First
                :PROPERTIES:
                :ID: first-id
                :END:
                * Second
                :PROPERTIES:
                :CUSTOM_ID: second
                :ID: second-id
                :END:
                """);
        Element body = Jsoup.parseBodyFragment(r.markdown().html()).body();
        assertThat(r.ids()).containsExactly(Map.entry("note-id", ""), Map.entry("first-id", "headline-1"),
                Map.entry("second-id", "second"));
        assertThat(body.select("#" + r.ids().get("first-id")).text()).isEqualTo("First");
        assertThat(body.text()).doesNotContain("note-id").doesNotContain("first-id");
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void customIdAndHeadlineLinksStayInTheNote() {
        Recording resolver = new Recording();
        OrgRendering r = renderer.render("""
                Go to [[#setup-id][the setup]], [[*Later part]] and [[#setup-id]].
                * Setup
                :PROPERTIES:
                :CUSTOM_ID: setup-id
                :END:
                * Later   part
                """, resolver);
        Element p = Jsoup.parseBodyFragment(r.markdown().html()).body().selectFirst("p");
        assertThat(p.select("a")).extracting(a -> a.text() + "=" + a.attr("href"))
                .containsExactly("the setup=#setup-id", "Later part=#headline-2", "#setup-id=#setup-id");
        assertThat(resolver.asked).isEmpty();
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void unknownInNoteTargetsShowAsTextWithAProblem() {
        OrgRendering r = render("See [[*Setup]] and [[#nowhere][there]].\n* Install\n");
        Element p = Jsoup.parseBodyFragment(r.markdown().html()).body().selectFirst("p");
        assertThat(p.text()).isEqualTo("See Setup and there.");
        assertThat(p.select("a")).isEmpty();
        assertThat(r.problems()).containsExactly("link [[*Setup]] names no headline in this note",
                "link [[#nowhere]] names no headline with that CUSTOM_ID in this note");
    }

    @Test
    void aJavascriptLinkReachesTheResolver() {
        List<String> asked = new ArrayList<>();
        LinkResolver refusing = (d, image) -> {
            asked.add(d);
            return d.startsWith("javascript:") ? LinkResolver.Resolution.broken("#") : null;
        };
        String html = renderer.render("[[javascript:alert(1)][x]] [[javascript:alert(2)]] [[file:a.png][javascript:x.png]]",
                refusing).markdown().html();
        assertThat(asked).containsExactly("javascript:alert(1)", "javascript:alert(2)", "javascript:x.png", "a.png");
        assertThat(html).doesNotContain("href=\"javascript");
        assertThat(Jsoup.parseBodyFragment(html).select("a.broken")).hasSize(2);
    }

    @Test
    void latexFragmentsBecomeMathForKatex() {
        RenderedMarkdown md = render("""
                Inline \\(a^2\\), display \\[b < c\\], $$d$$ and $e$ but not $5 and $10, nor =\\(f\\)=.

                \\begin{equation}
                - x = 1
                \\end{equation}
                """).markdown();
        Element body = Jsoup.parseBodyFragment(md.html()).body();
        assertThat(body.selectFirst("p").text())
                .isEqualTo("Inline $a^2$, display $$b < c$$, $$d$$ and $e$ but not $5 and $10, nor \\(f\\).");
        assertThat(body.text()).contains("$$\\begin{equation} - x = 1 \\end{equation}$$");
        assertThat(body.select("li")).isEmpty();
        assertThat(md.hasMath()).isTrue();
        assertThat(render("Costs $5 and $10, =\\(x\\)=.").markdown().hasMath()).isFalse();
    }

    @Test
    void nameAndAttrHtmlBecomeEscapedSafeAttributes() {
        Element body = body("""
                #+name: fig-cat
                #+attr_html: :class wide framed :alt A "cat" :width 300 :onclick alert(1)
                #+attr_html: :style background: url(https://x.org/y.png)
                [[file:cat.png]]

                #+NAME: listing
                #+ATTR_HTML: :class code :style color: red;
                #+begin_src sh
                ls
                #+end_src

                #+attr_html: :id sizes :class small :src evil.js
                | a | b |
                """);
        Element img = body.selectFirst("img#fig-cat");
        assertThat(img).isNotNull();
        assertThat(img.attr("class")).isEqualTo("wide framed");
        assertThat(img.attr("alt")).isEqualTo("A \"cat\"");
        assertThat(img.attr("width")).isEqualTo("300");
        assertThat(img.attr("onclick")).isEmpty();
        assertThat(img.attr("style")).isEmpty();
        assertThat(body.select("div#listing.src.src-sh.code").attr("style")).isEqualTo("color: red;");
        assertThat(body.select("table#sizes.small")).hasSize(1);
        assertThat(body.select("table").attr("src")).isEmpty();
    }

    @Test
    void timestampsShowAsGoOrgShowsThem() {
        Element p = body("Meet <2024-07-24 Wed 06:15>, logged [2023-01-01 Sun 17:57], from <2019-01-06 18:00 +1w>.")
                .selectFirst("p");
        assertThat(p.select("span.timestamp")).extracting(Element::text).containsExactly("<2024-07-24 Wed 06:15>",
                "[2023-01-01 Sun 17:57]", "<2019-01-06 Sun 18:00 +1w>");
    }

    @Test
    void macrosExpand() {
        Element p = body("""
                #+title: My note
                #+macro: greet Hello, $1 and $2!
                {{{title}}}: {{{greet(Ann, /Bob/)}}} {{{unknown}}}
                """).selectFirst("p");
        assertThat(p.text()).isEqualTo("My note: Hello, Ann and Bob! {{{unknown}}}");
        assertThat(p.select("em").text()).isEqualTo("Bob");
        assertThat(body("#+macro: price costs $1\n{{{price($5\\, more)}}}").text()).isEqualTo("costs $5, more");
    }

    @Test
    void entitiesBecomeCharacters() {
        assertThat(body("\\alpha\\nbsp{}\\mdash \\Aacute \\pi{}r \\to \\lt{}b\\gt{} \\unknown").selectFirst("p").wholeText())
                .isEqualTo("α\u00a0— Á πr → <b> \\unknown");
        assertThat(body("#+OPTIONS: e:nil\n\\alpha").text()).isEqualTo("\\alpha");
    }

    @Test
    void subAndSuperscriptsInBracesOnly() {
        Element p = body("H_{2}O and x^{2}, not a_b or ^{x}").selectFirst("p");
        assertThat(p.select("sub").text()).isEqualTo("2");
        assertThat(p.select("sup").text()).isEqualTo("2");
        assertThat(p.text()).endsWith("not a_b or ^{x}");
        assertThat(body("#+OPTIONS: ^:nil\nH_{2}O").select("sub")).isEmpty();
    }

    @Test
    void optionsHideTodoTagsAndPriorityAndKeepLineBreaks() {
        Element body = body("""
                #+OPTIONS: toc:nil todo:nil tags:nil pri:nil \\n:t
                * TODO [#A] Task :work:
                one
                two
                """);
        assertThat(body.select("h2").text()).isEqualTo("Task");
        assertThat(body.select("span.todo, span.tags, span.priority")).isEmpty();
        assertThat(body.select("p br")).hasSize(1);
        assertThat(body.select("nav")).isEmpty();
    }

    @Test
    void srcBlockExportingResultsShowsOnlyTheResults() {
        Element body = body("""
                #+begin_src python :exports results
                print(1 + 1)
                #+end_src

                #+RESULTS:
                : 2
                """);
        assertThat(body.text()).doesNotContain("print").contains("2");
        assertThat(body.select("pre.example").text()).isEqualTo("2");
    }

    @Test
    void inlineHtmlSnippetsAreSanitisedUnlessRawHtmlIsAllowed() {
        assertThat(body("a @@html:<b onclick=\"x()\">b</b>@@ c @@latex:\\LaTeX@@").select("b").attr("onclick"))
                .isEmpty();
        assertThat(body("a @@html:<b>b</b>@@ c @@latex:\\LaTeX@@").text()).isEqualTo("a b c");
        assertThat(new OrgRenderer(true).render("@@html:<b onclick=\"x()\">b</b>@@", LinkResolver.IDENTITY)
                .markdown().html()).contains("onclick");
    }

    @Test
    void linkAbbreviationsExpandBeforeTheResolver() {
        Recording resolver = new Recording();
        String html = renderer.render("""
                #+LINK: wiki https://en.wikipedia.org/wiki/
                #+LINK: search https://duckduckgo.com/?q=%h
                [[wiki:Org-mode]] [[search:a b&c][find]]
                """, resolver).markdown().html();
        assertThat(resolver.asked).containsExactly("https://en.wikipedia.org/wiki/Org-mode",
                "https://duckduckgo.com/?q=a+b%26c");
        assertThat(Jsoup.parseBodyFragment(html).select("a")).extracting(Element::text)
                .containsExactly("https://en.wikipedia.org/wiki/Org-mode", "find");
    }

    @Test
    void videoLinksAndLinkedImagesGoThroughTheResolver() {
        Recording resolver = new Recording();
        Element body = Jsoup.parseBodyFragment(renderer.render("[[file:clip.mp4]] [[https://x.org][file:thumb.png]]",
                resolver).markdown().html()).body();
        assertThat(resolver.asked).containsExactly("img:clip.mp4", "img:thumb.png", "https://x.org");
        assertThat(body.select("video").attr("src")).isEqualTo("R1");
        assertThat(body.select("a[href=R3] > img[src=R2]")).hasSize(1);
    }

    @Test
    void blocksNestAndListItemsKeepTheirBlocksUnindentedLines() {
        Element body = body("""
                - item
                  #+begin_example
                not indented
                  #+end_example
                  still the item
                after
                #+begin_quote
                #+begin_example
                #+end_quote
                #+end_example
                #+end_quote
                """);
        assertThat(body.select("li pre.example").text()).isEqualTo("not indented");
        assertThat(body.select("li").text()).contains("still the item");
        assertThat(body.select("body > p").text()).isEqualTo("after");
        assertThat(body.select("blockquote > pre.example").text()).isEqualTo("#+end_quote");
    }

    @Test
    void excludeTagsAndCustomTodoKeywords() {
        Element body = body("""
                #+TODO: TODO WAIT | DONE
                #+EXCLUDE_TAGS: private
                * WAIT Call back
                * Diary :private:
                secret
                """);
        assertThat(body.select("span.todo.status-wait").text()).isEqualTo("WAIT");
        assertThat(body.select("h2")).hasSize(1);
        assertThat(body.text()).doesNotContain("secret");
    }

    @Test
    void htmlKeywordLinesAreSanitisedUnlessRawHtmlIsAllowed() {
        assertThat(body("#+HTML: <p onclick=\"x()\">hi</p>").select("p").attr("onclick")).isEmpty();
        assertThat(body("#+HTML: <p onclick=\"x()\">hi</p>").text()).isEqualTo("hi");
        assertThat(new OrgRenderer(true).render("#+HTML: <p onclick=\"x()\">hi</p>", LinkResolver.IDENTITY)
                .markdown().html()).contains("onclick");
    }

    @Test
    void aSectionHoldsItsSubHeadlines() {
        Element body = body("* One\ntext\n** Two\nmore\n");
        assertThat(body.select("#outline-text-headline-1 #outline-container-headline-2 h3").text()).isEqualTo("Two");
    }

    @Test
    void tocOptionReachesTheFrontMatter() {
        assertThat(render("#+OPTIONS: toc:nil\n* A\n").frontMatter().fields().get("toc")).isEqualTo(false);
        assertThat(render("#+OPTIONS: H:3 toc:2\n").frontMatter().fields().get("toc")).isEqualTo(2);
        assertThat(render("* A\n").frontMatter().fields()).doesNotContainKey("toc");
    }

    @Test
    void aFootnoteWithoutDefinitionIsAProblem() {
        OrgRendering r = render("Said[fn:gone] and[fn:ok].\n\n[fn:ok] Here.\n");
        assertThat(r.problems()).containsExactly("footnote [fn:gone] has no definition");
        assertThat(Jsoup.parseBodyFragment(r.markdown().html()).select(".footnote-definition")).extracting(Element::text)
                .containsExactly("2 Here.");
    }

    @Test
    void oddInputRendersWithoutFailing() {
        for (String org : List.of("[[]]", "[[#]]", "[[*]]", "[[#][]]", "\\begin{", "\\begin{x}\nno end", "$", "$$",
                "@@", "@@html:", "src_", "src_x{", "{{{", "{{{x(}}}", "#+macro:", "#+macro: m $1\n{{{m}}}",
                "#+LINK:", "#+LINK: w\n[[w:x]]", "a_{", "x^{}", "<2024-13-45 Mon>", "[2024-02-30]", "\\", "\\(",
                "#+attr_html:", "#+attr_html: :\n[[a.png]]", "#+name:\n| a |", "\u0000[[#x]]\u0000", "* [[*]]",
                "#+OPTIONS: \\n:t\n\n", "- \\begin{a}\n  - b")) {
            OrgRendering r = render(org);
            assertThat(r.markdown().html()).as(org).doesNotContain("\u0000");
        }
    }

    @Test
    void openersWithoutClosersCannotMakeARenderRunAway() {
        String org = "#+begin_quote\n".repeat(5000) + "text\n";
        long start = System.nanoTime();
        assertThat(body(org).text()).contains("text");
        assertThat(body(org + "#+end_quote\n").text()).contains("text");
        assertThat(body("\\begin{x}\n".repeat(5000)).text()).startsWith("\\begin{x}");
        assertThat(body("[[ \\( \\[ $$ @@a src_x{ _{ ".repeat(20000)).text()).startsWith("[[");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }
}
