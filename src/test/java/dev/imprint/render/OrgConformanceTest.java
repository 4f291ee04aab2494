package dev.imprint.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs go-org's golden pairs ({@code *.org} → {@code *.html}, the renderer Hugo uses) through {@link OrgRenderer}
 * and compares after the CommonMark test's normalisation (attributes sorted, whitespace collapsed). Where we differ
 * from go-org on purpose, a small named step below writes one side as the other would; each says why.
 */
class OrgConformanceTest {

    static final Path PAIRS = Path.of("..", "shared", "spec", "org", "go-org");

    /**
     * Pairs known to differ, each with its reason. Most go-org pairs exercise many constructs in one file, so one
     * construct not done yet fails the whole pair.
     */
    static final Map<String, String> ACCEPTED_FAILURES = Map.ofEntries(
            Map.entry("headlines", "needs the file setup_file_org, which is not among the pairs (#+SETUPFILE: the"
                    + " TODO keyword CUSTOM and #+EXCLUDE_TAGS: custom_noexport; #+INCLUDE of it as a src block);"
                    + " and go-org shows a :PROPERTIES: drawer whose lines are not properties as text, we hide it"),
            Map.entry("inline", "by choice: a macro expands in place, as in Org; go-org parses the expansion as a"
                    + " document of its own and writes it as a <p> inside the paragraph, which breaks the sentence"
                    + " in two"),
            Map.entry("misc", "#+INCLUDE of ../../.github/workflows/ci.yml, a file of go-org's repository outside"
                    + " the pairs (its ./headlines.org and ./paragraphs.html includes are read)"));

    /** The floor: raise it as pairs pass. */
    static final int MIN_PASSING = 12;

    /**
     * Stands in for the site's link index: a link to another {@code .org} file goes to that note's page. go-org
     * rewrites {@code x.org} to {@code x.html}; the test writes the page as go-org names it.
     */
    static final LinkResolver SITE_LINKS = (destination, image) -> !image && !destination.contains(":")
            && destination.endsWith(".org")
            ? LinkResolver.Resolution.ok(destination.substring(0, destination.length() - 4) + ".html") : null;

    /**
     * The files {@code #+INCLUDE} and {@code #+SETUPFILE} name, read from the pairs' folder only: a path that leads
     * out of it (go-org's misc.org includes {@code ../../.github/workflows/ci.yml}) reads as missing.
     */
    static String pairFile(String path) {
        try {
            Path root = PAIRS.toRealPath();
            Path file = root.resolve(path).normalize();
            return Files.isRegularFile(file) && file.toRealPath().startsWith(root) ? Files.readString(file) : null;
        } catch (IOException | InvalidPathException e) {
            return null;
        }
    }

    private static final Pattern NAME = Pattern.compile("(?im)^[ \\t]*#\\+name:[ \\t]*(\\S+)");

