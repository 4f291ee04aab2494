package dev.imprint.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imprint.render.LinkResolver.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    private final MarkdownRenderer safe = new MarkdownRenderer(false);
    private final MarkdownRenderer trusted = new MarkdownRenderer(true);

    private RenderedMarkdown render(String md) {
        return safe.render(md, false, LinkResolver.IDENTITY);
    }

    private static Document dom(RenderedMarkdown r) {
        return Jsoup.parseBodyFragment(r.html());
    }

    // ------------------------------------------------------------------ title and headings

    @Test
    void takeTitleRemovesFirstH1FromBody() {
        RenderedMarkdown r = safe.render("# My *Note*\n\nBody text.\n\n# Second\n", true, LinkResolver.IDENTITY);

        assertThat(r.title()).isEqualTo("My Note");
        assertThat(r.html()).doesNotContain("My").contains("Body text.");
        assertThat(dom(r).select("h1")).extracting(Element::text).containsExactly("Second");
        assertThat(r.headings()).containsExactly(new Heading(1, "second", "Second"));
        assertThat(r.text()).isEqualTo("Body text. Second");
    }

    @Test
    void titleReportedButKeptWhenNotTaken() {
        RenderedMarkdown r = render("Intro\n\n# Title\n");

        assertThat(r.title()).isEqualTo("Title");
        assertThat(dom(r).select("h1#title").text()).isEqualTo("Title");
        assertThat(r.headings()).containsExactly(new Heading(1, "title", "Title"));
    }

    @Test
    void noH1MeansNoTitle() {
        RenderedMarkdown r = safe.render("## Only h2\n", true, LinkResolver.IDENTITY);

        assertThat(r.title()).isNull();
        assertThat(r.headings()).containsExactly(new Heading(2, "only-h2", "Only h2"));
    }

    @Test
    void headingIdsAreGithubStyleAndUnique() {
        RenderedMarkdown r = render("""
                ## Hello, World!
                ## Hello, World!
                ### Hello, World!
                #### snake_case & `code`
                ## Ünïcödé Title
                """);

        assertThat(r.headings()).extracting(Heading::id)
                .containsExactly("hello-world", "hello-world-1", "hello-world-2", "snake_case--code", "ünïcödé-title");
        // the ids in the HTML are exactly the ones reported
        assertThat(dom(r).select("h2,h3,h4").eachAttr("id"))
                .containsExactlyElementsOf(r.headings().stream().map(Heading::id).toList());
    }

    @Test
    void headingsListIsATableOfContents() {
        RenderedMarkdown r = safe.render("""
                # Doc
                ## Install
                ### On Linux
                > ## Quoted
                ###### Deep
                """, true, LinkResolver.IDENTITY);

        assertThat(r.headings()).containsExactly(
                new Heading(2, "install", "Install"),
                new Heading(3, "on-linux", "On Linux"),
                new Heading(2, "quoted", "Quoted"),
                new Heading(6, "deep", "Deep"));
    }

    // ------------------------------------------------------------------ GFM features

    @Test
    void fencedCodeKeepsLanguageClass() {
        RenderedMarkdown r = render("```java\nclass A {}\n```\n");

        assertThat(r.html()).contains("<pre><code class=\"language-java\">class A {}");
        assertThat(r.hasCode()).isTrue();
    }

    @Test
    void tablesWithAlignment() {
        RenderedMarkdown r = render("""
                | Name | Qty |
                |:-----|----:|
                | a    | 1   |
                | b    | 2   |
                """);

        Document d = dom(r);
        assertThat(d.select("table thead th").eachText()).containsExactly("Name", "Qty");
        assertThat(d.select("table tbody tr")).hasSize(2);
        assertThat(d.select("th").eachAttr("align")).containsExactly("left", "right");
        assertThat(r.text()).contains("Name Qty a 1 b 2");
    }

    @Test
    void taskListsRenderDisabledCheckboxes() {
        RenderedMarkdown r = render("- [ ] todo\n- [x] done\n");

        Document d = dom(r);
        assertThat(d.select("li.task-list-item")).hasSize(2);
        assertThat(d.select("input[type=checkbox]")).hasSize(2)
                .allSatisfy(in -> assertThat(in.hasAttr("disabled")).isTrue());
        assertThat(d.select("input[checked]")).hasSize(1);
        assertThat(r.text()).isEqualTo("todo done");
    }

    @Test
    void strikethrough() {
        assertThat(render("~~gone~~ kept").html()).contains("<del>gone</del> kept");
    }

    @Test
    void footnotesLinkBothWays() {
        RenderedMarkdown r = render("Claim.[^1]\n\n[^1]: Source.\n");

        Document d = dom(r);
        Element ref = d.selectFirst("sup a.footnote-ref");
        assertThat(ref).isNotNull();
        String target = ref.attr("href").substring(1);
        assertThat(d.getElementById(target)).isNotNull();
        assertThat(d.getElementById(target).text()).contains("Source.");
        Element back = d.selectFirst("a.footnote-backref");
        assertThat(d.getElementById(back.attr("href").substring(1))).isNotNull();
        assertThat(r.summary()).isEqualTo("Claim.");
    }

    @Test
    void autolinksBareUrlsAndAngleBrackets() {
        RenderedMarkdown r = render("See https://example.com/a, <https://x.org> and www.imprint.dev or bob@example.com.");

        assertThat(dom(r).select("a").eachAttr("href"))
                .containsExactly("https://example.com/a", "https://x.org", "http://www.imprint.dev",
                        "mailto:bob@example.com");
        assertThat(r.links()).containsExactly("https://example.com/a", "https://x.org", "www.imprint.dev",
                "bob@example.com");
    }

    // ------------------------------------------------------------------ link resolver

    @Test
    void resolverRewritesLinksAndMarksBrokenOnes() {
        List<String> seen = new ArrayList<>();
        LinkResolver resolver = (dest, image) -> {
            seen.add((image ? "img:" : "") + dest);
            if (dest.startsWith("missing")) {
                return Resolution.broken(dest);
            }
            if (dest.endsWith(".md")) {
                return Resolution.ok(dest.replace(".md", ".html"));
            }
            return null;
        };
        String md = """
                [ok](notes/other.md) [gone](missing.md) [ext](https://example.com)
                ![pic](img/a.png) [ref][r]

                [r]: notes/ref.md
                """;
        RenderedMarkdown r = safe.render(md, false, resolver);

        Document d = dom(r);
        assertThat(d.select("a").eachAttr("href"))
                .containsExactly("notes/other.html", "missing.md", "https://example.com", "notes/ref.html");
        assertThat(d.select("a.broken").eachText()).containsExactly("gone");
        assertThat(d.select("a:not(.broken)")).hasSize(3);
        assertThat(d.select("img").attr("src")).isEqualTo("img/a.png");
        assertThat(seen).contains("notes/other.md", "missing.md", "https://example.com", "img:img/a.png",
                "notes/ref.md");
        assertThat(r.links()).containsExactly("notes/other.md", "missing.md", "https://example.com", "img/a.png",
                "notes/ref.md");
    }

    @Test
    void brokenImagesGetClassToo() {
        RenderedMarkdown r = safe.render("![x](nope.png)", false, (d, img) -> Resolution.broken(d));

        assertThat(dom(r).select("img.broken").attr("src")).isEqualTo("nope.png");
    }

    @Test
    void linksListKeepsDestinationsAsWritten() {
        RenderedMarkdown r = safe.render("[a](my%20file.md) [b](x\\_y.md#Sec)", false,
                (d, i) -> Resolution.ok("/resolved"));

        assertThat(r.links()).containsExactly("my%20file.md", "x_y.md#Sec");
        assertThat(dom(r).select("a").eachAttr("href")).containsExactly("/resolved", "/resolved");
    }

    // ------------------------------------------------------------------ raw HTML

    @Test
    void sanitizingRemovesDangerousHtmlButKeepsOurOwnMarkup() {
        String md = """
                # Title

                <script>alert(1)</script>

                <p onclick="steal()" id="x">para <a href="javascript:alert(2)">js</a> <a href="../rel/page.html#frag">rel</a></p>

                <iframe src="https://evil.example"></iframe><style>body{}</style>

                - [x] task [^n]

                ```js
                code()
                ```

                [md](sub/dir/note.html) [jsmd](javascript:alert(3)) [anchor](#title)

                [^n]: foot
                """;
        RenderedMarkdown r = safe.render(md, false, LinkResolver.IDENTITY);
        String html = r.html();

        assertThat(html).doesNotContain("<script", "alert(1)", "onclick", "javascript:", "<iframe", "<style");
        Document d = dom(r);
        assertThat(d.select("h1#title")).hasSize(1);
        assertThat(d.select("pre code.language-js")).hasSize(1);
        assertThat(d.select("li.task-list-item input[type=checkbox][checked][disabled]")).hasSize(1);
        assertThat(d.select("a.footnote-ref")).hasSize(1);
        assertThat(d.select("div.footnotes li[id]")).hasSize(1);
        // relative links are kept exactly as written
        assertThat(html).contains("href=\"../rel/page.html#frag\"", "href=\"sub/dir/note.html\"",
                "href=\"#title\"");
    }

    @Test
    void rawHtmlInputsCannotBecomeEditableFields() {
        String html = render("<input type=\"text\" name=\"q\" value=\"x\">\n").html();

        Element in = Jsoup.parseBodyFragment(html).selectFirst("input");
        assertThat(in).isNotNull();
        assertThat(in.attr("type")).isEqualTo("checkbox");
        assertThat(in.hasAttr("disabled")).isTrue();
        assertThat(in.hasAttr("name")).isFalse();
    }

    @Test
    void allowRawHtmlPassesThroughUntouched() {
        String md = "<div class=\"x\" onclick=\"go()\"><script>run()</script></div>\n\n<span style=\"color:red\">hi</span>\n";
        RenderedMarkdown r = trusted.render(md, false, LinkResolver.IDENTITY);

        assertThat(r.html()).contains("<div class=\"x\" onclick=\"go()\"><script>run()</script></div>",
                "<span style=\"color:red\">hi</span>");
    }

    @Test
    void documentsWithoutRawHtmlRenderTheSameWithOrWithoutSanitizing() {
        String md = """
                # T

                Text with **bold**, `code`, [link](a/b.md "title"), ![img](i.png), <https://x.org>.

                | a | b |
                |---|:-:|
                | 1 | 2 |

                - [ ] t[^1]

                [^1]: n
                """;
        String unsanitized = trusted.render(md, false, LinkResolver.IDENTITY).html();
        String sanitized = MarkdownRenderer.sanitize(unsanitized);

        // the safe renderer skipped jsoup here (nothing to remove), and running it would change nothing
        assertThat(safe.render(md, false, LinkResolver.IDENTITY).html()).isEqualTo(unsanitized);
        assertThat(canonical(unsanitized)).isEqualTo(canonical(sanitized));
    }

    @Test
    void unsafeSchemesForceSanitizingEvenWithoutRawHtml() {
        RenderedMarkdown r = safe.render("[x](vbscript:run) [y](data:text/html;base64,xx) ![z](data:image/png;base64,xx)",
                false, LinkResolver.IDENTITY);

        assertThat(r.html()).doesNotContain("vbscript", "data:");
        assertThat(dom(r).select("a")).hasSize(2);
    }

    /** HTML with attributes sorted by name, so that attribute order does not matter. */
    private static String canonical(String html) {
        Document d = Jsoup.parseBodyFragment(html);
        for (Element e : d.getAllElements()) {
            List<org.jsoup.nodes.Attribute> attrs = new ArrayList<>(e.attributes().asList());
            attrs.sort(java.util.Comparator.comparing(org.jsoup.nodes.Attribute::getKey));
            attrs.forEach(a -> e.removeAttr(a.getKey()));
            attrs.forEach(a -> e.attr(a.getKey(), a.getValue()));
        }
        return d.body().html();
    }

    // ------------------------------------------------------------------ text, summary, flags

    @Test
    void textAndSummary() {
        RenderedMarkdown r = safe.render("""
                # Title

                First   paragraph with *emphasis*
                and a [link](x.md).

                Second paragraph.

                    indented code
                """, true, LinkResolver.IDENTITY);

        assertThat(r.summary()).isEqualTo("First paragraph with emphasis and a link.");
        assertThat(r.text()).isEqualTo("First paragraph with emphasis and a link. Second paragraph. indented code");
        assertThat(r.hasCode()).isTrue();
    }

    @Test
    void longSummaryIsCutAtAWordBoundary() {
        String para = "word ".repeat(200).trim();
        RenderedMarkdown r = render(para);

        assertThat(r.summary()).endsWith("…").hasSizeLessThanOrEqualTo(301);
        assertThat(r.summary()).doesNotContain("wor…").startsWith("word word");
        assertThat(r.summary().replace("…", "").split(" ")).allMatch("word"::equals);
    }

    @Test
    void emptySummaryWithoutParagraph() {
        assertThat(render("# Only a heading\n").summary()).isEmpty();
        assertThat(render("").summary()).isEmpty();
    }

    @Test
    void mathDetection() {
        assertThat(render("Euler: $e^{i\\pi} + 1 = 0$.").hasMath()).isTrue();
        assertThat(render("$$\n\\int_0^1 x\\,dx\n$$\n").hasMath()).isTrue();
        assertThat(render("It costs $5 and $10.").hasMath()).isFalse();
        assertThat(render("Inline `$x$` and\n\n```\n$y$\n```\n").hasMath()).isFalse();
        assertThat(render("Escaped \\$x\\$ dollars").hasMath()).isFalse();
        assertThat(render("No math here.").hasMath()).isFalse();
    }

    @Test
    void noCodeFlagForInlineCodeOnly() {
        assertThat(render("just `inline`").hasCode()).isFalse();
    }

    // ------------------------------------------------------------------ robustness

    @Test
    void neverThrowsOnWeirdInput() {
        assertThat(render("").html()).isEmpty();
        assertThat(safe.render(null, true, null).title()).isNull();

        StringBuilder junk = new StringBuilder();
        java.util.Random rnd = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            junk.append((char) rnd.nextInt(0x3000));
        }
        assertThat(render(junk.toString()).html()).isNotNull();
        assertThat(render("\0\0\uFFFF\uD800 <\0>").html()).isNotNull();
        assertThat(render(">".repeat(5000) + " deep").html()).isNotNull();
        assertThat(render("[".repeat(5000) + "x" + "]".repeat(5000)).html()).isNotNull();
        assertThat(render("*a ".repeat(5000)).html()).isNotNull();
    }

    @Test
    void bigNoteRendersInReasonableTime() {
        String section = """
                ## Section

                Some text with a [link](other.md) and `code` and **bold** and $x$.

                - item one
                - item two

                ```java
                int x = 1;
                ```

                """;
        String md = section.repeat(20_000); // ~2 MB (10 MB takes ~30 s on a cold JVM, almost all inside flexmark)
        long start = System.nanoTime();
        RenderedMarkdown r = safe.render(md, false, LinkResolver.IDENTITY);
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.headings()).hasSize(20_000);
        assertThat(r.headings().get(19_999).id()).isEqualTo("section-19999");
        assertThat(ms).isLessThan(60_000);
    }

    @Test
    void oneInstanceIsSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    RenderedMarkdown r = safe.render("# T" + n + "\n\n## H" + n + "\n\n[l](p" + n + ".md)", true,
                            (d, img) -> Resolution.ok("/" + d));
                    return ("T" + n).equals(r.title())
                            && r.headings().equals(List.of(new Heading(2, "h" + n, "H" + n)))
                            && r.html().contains("href=\"/p" + n + ".md\"");
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }
}
