package dev.imprint.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;

/** The note's elements, read from the document's lines at its position, and the HTML they make. */
final class OrgElements {
    private static final Pattern ITEM = Pattern.compile("(\\s*)([-+*]|\\d+[.)]|[a-z][.)])(?:\\s+(.*))?");
    private static final Pattern COUNTER = Pattern.compile("\\[@(\\d+)\\]\\s+(.*)");
    private static final Pattern CHECKBOX = Pattern.compile("\\[([ X-])\\]\\s+(.*)");
    private static final Pattern FOOTNOTE_DEFINITION = Pattern.compile("\\[fn:([\\w-]+)\\]\\s*(.*)");
    private static final Pattern HORIZONTAL_RULE = Pattern.compile("-{5,}");
    /** A paragraph that is one image and nothing else. */
    private static final Pattern LONE_IMAGE = Pattern.compile("<p>(<img [^>]*>)</p>\n");

    private final OrgDocument doc;
    private final OrgTables tables;
    private final OrgHeadlines headlines;
    private final OrgBlocks blocks;
    /** {@code #+name:} and {@code #+attr_html:} for the element that follows. */
    OrgAttributes attributes = new OrgAttributes();
    /** Where {@link #paragraph} last wrote a plain {@code <p>}, for {@link OrgLists#itemBody}. */
    StringBuilder lastParagraphIn;

    OrgElements(OrgDocument doc) {
        this.doc = doc;
        this.tables = new OrgTables(doc);
        this.headlines = new OrgHeadlines(doc, this);
        this.blocks = new OrgBlocks(doc, this);
    }

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

