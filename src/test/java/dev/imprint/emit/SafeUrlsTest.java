package dev.imprint.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.imprint.site.UrlSchemes;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The last look at a page: refused URLs become "#" in place, everything else stays byte for byte. */
class SafeUrlsTest {
    final SafeUrls safe = new SafeUrls(new UrlSchemes(Set.of("obsidian")));
    final List<String> reported = new ArrayList<>();

    String clean(String html) {
        return safe.clean(html, reported::add);
    }

    static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Note: a title · Notes</title>
            <link rel="stylesheet" href="../style.css">
            <script defer src="../search.js"></script>
            </head>
            <body class="page">
            <p>Note: colons in prose, at 12:30, in <code>std::vector</code> and a = b: c, don't; &amp; &#39;s.</p>
            <p><a href="https://example.org/a:b?x=1&amp;y=2">web</a> <a href="mailto:ada@example.org">mail</a>
            <a href="obsidian://open?vault=x">vault</a> <a href="../x/index.html#part:two">rel</a>
            <img src="data:image/png;base64,iVBORw0KGgo=" alt="pixel"></p>
            </body>
            </html>
            """;

    @Test
    void aPageWithNothingRefusedIsTheVerySameString() {
        assertThat(clean(PAGE)).isSameAs(PAGE);
        assertThat(safe.parsed(PAGE, reported::add)).isSameAs(PAGE);
        assertThat(reported).isEmpty();
    }

    @Test
    void theUsualPageIsNotEvenParsed() {
        // (no data: image, which only the parser can tell from a link, and no "a = b: c", which could be in a tag)
        String page = PAGE.replace("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"pixel\">", "")
                .replace(" and a = b: c", "");
        assertThat(UrlPrefilter.mayRefuse(page, new UrlSchemes(Set.of("obsidian")))).isFalse();
        assertThat(UrlPrefilter.mayRefuse(page, new UrlSchemes(Set.of()))).as("obsidian: not allowed").isTrue();
    }

    @Test
    void onlyTheRefusedValueChanges() {
        String html = "<p title=\"a>b\">x <a class=\"c\" href=\"jav&#x09;ascript:alert(1)\" title=\"t\">y</a> z</p>";
        assertThat(clean(html)).isEqualTo("<p title=\"a>b\">x <a class=\"c\" href=\"#\" title=\"t\">y</a> z</p>");
        assertThat(reported).containsExactly("<a> href \"jav\\tascript:alert(1)\" replaced by \"#\": the javascript: "
                + "scheme is not allowed");
    }

    @Test
    void everySpellingOfAScriptUrl() {
        for (String value : List.of("javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                "java&#10;script:alert(1)", "java&Tab;script:x", "&#x6A;avascript:x", "&#106avascript:x",
                "javascript&colon;x", "javascript&#58;x", "javascript&#x3A;x", "javascript&#0000058x",
                "&#32;&#1;javascript:x", "\u0001 javascript:x", "vbscript:msgbox", "data:text/html,<script>x</script>",
                "zotero://select")) {
            for (String quoted : List.of("\"" + value + "\"", "'" + value + "'")) {
                String html = "<p>a</p><a title='x>y' href=" + quoted + ">b</a>";
                assertThat(clean(html)).as(quoted).isEqualTo("<p>a</p><a title='x>y' href=" + quoted.charAt(0) + "#"
                        + quoted.charAt(0) + ">b</a>");
            }
        }
        assertThat(clean("<a href=javascript:x>b</a>")).isEqualTo("<a href=#>b</a>");
        assertThat(clean("<a href=\n\tjavascript:x>b</a>")).isEqualTo("<a href=\n\t#>b</a>");
        assertThat(clean("<a href=java\nscript:x>b</a>")).as("unquoted: the newline ends the value")
                .isEqualTo("<a href=java\nscript:x>b</a>");
    }

    @Test
    void everyUrlAttribute() {
        String[][] cases = {
                {"<form action=\"javascript:x\"><button formaction=\"javascript:y\">b</button></form>",
                        "<form action=\"#\"><button formaction=\"#\">b</button></form>"},
                {"<video poster=\"javascript:x\" src=\"data:video/mp4,x\"></video>", "<video poster=\"#\" src=\"#\"></video>"},
                {"<blockquote cite=\"vbscript:x\">q</blockquote>", "<blockquote cite=\"#\">q</blockquote>"},
                {"<object data=\"javascript:x\"></object><embed src=\"javascript:y\">",
                        "<object data=\"#\"></object><embed src=\"#\">"},
                {"<iframe src=\"data:text/html,x\"></iframe>", "<iframe src=\"#\"></iframe>"},
                {"<table background=\"javascript:x\"></table>", "<table background=\"#\"></table>"},
                {"<svg><a xlink:href=\"javascript:x\"><text>t</text></a><a href=\"javascript:y\"></a></svg>",
                        "<svg><a xlink:href=\"#\"><text>t</text></a><a href=\"#\"></a></svg>"},
                {"<svg><a><set attributeName=\"href\" to=\"javascript:x\"/><animate attributeName=\"xlink:href\" "
                        + "values=\"#a;javascript:y\"/></a></svg>",
                        "<svg><a><set attributeName=\"href\" to=\"#\"/><animate attributeName=\"xlink:href\" "
                                + "values=\"#\"/></a></svg>"},
                {"<img srcset=\"a.png 1x, javascript:x 2x\" src=\"a.png\">", "<img srcset=\"#\" src=\"a.png\">"},
                {"<img srcset=\"data:image/png;base64,AA 1x, b.png 2x\">", "<img srcset=\"data:image/png;base64,AA 1x, b.png 2x\">"},
                {"<a ping=\"/count javascript:x\" href=\"/x\">p</a>", "<a ping=\"#\" href=\"/x\">p</a>"},
                {"<meta http-equiv=\"Refresh\" content=\"0; URL='javascript:x'\">", "<meta http-equiv=\"Refresh\" content=\"#\">"},
                {"<meta http-equiv=refresh content=\"5;javascript:x\">", "<meta http-equiv=refresh content=\"#\">"},
                {"<meta http-equiv=refresh content=\"5\njavascript:x\">", "<meta http-equiv=refresh content=\"#\">"},
                {"<meta http-equiv=refresh content=\"5;&#x6A;avascript:x\">", "<meta http-equiv=refresh content=\"#\">"},
                {"<meta http-equiv=refresh content=\"5; url=https://example.org/\">",
                        "<meta http-equiv=refresh content=\"5; url=https://example.org/\">"},
                {"<iframe srcdoc=\"&lt;a href=&quot;javascript:x&quot;&gt;y&lt;/a&gt;\"></iframe>", "<iframe srcdoc=\"#\"></iframe>"},
                {"<body><p>x</p><body background=\"javascript:x\">", "<body><p>x</p><body background=\"#\">"},
                {"<img src=\"data:image/png;base64,AA\"><a href=\"data:image/png;base64,AA\">a</a>",
                        "<img src=\"data:image/png;base64,AA\"><a href=\"#\">a</a>"},
        };
        for (String[] c : cases) {
            assertThat(clean(c[0])).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void whatABrowserReadsAsTextStaysAsItIs() {
        for (String html : List.of("<!-- <a href=\"javascript:x\"> -->", "<script>var a = '<a href=\"javascript:x\">';</script>",
                "<textarea><a href=\"javascript:x\"></textarea>", "<p>see javascript:x = bad</p>",
                "<a title=\"javascript:x\" data-x=\"javascript:y\">t</a>", "<pre>a &lt;a href=javascript:x&gt;</pre>")) {
            assertThat(clean(html)).as(html).isEqualTo(html);
        }
        assertThat(reported).isEmpty();
    }

    @Test
    void anElementTheParserCopiesIsReplacedOnce() {
        String html = "<p><a href=\"javascript:x\">1<p>2</a>";
        assertThat(clean(html)).isEqualTo("<p><a href=\"#\">1<p>2</a>");
        assertThat(reported).hasSize(1);
    }

    @Test
    void srcsetAndRefreshAreReadAsTheSpecSays() {
        assertThat(SafeUrls.srcsetUrls(" a.png 1x,b.png, c.png (x, y) 2x , data:image/png;base64,a,b 3x"))
                .containsExactly("a.png", "b.png", "c.png", "data:image/png;base64,a,b");
        assertThat(SafeUrls.refreshUrl("0")).isNull();
        assertThat(SafeUrls.refreshUrl("x; url=javascript:x")).isNull();
        assertThat(SafeUrls.refreshUrl("1.5 , URL = \"javascript:x\" tail")).isEqualTo("javascript:x");
        assertThat(SafeUrls.refreshUrl("0;javascript:x")).isEqualTo("javascript:x");
    }

    /**
     * The prefilter's promise: whenever parsing the page would refuse something, the prefilter says "parse". Tried on
     * pages of tags whose attribute values are glued together from the pieces hostile markup is made of.
     */
    @Property(tries = 4000)
    void thePrefilterNeverWavesThroughWhatTheParserRefuses(@ForAll("pages") String page) {
        String parsed = safe.parsed(page, m -> { });
        if (!parsed.equals(page)) {
            assertThat(UrlPrefilter.mayRefuse(page, new UrlSchemes(Set.of("obsidian")))).as(page).isTrue();
        }
    }

    @Provide
    Arbitrary<String> pages() {
        // a value: something before a scheme, the scheme spelt somehow, a colon spelt somehow, something after
        Arbitrary<String> before = Arbitraries.of("", "", " ", "&#32;", "\u0001", "\t", "0;", "5\n", "5, ", "0; url=",
                "1 URL = '", "a.png 1x, ", "/count ", "#a;", "x>y ", "&lt;a href=&quot;", "x", "/", "'", "\"", "=");
        Arbitrary<String> scheme = Arbitraries.of("javascript", "JaVa&#9;script", "&#x6A;avascript", "java\nscript",
                "java&Tab;script", "data", "https", "obsidian", "x", "");
        Arbitrary<String> colon = Arbitraries.of(":", ":", "&colon;", "&#58;", "&#x3A", "&#0058;", "");
        Arbitrary<String> after = Arbitraries.of("", "alert(1)", "//x", " 2x", ">", "\"", "&quot;&gt;");
        Arbitrary<String> value = net.jqwik.api.Combinators.combine(before, scheme, colon, after)
                .as((b, sc, c, a) -> b + sc + c + a);
        Arbitrary<String> quote = Arbitraries.of("\"", "'", "");
        // each tag with the attributes that hold URLs there (and one that does not)
        Arbitrary<String> tag = Arbitraries.of(
                "<a|href|ping|title", "<img|src|srcset|alt", "<meta http-equiv=refresh|content|name",
                "<svg><set attributeName=href|to|values|from", "<iframe|srcdoc|src", "<object|data|type", "<form|action",
                "<p|title|class").flatMap(spec -> {
                    String[] parts = spec.split("\\|");
                    Arbitrary<String> attribute = net.jqwik.api.Combinators.combine(
                            Arbitraries.of(java.util.Arrays.copyOfRange(parts, 1, parts.length)), quote, value)
                            .as((n, q, v) -> " " + n + "=" + q + v + q);
                    return attribute.list().ofMinSize(1).ofMaxSize(3).map(attrs -> parts[0] + String.join("", attrs) + ">");
                });
        Arbitrary<String> text = Arbitraries.of("Note: x", "a = b", ">", "<", "&amp;", "<!--", "-->", " ", "javascript:x",
                "<script>", "</script>");
        return Arbitraries.oneOf(tag, tag, text).list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("", l));
    }
}