    @Test
    void goldenPairs() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(PAIRS),
                "go-org golden pairs not found at " + PAIRS.toAbsolutePath().normalize() + " — conformance test skipped");
        List<Path> orgs;
        try (Stream<Path> files = Files.list(PAIRS)) {
            orgs = files.filter(p -> p.toString().endsWith(".org"))
                    .filter(p -> Files.isRegularFile(Path.of(p.toString().replaceAll("\\.org$", ".html"))))
                    .sorted().toList();
        }
        OrgRenderer renderer = new OrgRenderer(true);
        Map<String, Integer> similarity = new TreeMap<>();
        int passed = 0;
        StringBuilder details = new StringBuilder();
        for (Path org : orgs) {
            String name = org.getFileName().toString().replaceAll("\\.org$", "");
            String source = Files.readString(org);
            String expected = normalizeGoOrg(Files.readString(Path.of(org.toString().replaceAll("\\.org$", ".html"))));
            String actual = normalizeOurs(renderer.render(source, SITE_LINKS, OrgConformanceTest::pairFile).markdown().html(), names(source));
            if (expected.equals(actual)) {
                passed++;
            } else {
                similarity.put(name, commonPrefix(expected, actual) * 100 / Math.max(1, expected.length()));
                details.append("--- ").append(name).append("\nexpected: ").append(expected)
                        .append("\nactual:   ").append(actual).append('\n');
            }
        }
        System.out.printf(Locale.ROOT, "go-org conformance: %d/%d pairs passed (%.2f%%)%n", passed, orgs.size(),
                passed * 100.0 / Math.max(1, orgs.size()));
        similarity.forEach((name, pct) -> System.out.println("  failed " + name + " (first " + pct
                + "% identical)" + (ACCEPTED_FAILURES.containsKey(name)
                ? ": accepted, " + ACCEPTED_FAILURES.get(name) : " (NOT ACCEPTED)")));
        if (System.getProperty("conformance.details") != null) {
            System.out.println(details);
        }
        assertThat(passed).as("go-org pairs passing").isGreaterThanOrEqualTo(MIN_PASSING);
        assertThat(similarity.keySet()).as("failing pairs must be exactly the documented ACCEPTED_FAILURES")
                .containsExactlyInAnyOrderElementsOf(ACCEPTED_FAILURES.keySet());
    }

    /** The {@code #+name:} values in an Org source. */
    static Set<String> names(String org) {
        Set<String> names = new HashSet<>();
        Matcher m = NAME.matcher(org);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Our output, with the differences we make on purpose written as go-org writes them. */
    static String normalizeOurs(String html, Set<String> names) {
        Element body = Jsoup.parseBodyFragment(html).body();
        dropNameIds(body, names);
        orgLinkTextAsHref(body);
        return normalize(body);
    }

    /** go-org's output, with the differences we make on purpose written as we write them. */
    static String normalizeGoOrg(String html) {
        Element body = Jsoup.parseBodyFragment(html).body();
        titleShownByTemplate(body);
        body.select("*").stream().filter(e -> !e.is("code, pre, code *, pre *"))
                .forEach(e -> e.textNodes().forEach(t -> t.text(katexDelimiters(t.getWholeText()))));
        inlineSourceAsCode(body);
        punctuationAfterBareUrls(body);
        return normalize(body);
    }

    /**
     * We give an element its {@code #+name} as id, as the issue asks and as Org's own HTML export does (a link
     * {@code [[name]]} can then reach it); go-org ignores {@code #+name}. Only ids that are a name in the source go.
     */
    static void dropNameIds(Element body, Set<String> names) {
        body.select("[id]").stream().filter(e -> names.contains(e.id())).forEach(e -> e.removeAttr("id"));
    }

    /**
     * A link to another Org file without a description: we show the file as written ({@code inline.org}), go-org
     * the page it rewrote it to ({@code inline.html}), which on our site would be the page's address. Only links
     * whose text is their href with {@code .html} as {@code .org} change.
     */
    static void orgLinkTextAsHref(Element body) {
        for (Element a : body.select("a[href$=.html]")) {
            String href = a.attr("href");
            if (a.childNodeSize() == 1 && a.text().equals(href.substring(0, href.length() - 5) + ".org")) {
                a.text(href);
            }
        }
    }

    /** go-org writes {@code #+title} as an {@code h1}; our page template shows the title above the note. */
    static void titleShownByTemplate(Element body) {
        body.select("h1.title").remove();
    }

    /**
     * Inline source ({@code src_lang{code}}): go-org writes a block {@code div} (which ends the paragraph it is
     * in); we write inline {@code <code class="src src-inline src-lang language-lang">}, which a highlighter also
     * finds.
     */
    static void inlineSourceAsCode(Element body) {
        for (Element div : body.select("div.src-inline")) {
            Element pre = div.selectFirst("div.highlight-inline > pre");
            if (pre == null) {
                continue;
            }
            String lang = div.className().replaceAll(".*\\bsrc-(?!inline\\b)(\\S+).*", "$1");
            String code = pre.wholeText().replaceAll("^\n|\n$", "");
            div.replaceWith(new Element("code").addClass("src").addClass("src-inline").addClass("src-" + lang)
                    .addClass("language-" + lang).text(code));
        }
    }

    /**
     * A bare URL ending a sentence: go-org keeps the '.' (or ',', ';', ':', '!', '?') in the link, which then
     * leads nowhere; we leave it out, as Org does. Only links whose text is their href move the punctuation out.
     */
    static void punctuationAfterBareUrls(Element body) {
        for (Element a : body.select("a[href]")) {
            String href = a.attr("href");
            String url = href.replaceAll("[.,;:!?]+$", "");
            if (!url.equals(href) && a.childNodeSize() == 1 && a.text().equals(href)) {
                a.attr("href", url).text(url);
                a.after(new TextNode(href.substring(url.length())));
            }
        }
    }

    private static String katexDelimiters(String text) {
        return text.replaceAll("\\\\[()]", "\\$").replaceAll("\\\\[\\[\\]]", "\\$\\$")
                .replaceAll("(\\\\begin\\{[^}]+\\})", "\\$\\$$1").replaceAll("(\\\\end\\{[^}]+\\})", "$1\\$\\$");
    }

    private static int commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /**
     * The CommonMark test's normalisation, plus: a src block's inner {@code code} element is unwrapped, and go-org's
     * table of contents ({@code nav}) is left out, since the page template shows "Contents" from the headings.
     * go-org's LaTeX fragments are written with KaTeX's delimiters as ours are ({@link #normalizeGoOrg}), since the
     * page's KaTeX auto-render looks for {@code $…$} and {@code $$…$$} only (go-org leaves {@code \\(…\\)},
     * {@code \\[…\\]} and {@code \\begin{…}} for MathJax).
     */
    static String normalize(Element body) {
        body.select("nav").remove();
        // we add <code class="language-*"> inside src blocks for highlighters; go-org highlights itself
        body.select("div.src pre > code").unwrap();
        return CommonMarkConformanceTest.normalize(body.html());
    }
}