    /** One element starting at {@code pos} (not a headline). */
    void element(StringBuilder out) {
        String line = doc.lines[doc.pos];
        String s = line.strip();
        if (s.isEmpty()) {
            doc.pos++;
            return;
        }
        if (s.equals("#") || s.startsWith("# ") || OrgDocument.KEYWORD.matcher(s).matches() && !OrgBlocks.BEGIN.matcher(s).matches()) {
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
    void elementItself(StringBuilder out) {
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
            while (doc.pos < doc.lines.length && (doc.lines[doc.pos].strip().startsWith(": ") || doc.lines[doc.pos].strip().equals(":"))) {
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
        Matcher item = ITEM.matcher(line);
        if (item.matches() && !(item.group(2).equals("*") && item.group(1).isEmpty())) {
            list(out, item.group(1).length());
            return;
        }
        if (s.startsWith("\\begin{") && blocks.environment(out)) {
            return;
        }
        paragraph(out);
    }

    /** A definition runs to the next definition, headline, or two blank lines; it shows in the footnotes section. */
    void footnote(String name, String first) {
        List<String> body = new ArrayList<>();
        body.add(first);
        doc.pos++;
        while (doc.pos < doc.lines.length && !OrgHeadlines.HEADLINE.matcher(doc.lines[doc.pos]).matches()
                && !FOOTNOTE_DEFINITION.matcher(doc.lines[doc.pos]).matches()
                && !(doc.lines[doc.pos].isBlank() && (doc.pos + 1 >= doc.lines.length || doc.lines[doc.pos + 1].isBlank()))) {
            body.add(doc.lines[doc.pos]);
            doc.pos++;
        }
        doc.footnotes.define(name, blocksOf(body));
    }

    void paragraph(StringBuilder out) {
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

    static boolean eastAsian(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    boolean startsElement(String l) {
        String s = l.strip();
        return s.startsWith("#+") || s.startsWith("\\begin{") || s.startsWith("# ") || s.equals("#") || HORIZONTAL_RULE.matcher(s).matches()
                || s.startsWith(": ") || s.startsWith("|") || OrgHeadlines.DRAWER.matcher(l).matches() || ITEM.matcher(l).matches() && !l.startsWith("*");
    }

    /** A list whose items are indented by {@code indent}; an item holds what is indented deeper than its bullet. */
    void list(StringBuilder out, int indent) {
        Matcher first = ITEM.matcher(doc.lines[doc.pos]);
        first.matches();
        boolean ordered = first.group(2).length() > 1;
        boolean descriptive = first.group(3) != null && first.group(3).contains(" :: ");
        String tag = descriptive ? "dl" : ordered ? "ol" : "ul";
        out.append('<').append(tag).append(">\n");
        while (doc.pos < doc.lines.length) {
            Matcher m = ITEM.matcher(doc.lines[doc.pos]);
            if (!m.matches() || OrgHeadlines.HEADLINE.matcher(doc.lines[doc.pos]).matches() || m.group(1).length() != indent
                    || (m.group(2).length() > 1) != ordered) {
                break; // a bullet of another kind starts another list
            }
            String content = m.group(3) == null ? "" : m.group(3);
            String cls = "";
            Matcher counter = COUNTER.matcher(content);
            if (counter.matches()) { // [@n]: the item's number
                cls = " value=\"" + counter.group(1) + "\"";
                content = counter.group(2);
            }
            Matcher box = CHECKBOX.matcher(content);
            if (box.matches()) {
                cls += switch (box.group(1)) {
                    case "X" -> " class=\"checked\"";
                    case "-" -> " class=\"indeterminate\"";
                    default -> " class=\"unchecked\"";
                };
                content = box.group(2);
            }
            String term = null;
            int dd = content.indexOf(" :: ");
            if (descriptive && dd >= 0) {
                term = content.substring(0, dd);
                content = content.substring(dd + 4);
            } else if (descriptive && content.endsWith(" ::")) {
                term = content.substring(0, content.length() - 3);
                content = "";
            } else if (descriptive) {
                term = "?"; // go-org's term for an item without one
            }
            doc.pos++;
            // the item's own lines: its first line, then lines indented deeper than its bullet, blank lines inside
            int from = doc.pos;
            while (doc.pos < doc.lines.length) {
                String l = doc.lines[doc.pos];
                if (l.isBlank()) {
                    if (doc.pos + 1 < doc.lines.length && !doc.lines[doc.pos + 1].isBlank()
                            && indentOf(doc.lines[doc.pos + 1]) > indent) {
                        doc.pos++;
                        continue;
                    }
                    break;
                }
                if (indentOf(l) <= indent) {
                    break;
                }
                Matcher begin = OrgBlocks.BEGIN.matcher(l);
                int blockEnd = begin.matches() ? blocks.blockEnd(doc.pos, begin.group(1).toLowerCase(Locale.ROOT)) : -1;
                doc.pos = blockEnd < 0 ? doc.pos + 1 : blockEnd + 1; // a block's lines are the item's, however indented
            }
            int to = doc.pos;
            StringBuilder inner = new StringBuilder();
            List<String> itemLines = new ArrayList<>();
            itemLines.add(content);
            for (int i = from; i < to; i++) {
                itemLines.add(doc.lines[i]);
            }
            String body = itemBody(itemLines);
            if (term != null) {
                out.append("<dt").append(cls).append(">\n").append(doc.inline.render(term)).append("\n</dt>\n<dd>\n").append(body)
                        .append("</dd>\n");
            } else {
                out.append("<li").append(cls).append(">").append(body).append("</li>\n");
            }
            while (doc.pos < doc.lines.length && doc.lines[doc.pos].isBlank()) {
                int next = doc.pos + 1;
                if (next < doc.lines.length && ITEM.matcher(doc.lines[next]).matches()
                        && indentOf(doc.lines[next]) == indent) {
                    doc.pos = next;
                } else {
                    break;
                }
            }
        }
        out.append("</").append(tag).append(">\n");
    }

    /**
     * An item's lines rendered as elements. As go-org writes it (and Hugo sites show it), an item of paragraphs
     * only shows them without {@code <p>}, joined by a line break: a blank line inside it does not start a new
     * paragraph. Any other element, a keyword line too, keeps the {@code <p>}s.
     */
    String itemBody(List<String> itemLines) {
        String[] savedLines = doc.lines;
        int savedPos = doc.pos;
        doc.lines = itemLines.toArray(String[]::new);
        doc.pos = 0;
        StringBuilder all = new StringBuilder();
        StringBuilder joined = new StringBuilder();
        boolean onlyParagraphs = true;
        while (doc.pos < doc.lines.length) {
            if (doc.lines[doc.pos].isBlank()) {
                doc.pos++;
                continue;
            }
            int before = doc.pos;
            StringBuilder one = new StringBuilder();
            element(one);
            doc.pos = Math.max(doc.pos, before + 1);
            all.append(one);
            boolean paragraph = lastParagraphIn == one && one.length() >= 8;
            onlyParagraphs &= paragraph;
            if (onlyParagraphs) {
                joined.append(joined.isEmpty() ? "" : "\n").append(one, 3, one.length() - 5);
            }
        }
        doc.lines = savedLines;
        doc.pos = savedPos;
        return onlyParagraphs ? joined.toString() : all.toString();
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

    int indentOf(String l) {
        return l.length() - l.stripLeading().length();
    }
}
