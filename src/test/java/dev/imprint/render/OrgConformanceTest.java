package dev.imprint.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs go-org's golden pairs ({@code *.org} → {@code *.html}, the renderer Hugo uses) through {@link OrgRenderer}
 * and compares after the CommonMark test's normalisation (attributes sorted, whitespace collapsed).
 */
class OrgConformanceTest {

    static final Path PAIRS = Path.of("..", "shared", "spec", "org", "go-org");

    /**
     * Pairs known to differ, each with its reason. Most go-org pairs exercise many constructs in one file, so one
     * construct not done yet fails the whole pair.
     */
    static final Map<String, String> ACCEPTED_FAILURES = Map.ofEntries(
            Map.entry("blocks", "by choice: a verse block keeps its line breaks as <br> (go-org relies on CSS"
                    + " white-space: pre, which our pages lack); and a blank line inside a list item starts a new"
                    + " paragraph, as in Org (go-org joins '- ...', blank line, indented text into one)"),
            Map.entry("footnotes", "by choice: a bare URL ending a sentence leaves the '.' out of the link;"
                    + " go-org keeps it and links to a page that does not exist"),
            Map.entry("headlines", "needs the file setup_file_org (#+SETUPFILE: custom TODO keyword CUSTOM and"
                    + " #+EXCLUDE_TAGS, #+INCLUDE as a src block), which is not among the pairs, and the renderer"
                    + " reads no other files; also a malformed :PROPERTIES: drawer shows as text in go-org"),
            Map.entry("inline", "by choice: file: links to .org notes are left to the LinkResolver (go-org"
                    + " rewrites them to .html itself), src_lang{} is inline <code> (go-org's block <div> would break"
                    + " the paragraph), a blank line in a list item starts a paragraph; and go-org parses a macro's"
                    + " expansion as a document of its own (empty <p>s around it)"),
            Map.entry("keywords", "by choice (the issue asks for it): #+name gives the element its id, as Org's"
                    + " own HTML export does; go-org ignores #+name"),
            Map.entry("misc", "#+INCLUDE of ./headlines.org, ./paragraphs.html and ../../.github/workflows/ci.yml"
                    + " (not among the pairs; the renderer reads no other files); go-org prints #+title as an h1"
                    + " (our page template shows the title); verse line breaks as in blocks"));

    /** The floor: raise it as pairs pass. */
    static final int MIN_PASSING = 9;

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
            String expected = normalize(Files.readString(Path.of(org.toString().replaceAll("\\.org$", ".html"))), true);
            String actual = normalize(renderer.render(Files.readString(org), LinkResolver.IDENTITY).markdown().html());
            if (expected.equals(actual)) {
                passed++;
            } else {
                similarity.put(name, commonPrefix(expected, actual) * 100 / Math.max(1, expected.length()));
                details.append("--- ").append(name).append("\nexpected: ").append(expected)
                        .append("\nactual:   ").append(actual).append('\n');
            }
        }
        System.out.printf(Locale.ROOT, "go-org conformance: %d/%d pairs passed%n", passed, orgs.size());
        similarity.forEach((name, pct) -> System.out.println("  failed " + name + " (first " + pct
                + "% identical)" + (ACCEPTED_FAILURES.containsKey(name)
                ? ": accepted, " + ACCEPTED_FAILURES.get(name) : " (NOT ACCEPTED)")));
        if (System.getProperty("conformance.details") != null) {
            System.out.println(details);
        }
        assertThat(passed).as("go-org pairs passing").isGreaterThanOrEqualTo(MIN_PASSING);
        assertThat(similarity.keySet()).as("every failing pair is an accepted, explained difference")
                .allMatch(ACCEPTED_FAILURES::containsKey);
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
     * The CommonMark test's normalisation, plus: a src block's inner {@code code} element is unwrapped, and go-org's table of contents ({@code nav}) is left out, since the
     * page template shows "Contents" from the headings, and heading ids are kept (they are go-org's too).
     */
    static String normalize(String html) {
        return normalize(html, false);
    }

    /**
     * @param goOrg go-org's output: its LaTeX fragments are written with KaTeX's delimiters as ours are, since the
     *              page's KaTeX auto-render looks for {@code $…$} and {@code $$…$$} only (go-org leaves
     *              {@code \(…\)}, {@code \[…\]} and {@code \begin{…}} for MathJax)
     */
    static String normalize(String html, boolean goOrg) {
        Element body = Jsoup.parseBodyFragment(html).body();
        if (goOrg) {
            body.select("*").stream().filter(e -> !e.is("code, pre, code *, pre *"))
                    .forEach(e -> e.textNodes().forEach(t -> t.text(katexDelimiters(t.getWholeText()))));
        }
        body.select("nav").remove();
        // we add <code class="language-*"> inside src blocks for highlighters; go-org highlights itself
        body.select("div.src pre > code").unwrap();
        return CommonMarkConformanceTest.normalize(body.html());
    }
}
