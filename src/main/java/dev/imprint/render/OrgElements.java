package dev.imprint.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;

/**
 * The note's elements, read from the document's lines at its position: {@link #document} renders the whole note,
 * {@link #element} one element, handing it to the class that renders its kind. The keyword lines that set up the
 * element that follows ({@code #+caption:}, {@code #+name:}, {@code #+attr_html:}), paragraphs, fixed-width lines,
 * rules and footnote definitions are read here.
 */
final class OrgElements {
    private static final Pattern FOOTNOTE_DEFINITION = Pattern.compile("\\[fn:([\\w-]+)\\]\\s*(.*)");
    private static final Pattern HORIZONTAL_RULE = Pattern.compile("-{5,}");
    /** A paragraph that is one image and nothing else. */
    private static final Pattern LONE_IMAGE = Pattern.compile("<p>(<img [^>]*>)</p>\n");

    private final OrgDocument doc;
    private final OrgTables tables;
    private final OrgHeadlines headlines;
    private final OrgBlocks blocks;
    private final OrgLists lists;
    /** {@code #+name:} and {@code #+attr_html:} for the element that follows. */
    private OrgAttributes attributes = new OrgAttributes();
    /** Where {@link #paragraph} last wrote a plain {@code <p>}, for {@link OrgLists#itemBody}. */
    StringBuilder lastParagraphIn;

    OrgElements(OrgDocument doc) {
        this.doc = doc;
        this.tables = new OrgTables(doc);
        this.headlines = new OrgHeadlines(doc, this);
        this.blocks = new OrgBlocks(doc, this);
        this.lists = new OrgLists(doc, this, blocks);
    }

    /** The note: its outline, then the footnotes; in-note links are linked once every headline is known. */
    String document() {
        headlines.fileProperties();
        StringBuilder out = new StringBuilder();
        headlines.outline(out, 0);
        String html = doc.inNote.link(out.append(doc.footnotes.section()).toString(), doc.problems);
        doc.footnotes.undefined().forEach(name -> doc.problems.add("footnote [fn:" + name + "] has no definition"));
        // a headline's own text may hold an in-note link
        doc.headings.replaceAll(h -> !OrgInNoteLinks.hasPlaceholder(h.text()) ? h : new Heading(h.level(), h.id(),
                PlainText.collapse(Jsoup.parseBodyFragment(doc.inNote.link(h.text(), doc.problems)).text())));
        return html;
    }

    /** One element starting at the document's {@code pos} (not a headline). */
    void element(StringBuilder out) {
        String line = doc.lines[doc.pos];
        String s = line.strip();
        if (s.isEmpty()) {
            doc.pos++;
            return;
        }
        if (s.equals("#") || s.startsWith("# ")
                || OrgDocument.KEYWORD.matcher(s).matches() && !OrgBlocks.BEGIN.matcher(s).matches()) {
            Matcher k = OrgDocument.KEYWORD.matcher(s);
            String key = k.matches() ? k.group(1).toLowerCase(Locale.ROOT) : "";
            String value = k.matches() && k.group(2) != null ? k.group(2).strip() : "";
            switch (key) { // for the element that follows
                case "caption" -> doc.caption = doc.caption == null ? value : doc.caption + " " + value; // lines add up
                case "name" -> attributes.name(value);
                case "attr_html" -> attributes.attrHtml(value);
                case "include" -> blocks.include(out, value);
                case "html" -> out.append(doc.allowRawHtml ? value : MarkdownRenderer.sanitize(value)).append('\n');
                default -> { } // comments and other keywords show nothing
            }
            doc.pos++;
            return;
        }
        if (!attributes.isEmpty()) {
            OrgAttributes attrs = attributes;
            attributes = new OrgAttributes();
            StringBuilder own = new StringBuilder();
            elementItself(own);
            String html = own.toString();
            Matcher image = LONE_IMAGE.matcher(html);
            out.append(attrs.applyTo(image.matches() ? image.group(1) + "\n" : html)); // go-org: a bare <img>
            return;
        }
        elementItself(out);
    }

