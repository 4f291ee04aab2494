package dev.imprint.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;

/** The note's elements, read from the document's lines at its position, and the HTML they make. */
final class OrgElements {
    private static final Pattern ITEM = Pattern.compile("(\\s*)([-+*]|\\d+[.)]|[a-z][.)])(?:\\s+(.*))?");
    private static final Pattern COUNTER = Pattern.compile("\\[@(\\d+)\\]\\s+(.*)");
    private static final Pattern CHECKBOX = Pattern.compile("\\[([ X-])\\]\\s+(.*)");
    private static final Pattern BEGIN = Pattern.compile("\\s*#\\+begin_(\\w+)(?:\\s+(.*))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern FOOTNOTE_DEFINITION = Pattern.compile("\\[fn:([\\w-]+)\\]\\s*(.*)");
    private static final Pattern ENVIRONMENT = Pattern.compile("\\\\begin\\{([^}\\s]+)\\}");
    /** A paragraph that is one image and nothing else. */
    private static final Pattern COMMA_ESCAPE = Pattern.compile("(?m)^([ \\t]*),(,*(?:\\*|#\\+))");
    private static final int MAX_BLOCK_DEPTH = 16;
    private static final int BLOCK_WORK_PER_LINE = 32;
    private static final Pattern END = Pattern.compile("\\s*#\\+end_(\\w+)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern NOWEB_REFERENCE = Pattern.compile("<<[^<>\\s]+>>");
    private static final Pattern LEADING_BLANK_LINES = Pattern.compile("^(?:[ \\t]*\n)+");
    private static final Pattern TRAILING_BLANK_LINES = Pattern.compile("(?:\n[ \\t]*)+\n$");
    private static final Pattern NOWEB_STRIP = Pattern.compile("(?i).*:noweb\\s+(strip-export|strip-tangle|no-export|strip)\\b.*");
    private static final Pattern EXPORTS_NOTHING_SHOWN = Pattern.compile("(?i).*:exports\\s+(none|results).*");
    private static final Pattern EXPORTS_NONE = Pattern.compile("(?i).*:exports\\s+none.*");
    /** go-org's includeFileRegexp: {@code "file" src|example|export lang}. */
    private static final Pattern INCLUDE = Pattern.compile("\"([^\"]+)\"\\s+(src|example|export)\\s+(\\S+)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HORIZONTAL_RULE = Pattern.compile("-{5,}");
    private static final Pattern LONE_IMAGE = Pattern.compile("<p>(<img [^>]*>)</p>\n");

    private final OrgDocument doc;
    private final OrgTables tables;
    private final OrgHeadlines headlines;
    /** {@code #+name:} and {@code #+attr_html:} for the element that follows. */
    OrgAttributes attributes = new OrgAttributes();
    /** {@link #blockEnd}'s answers for the lines {@code blockEndsOf}. */
    final Map<Integer, Integer> blockEnds = new HashMap<>();
    final Map<String, int[]> endLines = new HashMap<>();
    String[] blockEndsOf;
    /** {@code \end{name}} → the first line of {@code environmentsOf} after which it is missing. */
    final Map<String, Integer> unclosedFrom = new HashMap<>();
    String[] environmentsOf;
    /** Where {@link #paragraph} last wrote a plain {@code <p>}, for {@link #itemBody}. */
    StringBuilder lastParagraphIn;
    /** Lines read looking for nested blocks' ends, bounded by {@link #BLOCK_WORK_PER_LINE}. */
    int blockWork;

    OrgElements(OrgDocument doc) {
        this.doc = doc;
        this.tables = new OrgTables(doc);
        this.headlines = new OrgHeadlines(doc, this);
    }

    /**
     * {@code #+INCLUDE: "file" src lang}, {@code example} or {@code export html}: the file as that block, the
     * forms go-org reads (an Org include, whose headlines and footnotes would join the note's, is not done).
     */
    void include(StringBuilder out, String value) {
        String path = OrgDocument.unquote(value);
        Matcher m = INCLUDE.matcher(value);
        String text = doc.files == null || !m.matches() ? null : doc.files.apply(path);
        if (text == null) {
            doc.problems.add(doc.files == null ? "#+INCLUDE is not supported; " + path + " left out"
                    : !m.matches() ? "#+INCLUDE: only \"file\" src|example|export lang is supported; " + path + " left out"
                    : "#+INCLUDE: " + path + " not found; left out");
            return;
        }
        String raw = text.replace("\r\n", "\n");
        raw = raw.isEmpty() || raw.endsWith("\n") ? raw : raw + "\n";
        String lang = m.group(3);
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "src" -> {
                doc.hasCode = true;
                raw = TRAILING_BLANK_LINES.matcher(LEADING_BLANK_LINES.matcher(raw).replaceAll("")).replaceAll("\n");
                out.append(srcBlock(lang.toLowerCase(Locale.ROOT), raw));
            }
            case "example" -> out.append("<pre class=\"example\">\n").append(OrgInline.escape(raw)).append("</pre>\n");
            default -> {
                if (lang.equalsIgnoreCase("html")) {
                    out.append(doc.allowRawHtml ? raw : MarkdownRenderer.sanitize(raw)).append('\n');
                }
            }
        }
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
        if (s.equals("#") || s.startsWith("# ") || OrgDocument.KEYWORD.matcher(s).matches() && !BEGIN.matcher(s).matches()) {
            Matcher k = OrgDocument.KEYWORD.matcher(s);
            String key = k.matches() ? k.group(1).toLowerCase(Locale.ROOT) : "";
            String value = k.matches() && k.group(2) != null ? k.group(2).strip() : "";
            switch (key) { // for the element that follows
                case "caption" -> doc.caption = doc.caption == null ? value : doc.caption + " " + value; // lines add up
                case "name" -> attributes.name(value);
                case "attr_html" -> attributes.attrHtml(value);
                case "include" -> include(out, value);
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
        Matcher b = BEGIN.matcher(line);
        if (b.matches() && block(out, b.group(1).toLowerCase(Locale.ROOT), b.group(2) == null ? "" : b.group(2))) {
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
        if (s.startsWith("\\begin{") && environment(out)) {
            return;
        }
        paragraph(out);
    }

    /**
     * A LaTeX environment ({@code \begin{equation}…\end{equation}}) as display math for KaTeX: its lines as
     * written, even those that would otherwise start a list; false without its {@code \end}.
     */
    boolean environment(StringBuilder out) {
        Matcher env = ENVIRONMENT.matcher(doc.lines[doc.pos].strip());
        if (!env.lookingAt()) {
            return false;
        }
        String close = "\\end{" + env.group(1) + "}";
        if (environmentsOf != doc.lines) {
            unclosedFrom.clear();
            environmentsOf = doc.lines;
        }
        if (doc.pos >= unclosedFrom.getOrDefault(close, Integer.MAX_VALUE)) {
            return false; // no such \end after an earlier line: none after this one either
        }
        for (int end = doc.pos; end < doc.lines.length; end++) {
            if (doc.lines[end].contains(close)) {
                StringBuilder tex = new StringBuilder();
                for (int i = doc.pos; i <= end; i++) {
                    tex.append(i > doc.pos ? "\n" : "").append(doc.lines[i].strip());
                }
                out.append("$$").append(OrgInline.escape(tex.toString())).append("$$\n");
                doc.hasMath = true;
                doc.pos = end + 1;
                return true;
            }
        }
        unclosedFrom.merge(close, doc.pos, Math::min);
        return false;
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

    boolean block(StringBuilder out, String kind, String params) {
        int end = blockEnd(doc.pos, kind);
        if (end < 0) {
            return false;
        }
        List<String> body = new ArrayList<>();
        int indent = doc.lines[doc.pos].length() - doc.lines[doc.pos].stripLeading().length();
        for (int i = doc.pos + 1; i < end; i++) {
            String l = doc.lines[i];
            int strip = Math.min(indent, l.length() - l.stripLeading().length());
            body.add(l.substring(strip));
        }
        int after = end + 1;
        String raw = String.join("\n", body) + (body.isEmpty() ? "" : "\n");
        if (kind.equals("src") || kind.equals("example")) { // ",*" and ",#+" keep Org from reading a line
            raw = COMMA_ESCAPE.matcher(raw).replaceAll("$1$2");
        }
        switch (kind) {
            case "src" -> {
                doc.hasCode = true;
                String[] words = params.strip().split("\\s+");
                String lang = words[0].isEmpty() ? "text" : words[0];
                raw = TRAILING_BLANK_LINES.matcher(LEADING_BLANK_LINES.matcher(raw).replaceAll("")).replaceAll("\n");
                if (NOWEB_STRIP.matcher(params).matches()) {
                    raw = NOWEB_REFERENCE.matcher(raw).replaceAll(""); // <<name>> stands for code shown elsewhere
                }
                String figure = doc.caption;
                doc.caption = null;
                if (!EXPORTS_NOTHING_SHOWN.matcher(params).matches()) {
                    out.append(figure == null ? "" : "<figure>\n").append(srcBlock(lang, raw));
                    if (figure != null) {
                        out.append("<figcaption>\n").append(doc.inline.render(figure))
                                .append("\n</figcaption>\n</figure>\n");
                    }
                }
                doc.pos = after;
                if (EXPORTS_NONE.matcher(params).matches()) {
                    dropResults();
                }
            }
            case "example" -> {
                out.append("<pre class=\"example\">\n").append(OrgInline.escape(raw)).append("</pre>\n");
                doc.pos = after;
            }
            case "export" -> {
                if (params.strip().toLowerCase(Locale.ROOT).startsWith("html")) {
                    out.append(doc.allowRawHtml ? raw : MarkdownRenderer.sanitize(raw)).append('\n');
                }
                doc.pos = after;
            }
            case "quote", "center" -> {
                StringBuilder inner = nested(doc.pos + 1, end);
                out.append(kind.equals("quote") ? "<blockquote>\n" : "<div class=\"center-block\" style=\"text-align: center; margin-left: auto; margin-right: auto;\">\n")
                        .append(inner).append(kind.equals("quote") ? "</blockquote>\n" : "</div>\n");
                doc.pos = after;
            }
            case "verse" -> {
                // as go-org: a paragraph per stanza, its line breaks, blank lines before it and indentation kept
                // as written, for the stylesheet's white-space: pre-wrap to show
                out.append("<div class=\"verse-block\">\n");
                StringBuilder stanza = new StringBuilder();
                int blank = 0; // blank lines since the last stanza
                boolean started = false;
                for (String l : body) {
                    if (l.isBlank()) {
                        blank += started ? 1 : 0;
                        verseStanza(out, stanza);
                        continue;
                    }
                    stanza.append(stanza.isEmpty() ? "\n".repeat(blank) : "\n").append(l.stripTrailing());
                    blank = 0;
                    started = true;
                }
                verseStanza(out, stanza);
                out.append("</div>\n");
                doc.pos = after;
            }
            default -> {
                StringBuilder inner = nested(doc.pos + 1, end);
                out.append("<div class=\"").append(OrgInline.escape(kind)).append("-block\">\n").append(inner)
                        .append("</div>\n");
                doc.pos = after;
            }
        }
        return true;
    }

    static String srcBlock(String lang, String raw) {
        return "<div class=\"src src-" + OrgInline.escape(lang) + "\">\n<div class=\"highlight\">\n<pre>"
                // language-* is what highlighters look for (go-org highlights itself instead)
                + (lang.isEmpty() ? "<code>" : "<code class=\"language-" + OrgInline.escape(lang) + "\">")
                + OrgInline.escape(raw) + "</code></pre>\n</div>\n</div>\n";
    }

    void verseStanza(StringBuilder out, StringBuilder stanza) {
        if (!stanza.isEmpty()) {
            out.append("<p>").append(doc.inline.render(stanza.toString())).append("</p>\n");
            stanza.setLength(0);
        }
    }

    /**
     * The line of the {@code #+end_} closing the block opened at {@code begin}, or -1. A quote, center or
     * special block holds elements, so a block inside it closes first (its {@code #+end_quote} is its text);
     * src, example and export blocks hold raw lines.
     */
    int blockEnd(int begin, String kind) {
        return blockEnd(begin, kind, 0);
    }

    /**
     * Each block's end is looked up once per set of lines, blocks nest at most so deep, and once the nesting
     * lookups have read the note many times over, a block ends at its first {@code #+end_}: odd input cannot
     * make a render run away.
     */
    int blockEnd(int begin, String kind, int depth) {
        if (blockEndsOf != doc.lines) {
            indexBlockEnds();
        }
        Integer known = blockEnds.get(begin);
        if (known != null) {
            return known;
        }
        int flat = nextEnd(kind, begin); // the first #+end_ of its kind; none: no block
        boolean raw = kind.equals("src") || kind.equals("example") || kind.equals("export");
        int found = flat;
        if (flat >= 0 && !raw && depth < MAX_BLOCK_DEPTH && blockWork < BLOCK_WORK_PER_LINE * doc.lines.length) {
            found = -1;
            for (int end = begin + 1; end < doc.lines.length && found < 0; end++) {
                blockWork++;
                if (doc.lines[end].strip().equalsIgnoreCase("#+end_" + kind)) {
                    found = end;
                    continue;
                }
                Matcher inner = BEGIN.matcher(doc.lines[end]);
                if (inner.matches()) {
                    int innerEnd = blockEnd(end, inner.group(1).toLowerCase(Locale.ROOT), depth + 1);
                    end = innerEnd < 0 ? end : innerEnd;
                }
            }
        }
        blockEnds.put(begin, found);
        return found;
    }

    /** The line numbers of each kind's {@code #+end_} lines in {@link OrgDocument#lines}. */
    void indexBlockEnds() {
        blockEnds.clear();
        blockEndsOf = doc.lines;
        Map<String, List<Integer>> ends = new HashMap<>();
        for (int i = 0; i < doc.lines.length; i++) {
            Matcher m = END.matcher(doc.lines[i]);
            if (m.matches()) {
                ends.computeIfAbsent(m.group(1).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(i);
            }
        }
        endLines.clear();
        ends.forEach((kind, at) -> endLines.put(kind, at.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** The first {@code #+end_kind} line after {@code begin}, or -1. */
    int nextEnd(String kind, int begin) {
        int[] at = endLines.get(kind);
        if (at == null) {
            return -1;
        }
        int i = Arrays.binarySearch(at, begin + 1);
        i = i >= 0 ? i : -i - 1;
        return i < at.length ? at[i] : -1;
    }

    /** The {@code #+RESULTS:} of a block that exports nothing goes too. */
    void dropResults() {
        int next = doc.pos;
        while (next < doc.lines.length && doc.lines[next].isBlank()) {
            next++;
        }
        if (next < doc.lines.length && doc.lines[next].strip().toUpperCase(Locale.ROOT).startsWith("#+RESULTS:")) {
            doc.pos = next + 1;
            while (doc.pos < doc.lines.length && doc.lines[doc.pos].isBlank()) {
                doc.pos++;
            }
            if (doc.pos < doc.lines.length && !OrgHeadlines.HEADLINE.matcher(doc.lines[doc.pos]).matches()) {
                element(new StringBuilder());
            }
        }
    }

    /** The elements on lines {@code from} to {@code to} (exclusive), rendered on their own. */
    StringBuilder nested(int from, int to) {
        return new StringBuilder(blocksOf(List.of(doc.lines).subList(from, to)));
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
                Matcher begin = BEGIN.matcher(l);
                int blockEnd = begin.matches() ? blockEnd(doc.pos, begin.group(1).toLowerCase(Locale.ROOT)) : -1;
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
