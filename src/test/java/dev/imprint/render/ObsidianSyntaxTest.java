package dev.imprint.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Obsidian wikilinks, embeds, tags and callouts, through the same placeholder mechanism as Markdown links. */
class ObsidianSyntaxTest {

    static final Path GARDEN = Path.of("..", "shared", "corpora", "garden-quartz-docs");

    private final NoteParser parser = new NoteParser(false);

    private ParsedNote parse(String md) {
        return parser.parse(md.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String ph(int i) {
        return ParsedNote.placeholder(i);
    }

    private static org.jsoup.nodes.Document dom(ParsedNote p) {
        return Jsoup.parseBodyFragment(p.markdown().html());
    }

    // ------------------------------------------------------------------ wikilinks

    @Test
    void wikilinkFormsGoThroughTheResolverAsDoubleBracketDestinations() {
        ParsedNote p = parse("See [[Note]], [[Note|shown text]], [[Note#Heading]], [[#Heading]], "
                + "[[folder/Note]] and [[Note.md]].");

        assertThat(p.destinations()).containsExactly(
                "[[Note]]", "[[Note#Heading]]", "[[#Heading]]", "[[folder/Note]]", "[[Note.md]]");
        assertThat(p.markdown().html()).contains(
                "<a class=\"wikilink\" href=\"" + ph(0) + "\">Note</a>",
                "<a class=\"wikilink\" href=\"" + ph(0) + "\">shown text</a>",
                "<a class=\"wikilink\" href=\"" + ph(1) + "\">Note &gt; Heading</a>",
                "<a class=\"wikilink\" href=\"" + ph(2) + "\">Heading</a>",
                "<a class=\"wikilink\" href=\"" + ph(3) + "\">folder/Note</a>",
                "<a class=\"wikilink\" href=\"" + ph(4) + "\">Note.md</a>");
        assertThat(p.markdown().links()).containsExactly(
                "[[Note]]", "[[Note]]", "[[Note#Heading]]", "[[#Heading]]", "[[folder/Note]]", "[[Note.md]]");
        assertThat(p.markdown().text()).isEqualTo("See Note, shown text, Note > Heading, Heading, folder/Note and Note.md.");
    }

    @Test
    void aliasIsTextNotMarkup() {
        ParsedNote p = parse("[[Note|<b>bold</b> & co]]");

        assertThat(p.markdown().html()).contains(">&lt;b&gt;bold&lt;/b&gt; &amp; co</a>");
    }

    @Test
    void resolverSeesWikilinkDestinationAndBrokenMarkIsApplied() {
        MarkdownRenderer r = new MarkdownRenderer(false);
        List<String> seen = new ArrayList<>();
        RenderedMarkdown md = r.render("[[Missing]] and [[Here|h]]", false, (d, image) -> {
            seen.add(d + (image ? " img" : ""));
            return d.equals("[[Missing]]") ? LinkResolver.Resolution.broken("missing") : LinkResolver.Resolution.ok("/here/");
        });

        assertThat(seen).containsExactly("[[Missing]]", "[[Here]]");
        Element missing = Jsoup.parseBodyFragment(md.html()).selectFirst("a[href=missing]");
        assertThat(missing.classNames()).contains("wikilink", "broken");
        assertThat(md.html()).contains("<a class=\"wikilink\" href=\"/here/\">h</a>");
    }

    @Test
    void pipeEscapedAliasInsideTableCell() {
        ParsedNote p = parse("| link | other |\n|---|---|\n| [[Note\\|alias]] | [[Other#Part\\|x]] |\n");

        assertThat(p.destinations()).containsExactly("[[Note]]", "[[Other#Part]]");
        var cells = dom(p).select("td");
        assertThat(cells).hasSize(2);
        assertThat(cells.get(0).html()).isEqualTo("<a class=\"wikilink\" href=\"" + ph(0) + "\">alias</a>");
        assertThat(cells.get(1).html()).isEqualTo("<a class=\"wikilink\" href=\"" + ph(1) + "\">x</a>");
    }

    @Test
    void nothingInsideCodeOrAfterAnEscapeIsAWikilinkEmbedOrTag() {
        ParsedNote p = parse("Inline `[[a]] ![[b]] #c` and \\[[d]]\n\n"
                + "```\n[[f]] ![[g]] #h\n```\n\n    [[i]] #j\n");

        assertThat(p.destinations()).noneMatch(d -> d.contains("[[") || d.startsWith("tag:"));
        assertThat(p.markdown().tags()).isEmpty();
        assertThat(p.markdown().html()).doesNotContain("wikilink", "imprint-embed", "class=\"tag\"", "<img")
                .contains("<code>[[a]] ![[b]] #c</code>", "[[f]] ![[g]] #h");
    }

    @Test
    void escapedBangMakesAnEmbedAPlainWikilink() {
        ParsedNote p = parse("\\![[e.png]]");

        assertThat(p.markdown().html()).isEqualTo("<p>!<a class=\"wikilink\" href=\"" + ph(0) + "\">e.png</a></p>\n");
    }

    @Test
    void unclosedOrEmptyOrMultilineBracketsStayText() {
        ParsedNote p = parse("[[open and [[]] and [[a\nb]] and [[x]y]]");

        assertThat(p.markdown().html()).doesNotContain("wikilink");
    }

    @Test
    void wikilinkInsideLinkTextStaysText() {
        ParsedNote p = parse("[see [[Note]] and #tag](https://example.com)");

        assertThat(p.markdown().html()).doesNotContain("wikilink", "class=\"tag\"").contains(">see Note and #tag</a>");
        assertThat(p.markdown().tags()).isEmpty();
        assertThat(p.destinations()).containsExactly("https://example.com");
    }

    // ------------------------------------------------------------------ embeds

    @Test
    void imageEmbedsWithWidthSizeAndAlt() {
        ParsedNote p = parse("![[image.png]] ![[image.png|300]] ![[photo.JPG|300x200]] ![[diagram.svg|A \"diagram\"]]");

        assertThat(p.destinations()).containsExactly("[[image.png]]", "[[photo.JPG]]", "[[diagram.svg]]");
        List<Element> imgs = dom(p).select("img");
        assertThat(imgs).hasSize(4);
        assertThat(imgs).extracting(i -> i.attr("src")).containsExactly(ph(0), ph(0), ph(1), ph(2));
        assertThat(imgs.get(0).hasAttr("width")).isFalse();
        assertThat(imgs.get(0).attr("alt")).isEqualTo("image.png");
        assertThat(imgs.get(1).attr("width")).isEqualTo("300");
        assertThat(imgs.get(1).hasAttr("height")).isFalse();
        assertThat(imgs.get(2).attr("width")).isEqualTo("300");
        assertThat(imgs.get(2).attr("height")).isEqualTo("200");
        assertThat(imgs.get(3).attr("alt")).isEqualTo("A \"diagram\"");
    }

    @Test
    void resolverIsToldImageEmbedsAreImages() {
        List<String> seen = new ArrayList<>();
        new MarkdownRenderer(false).render("![[a.webp]] ![[Note]] [[b.avif]]", false, (d, image) -> {
            seen.add(d + " " + image);
            return null;
        });

        assertThat(seen).containsExactly("[[a.webp]] true", "![[Note]] false", "[[b.avif]] false");
    }

    @Test
    void noteEmbedIsAnEmptyDivWithThePlaceholder() {
        ParsedNote p = parse("Intro\n\n![[Note]]\n\n![[Other#Heading]]\n");

        assertThat(p.destinations()).containsExactly("![[Note]]", "![[Other#Heading]]");
        assertThat(p.markdown().html()).isEqualTo("<p>Intro</p>\n"
                + "<div class=\"imprint-embed\" data-embed=\"" + ph(0) + "\"></div>\n"
                + "<div class=\"imprint-embed\" data-embed=\"" + ph(1) + "\"></div>\n");
        assertThat(p.markdown().links()).containsExactly("![[Note]]", "![[Other#Heading]]");
        assertThat(p.markdown().text()).isEqualTo("Intro");
    }

    @Test
    void noteEmbedSurvivesTheSanitizer() {
        ParsedNote p = parse("<span>raw html forces sanitizing</span>\n\n![[Note]]\n\n![[pic.png|120]]\n");

        assertThat(p.markdown().html())
                .contains("<div class=\"imprint-embed\" data-embed=\"" + ph(0) + "\"></div>")
                .contains("src=\"" + ph(1) + "\"").contains("width=\"120\"");
    }

    // ------------------------------------------------------------------ tags

    @Test
    void inlineTagsBecomeTagLinksAndAreListed() {
        ParsedNote p = parse("Tags #tag, #nested/tag and #tag-with-dash; again #tag.\n\n## Heading #inheading\n");

        assertThat(p.markdown().tags()).containsExactly("tag", "nested/tag", "tag-with-dash", "inheading");
        assertThat(p.destinations()).containsExactly("tag:tag", "tag:nested/tag", "tag:tag-with-dash", "tag:inheading");
        assertThat(p.markdown().html()).contains(
                "<a class=\"tag\" href=\"" + ph(0) + "\">#tag</a>",
                "<a class=\"tag\" href=\"" + ph(1) + "\">#nested/tag</a>",
                "<a class=\"tag\" href=\"" + ph(2) + "\">#tag-with-dash</a>");
        assertThat(p.markdown().headings()).extracting(Heading::text).containsExactly("Heading #inheading");
    }

    @Test
    void notTags() {
        ParsedNote p = parse("# Heading\n\npage#part, C#, a*#b, #123, #, ##double, &#35;x, https://example.com/a#frag and `#code`\n");

        assertThat(p.markdown().tags()).isEmpty();
        assertThat(p.markdown().html()).doesNotContain("class=\"tag\"");
    }

    @Test
    void tagWithDigitsAndALetterIsATag() {
        assertThat(parse("#2024 is a year, #y2024 is a tag, #1984a too, **#bold** and (#paren)").markdown().tags())
                .containsExactly("y2024", "1984a", "bold", "paren");
    }

    // ------------------------------------------------------------------ callouts

    @Test
    void calloutWithTitle() {
        ParsedNote p = parse("> [!note] My *Title*\n> Body with [[Link]].\n");

        assertThat(p.markdown().html()).isEqualTo("<aside class=\"callout callout-note\">\n"
                + "<p class=\"callout-title\">My <em>Title</em></p>\n"
                + "<p>Body with <a class=\"wikilink\" href=\"" + ph(0) + "\">Link</a>.</p>\n"
                + "</aside>\n");
        assertThat(p.markdown().text()).isEqualTo("My Title Body with Link.");
    }

    @Test
    void calloutWithoutTitleUsesTheTypeAndUnknownTypesAreFine() {
        ParsedNote p = parse("> [!WHATEVER]\n>\n> Para.\n");

        assertThat(p.markdown().html()).isEqualTo("<aside class=\"callout callout-whatever\">\n"
                + "<p class=\"callout-title\">Whatever</p>\n<p>Para.</p>\n</aside>\n");
    }

    @Test
    void foldableCallouts() {
        ParsedNote folded = parse("> [!warning]-\n> Hidden.\n");
        ParsedNote open = parse("> [!tip]+ Open me\n> Shown.\n");

        assertThat(folded.markdown().html()).isEqualTo("<details class=\"callout callout-warning\">\n"
                + "<summary class=\"callout-title\">Warning</summary>\n<p>Hidden.</p>\n</details>\n");
        assertThat(open.markdown().html()).isEqualTo("<details class=\"callout callout-tip\" open>\n"
                + "<summary class=\"callout-title\">Open me</summary>\n<p>Shown.</p>\n</details>\n");
    }

    @Test
    void nestedCalloutsAndOrdinaryBlockquotes() {
        ParsedNote p = parse("> [!info] Outer\n> > [!bug] Inner\n> > text\n\n> plain [!note] quote\n");

        var d = dom(p);
        assertThat(d.select("aside.callout-info > aside.callout-bug > p").eachText()).containsExactly("Inner", "text");
        assertThat(d.select("blockquote").text()).isEqualTo("plain [!note] quote");
    }

    @Test
    void calloutsSurviveTheSanitizer() {
        ParsedNote p = parse("<b>raw</b>\n\n> [!note] T\n> b\n\n> [!tip]+\n> x\n");
        String html = p.markdown().html();

        assertThat(html).contains("<aside class=\"callout callout-note\">", "<p class=\"callout-title\">T</p>",
                "<details class=\"callout callout-tip\" open>", "<summary class=\"callout-title\">Tip</summary>");
    }

    // ------------------------------------------------------------------ the garden vault

    private static final Pattern FENCE = Pattern.compile("(?ms)^ {0,3}(`{3,}|~{3,})[^\\n]*\\n.*?^ {0,3}\\1[`~]*[ \\t]*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)[^`].*?\\1", Pattern.DOTALL);
    private static final Pattern FRONT_MATTER = Pattern.compile("\\A---\\r?\\n.*?\\n---[ \\t]*\\r?\\n", Pattern.DOTALL);
    private static final Pattern WIKI = Pattern.compile("(?<!\\\\)(!?)\\[\\[([^\\[\\]\\n]+)\\]\\]");

    @Test
    void gardenVaultRendersAndEveryWikilinkOutsideCodeIsADestination() throws IOException {
        Path docs = GARDEN.resolve("docs");
        Assumptions.assumeTrue(Files.isDirectory(docs), "skipped: " + docs + " not present (needs ../shared)");
        List<Path> notes;
        try (Stream<Path> s = Files.walk(docs)) {
            notes = s.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
        assertThat(notes).isNotEmpty();
        int wikilinks = 0;
        for (Path note : notes) {
            byte[] bytes = Files.readAllBytes(note);
            ParsedNote p = parser.parse(bytes);
            assertThat(p.renderable()).as(note.toString()).isTrue();
            String src = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            src = FRONT_MATTER.matcher(src).replaceFirst("");
            src = FENCE.matcher(src).replaceAll("");
            src = CODE_SPAN.matcher(src).replaceAll("");
            Set<String> expected = new LinkedHashSet<>();
            Matcher m = WIKI.matcher(src);
            while (m.find()) {
                String inner = m.group(2);
                int pipe = inner.indexOf('|');
                String target = (pipe < 0 ? inner : inner.substring(0, pipe)).replaceAll("\\\\$", "").strip();
                boolean image = target.matches("(?i).*\\.(png|jpe?g|gif|svg|webp|avif|bmp|ico)");
                expected.add((m.group(1).isEmpty() || image ? "[[" : "![[") + target + "]]");
            }
            wikilinks += expected.size();
            assertThat(p.destinations()).as(note.toString()).containsAll(expected);
            var body = dom(p).body();
            body.select("code, pre").remove();
            assertThat(body.text()).as(note.toString()).doesNotContain("[[");
        }
        assertThat(wikilinks).as("wikilinks found in the vault").isGreaterThan(20);
    }
}