    /** The element at {@code pos} once its keywords are read. */
    private void elementItself(StringBuilder out) {
        String line = doc.lines[doc.pos];
        String s = line.strip();
        if (s.startsWith("|")) {
            tables.table(out);
            return;
        }
        Matcher fn = FOOTNOTE_DEFINITION.matcher(line);
        if (fn.matches()) {
            footnote(fn.group(1), fn.group(2));
            return;
        }
        if (HORIZONTAL_RULE.matcher(s).matches()) {
            out.append("<hr>\n");
            doc.pos++;
            return;
        }
        Matcher b = OrgBlocks.BEGIN.matcher(line);
        if (b.matches() && blocks.block(out, b.group(1).toLowerCase(Locale.ROOT), b.group(2) == null ? "" : b.group(2))) {
            return;
        }
        if (s.startsWith(": ") || s.equals(":")) {
            StringBuilder pre = new StringBuilder();
            while (doc.pos < doc.lines.length
                    && (doc.lines[doc.pos].strip().startsWith(": ") || doc.lines[doc.pos].strip().equals(":"))) {
                String l = doc.lines[doc.pos].strip();
                pre.append(l.length() > 2 ? l.substring(2) : "").append('\n');
                doc.pos++;
            }
            out.append("<pre class=\"example\">\n").append(OrgInline.escape(pre.toString())).append("</pre>\n");
            return;
        }
        Matcher d = OrgHeadlines.DRAWER.matcher(line);
        if (d.matches() && headlines.drawer(out, d.group(1))) {
            return;
        }
        Matcher item = OrgLists.ITEM.matcher(line);
        if (item.matches() && !(item.group(2).equals("*") && item.group(1).isEmpty())) {
            lists.list(out, item.group(1).length());
            return;
        }
        if (s.startsWith("\\begin{") && blocks.environment(out)) {
            return;
        }
        paragraph(out);
    }

    /** A definition runs to the next definition, headline, or two blank lines; it shows in the footnotes section. */
    private void footnote(String name, String first) {
        List<String> body = new ArrayList<>();
        body.add(first);
        doc.pos++;
        while (doc.pos < doc.lines.length && !OrgHeadlines.HEADLINE.matcher(doc.lines[doc.pos]).matches()
                && !FOOTNOTE_DEFINITION.matcher(doc.lines[doc.pos]).matches()
                && !(doc.lines[doc.pos].isBlank()
                        && (doc.pos + 1 >= doc.lines.length || doc.lines[doc.pos + 1].isBlank()))) {
            body.add(doc.lines[doc.pos]);
            doc.pos++;
        }
        doc.footnotes.define(name, blocksOf(body));
    }

    private void paragraph(StringBuilder out) {
        StringBuilder p = new StringBuilder();
        while (doc.pos < doc.lines.length) {
            String l = doc.lines[doc.pos];
            String s = l.strip();
            if (s.isEmpty() || OrgHeadlines.HEADLINE.matcher(l).matches() || (p.length() > 0 && startsElement(l))) {
                break;
            }
            boolean joined = doc.ealb && p.length() > 0 && eastAsian(p.codePointBefore(p.length()))
                    && eastAsian(s.codePointAt(0)); // a line break between two CJK characters is no space
            // \n:t keeps the note's line breaks, as a "\\" ending each line would
            p.append(p.length() == 0 || joined ? "" : "t".equals(doc.options.get("\\n")) ? "\\\\\n" : "\n").append(s);
            doc.pos++;
        }
        if (p.length() == 0) { // a line no other element took
            p.append(doc.lines[doc.pos].strip());
            doc.pos++;
        }
        String text = p.toString();
        String figure = doc.caption;
        doc.caption = null;
        if (figure != null) { // go-org captions the whole paragraph
            String html = doc.inline.render(text);
            boolean image = html.startsWith("<img ") && html.indexOf('>') == html.length() - 1;
            out.append(image ? "<figure>\n" + html : "<figure>\n<p>" + html + "</p>").append("\n<figcaption>\n")
                    .append(doc.inline.render(figure)).append("\n</figcaption>\n</figure>\n");
            return;
        }
        lastParagraphIn = out;
        out.append("<p>").append(doc.inline.render(text)).append("</p>\n");
    }

    private static boolean eastAsian(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    private boolean startsElement(String l) {
        String s = l.strip();
        return s.startsWith("#+") || s.startsWith("\\begin{") || s.startsWith("# ") || s.equals("#")
                || HORIZONTAL_RULE.matcher(s).matches() || s.startsWith(": ") || s.startsWith("|")
                || OrgHeadlines.DRAWER.matcher(l).matches() || OrgLists.ITEM.matcher(l).matches() && !l.startsWith("*");
    }

    /** Lines that are not in the document's flow (a list item, a footnote) rendered as elements. */
    String blocksOf(List<String> itemLines) {
        String[] savedLines = doc.lines;
        int savedPos = doc.pos;
        doc.lines = itemLines.toArray(String[]::new);
        doc.pos = 0;
        StringBuilder html = new StringBuilder();
        while (doc.pos < doc.lines.length) {
            int before = doc.pos;
            element(html);
            if (doc.pos == before) {
                doc.pos++;
            }
        }
        doc.lines = savedLines;
        doc.pos = savedPos;
        return html.toString();
    }
}
