package dev.imprint.render;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/** One render: the lines and what has been collected from them. */
final class OrgDocument implements OrgInline.Note {
    private static final Pattern KEYWORD = Pattern.compile("#\\+([^\\s:]+):(?: (.*))?");
    private static final Pattern HEADLINE = Pattern.compile("(\\*+)\\s+(.*)");
    private static final Pattern TAGS = Pattern.compile("(.*?)\\s+(:(?:[\\w@#%]+:)+)\\s*");
    private static final Pattern PRIORITY = Pattern.compile("\\[#([A-Z0-9])\\]\\s*(.*)");
    private static final Pattern ITEM = Pattern.compile("(\\s*)([-+*]|\\d+[.)]|[a-z][.)])(?:\\s+(.*))?");
    private static final Pattern COUNTER = Pattern.compile("\\[@(\\d+)\\]\\s+(.*)");
    private static final Pattern CHECKBOX = Pattern.compile("\\[([ X-])\\]\\s+(.*)");
    private static final Pattern BEGIN = Pattern.compile("\\s*#\\+begin_(\\w+)(?:\\s+(.*))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DRAWER = Pattern.compile("\\s*:([\\w-]+):\\s*");
    private static final Pattern PROPERTY = Pattern.compile("\\s*:([^:\\s]+):\\s*(.*)");
    private static final Pattern FOOTNOTE_DEFINITION = Pattern.compile("\\[fn:([\\w-]+)\\]\\s*(.*)");
    private static final Set<String> TODO = Set.of("TODO", "DONE");
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
    /** Setup files that name setup files: so deep at most, so that two naming each other end. */
    private static final int MAX_SETUP_DEPTH = 4;
    private static final Pattern HORIZONTAL_RULE = Pattern.compile("-{5,}");
    private static final Pattern LONE_IMAGE = Pattern.compile("<p>(<img [^>]*>)</p>\n");

    private final boolean allowRawHtml;
    String[] lines; // swapped for an item's own lines while a list item renders
    final Map<String, String> keywords = new LinkedHashMap<>();
    final List<Heading> headings = new ArrayList<>();
    final List<String> links = new ArrayList<>();
    /** {@code :ID:} → anchor ("" for the file's own drawer), as {@link OrgRendering#ids}. */
    final Map<String, String> ids = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    final OrgInNoteLinks inNote = new OrgInNoteLinks();
    final Map<String, String> macros = new HashMap<>();
    /** {@code #+LINK: name prefix}: {@code [[name:tag]]} links to the prefix with the tag added. */
    final Map<String, String> linkAbbreviations = new HashMap<>();
    /** {@code #+OPTIONS:} toggles as written (e.g. "toc" → "nil"). */
    final Map<String, String> options = new HashMap<>();
    final OrgFootnotes footnotes;
    /** {@code #+OPTIONS: ealb:t}: lines of Chinese, Japanese or Korean join without a space. */
    final boolean ealb;
    final OrgInline inline;
    final Set<String> todo = new LinkedHashSet<>(TODO);
    /** Tags whose subtrees are not exported ({@code #+EXCLUDE_TAGS:}, by default {@code noexport}). */
    final Set<String> excludeTags = new HashSet<>();
    boolean hasCode;
    boolean hasMath;
    int pos;
    int headlineCount;
    String caption;
    /** {@code #+name:} and {@code #+attr_html:} for the element that follows. */
    OrgAttributes attributes = new OrgAttributes();
    /** {@link #blockEnd}'s answers for the lines {@code blockEndsOf}. */
    final Map<Integer, Integer> blockEnds = new HashMap<>();
    final Map<String, int[]> endLines = new HashMap<>();
    String[] blockEndsOf;
    /** {@code \end{name}} → the first line of {@code environmentsOf} after which it is missing. */
    final Map<String, Integer> unclosedFrom = new HashMap<>();
    String[] environmentsOf;
    /** Reads the files {@code #+INCLUDE} and {@code #+SETUPFILE} name; null: none. */
    final Function<String, String> files;
    int setupDepth;
    /** Where {@link #paragraph} last wrote a plain {@code <p>}, for {@link #itemBody}. */
    StringBuilder lastParagraphIn;
    /** Lines read looking for nested blocks' ends, bounded by {@link #BLOCK_WORK_PER_LINE}. */
    int blockWork;

    OrgDocument(String org, LinkResolver resolver, Function<String, String> files, boolean allowRawHtml) {
        this.allowRawHtml = allowRawHtml;
        this.lines = org.replace("\r\n", "\n").split("\n", -1);
        this.files = files;
        keywords(lines);
        this.footnotes = new OrgFootnotes(!off("f"));
        this.inline = new OrgInline(resolver, links, footnotes, this,
                new OrgInline.Options(!off("e"), !off("^"), allowRawHtml));
        this.ealb = "t".equals(options.get("ealb"));
        for (String tag : keywords.getOrDefault("exclude_tags", "noexport").split("\\s+")) {
            excludeTags.add(tag);
        }
        fileProperties();
    }

    /** Keywords apply to the whole file, wherever they are. */
    void keywords(String[] lines) {
        for (String line : lines) {
            Matcher m = KEYWORD.matcher(line.strip());
            if (m.matches() && !m.group(1).toLowerCase(Locale.ROOT).startsWith("begin_")
                    && !m.group(1).toLowerCase(Locale.ROOT).startsWith("end_")) {
                String key = m.group(1).toLowerCase(Locale.ROOT);
                String value = m.group(2) == null ? "" : m.group(2).strip();
                keyword(key, value);
            }
        }
    }

    /** {@code #+SETUPFILE:}: the file's keywords, as if they were the note's (go-org and Org read them so). */
    void setupFile(String value) {
        String path = unquote(value);
        String text = files == null || setupDepth >= MAX_SETUP_DEPTH ? null : files.apply(path);
        if (text == null) {
            problems.add(files == null ? "#+SETUPFILE is not supported; " + path + " not read"
                    : "#+SETUPFILE: " + path + " not found or nested too deep; not read");
            return;
        }
        setupDepth++;
        keywords(text.replace("\r\n", "\n").split("\n"));
        setupDepth--;
    }

    /**
     * {@code #+INCLUDE: "file" src lang}, {@code example} or {@code export html}: the file as that block, the
     * forms go-org reads (an Org include, whose headlines and footnotes would join the note's, is not done).
     */
    void include(StringBuilder out, String value) {
        String path = unquote(value);
        Matcher m = INCLUDE.matcher(value);
        String text = files == null || !m.matches() ? null : files.apply(path);
        if (text == null) {
            problems.add(files == null ? "#+INCLUDE is not supported; " + path + " left out"
                    : !m.matches() ? "#+INCLUDE: only \"file\" src|example|export lang is supported; " + path + " left out"
                    : "#+INCLUDE: " + path + " not found; left out");
            return;
        }
        String raw = text.replace("\r\n", "\n");
        raw = raw.isEmpty() || raw.endsWith("\n") ? raw : raw + "\n";
        String lang = m.group(3);
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "src" -> {
                hasCode = true;
                raw = TRAILING_BLANK_LINES.matcher(LEADING_BLANK_LINES.matcher(raw).replaceAll("")).replaceAll("\n");
                out.append(srcBlock(lang.toLowerCase(Locale.ROOT), raw));
            }
            case "example" -> out.append("<pre class=\"example\">\n").append(OrgInline.escape(raw)).append("</pre>\n");
            default -> {
                if (lang.equalsIgnoreCase("html")) {
                    out.append(allowRawHtml ? raw : MarkdownRenderer.sanitize(raw)).append('\n');
                }
            }
        }
    }

    /** A file keyword, kept for the front matter; some also set up how the note reads. */
    void keyword(String key, String value) {
        keywords.put(key, value);
        String[] words = value.isEmpty() ? new String[0] : value.split("\\s+");
        switch (key) {
            case "link" -> { // #+LINK: name prefix
                if (words.length > 0) {
                    linkAbbreviations.put(words[0], value.substring(words[0].length()).strip());
                }
            }
            case "macro" -> { // #+MACRO: name body with $1, $2…
                if (words.length > 0) {
                    macros.put(words[0].toLowerCase(Locale.ROOT), value.substring(words[0].length()).strip());
                }
            }
            case "options" -> { // several lines add up
                for (String w : words) {
                    int colon = w.indexOf(':');
                    if (colon > 0) {
                        options.put(w.substring(0, colon).toLowerCase(Locale.ROOT), w.substring(colon + 1));
                    }
                }
            }
            case "setupfile" -> setupFile(value);
            case "todo" -> { // #+TODO: TODO WAIT(w) | DONE
                for (String w : value.split("[\\s|]+")) {
                    if (!w.isEmpty()) {
                        todo.add(w.replaceAll("\\(.*\\)", ""));
                    }
                }
            }
            default -> { }
        }
    }

    /** An {@code #+OPTIONS:} toggle turned off ({@code key:nil}). */
    boolean off(String key) {
        return "nil".equals(options.get(key));
    }

    /** The property drawer before the first headline (org-roam's): its {@code :ID:} names the note itself. */
    void fileProperties() {
        for (int i = 0; i < lines.length && !HEADLINE.matcher(lines[i]).matches(); i++) {
            if (lines[i].strip().equalsIgnoreCase(":PROPERTIES:")) {
                for (int j = i + 1; j < lines.length && !lines[j].strip().equalsIgnoreCase(":END:"); j++) {
                    Matcher m = PROPERTY.matcher(lines[j]);
                    if (m.matches() && m.group(1).equalsIgnoreCase("id") && !m.group(2).isBlank()) {
                        ids.putIfAbsent(m.group(2).strip(), "");
                    }
                }
                return;
            }
        }
    }

    @Override
    public String inNoteLink(String target, String textHtml) {
        return inNote.placeholder(target, textHtml);
    }

    @Override
    public String macro(String name) {
        return switch (name) {
            case "title", "author", "date", "email", "subtitle", "description" -> keywords.get(name);
            default -> macros.get(name);
        };
    }

    @Override
    public String expandLink(String destination) {
        int colon = destination.indexOf(':');
        String name = colon < 0 ? destination : destination.substring(0, colon);
        String prefix = linkAbbreviations.get(name);
        if (prefix == null) {
            return destination;
        }
        String tag = colon < 0 ? "" : destination.substring(colon + 1);
        if (prefix.contains("%s") || prefix.contains("%h")) { // %h: the tag URL-encoded
            return prefix.replace("%s", tag).replace("%h", URLEncoder.encode(tag, StandardCharsets.UTF_8));
        }
        return prefix + tag;
    }

    @Override
    public void mathSeen() {
        hasMath = true;
    }

    String document() {
        StringBuilder out = new StringBuilder();
        blocks(out, 0);
        String html = inNote.link(out.append(footnotes.section()).toString(), problems);
        footnotes.undefined().forEach(name -> problems.add("footnote [fn:" + name + "] has no definition"));
        // a headline's own text may hold an in-note link
        headings.replaceAll(h -> !OrgInNoteLinks.hasPlaceholder(h.text()) ? h : new Heading(h.level(), h.id(),
                PlainText.collapse(Jsoup.parseBodyFragment(inNote.link(h.text(), problems)).text())));
        return html;
    }

    /** Headlines deeper than {@code level} and their bodies, up to the next headline of {@code level} or above. */
    void blocks(StringBuilder out, int level) {
        while (pos < lines.length) {
            Matcher h = HEADLINE.matcher(lines[pos]);
            if (h.matches()) {
                int stars = h.group(1).length();
                if (stars <= level) {
                    return;
                }
                headline(out, stars, h.group(2));
                continue;
            }
            element(out);
        }
    }

    void headline(StringBuilder out, int stars, String rest) {
        pos++;
        String title = rest;
        List<String> tags = List.of();
        Matcher t = TAGS.matcher(title);
        if (t.matches()) {
            title = t.group(1);
            tags = List.of(t.group(2).substring(1, t.group(2).length() - 1).split(":"));
        }
        String status = null;
        int space = title.indexOf(' ');
        String first = space < 0 ? title : title.substring(0, space);
        if (todo.contains(first)) {
            status = first;
            title = space < 0 ? "" : title.substring(space + 1).strip();
        }
        String priority = null;
        Matcher p = PRIORITY.matcher(title);
        if (p.matches()) {
            priority = p.group(1);
            title = p.group(2);
        }
        Map<String, String> properties = properties();
        boolean dropped = title.startsWith("COMMENT") || tags.stream().anyMatch(excludeTags::contains);
        if (dropped) { // the whole subtree goes, unread: its links and footnotes are not the note's
            while (pos < lines.length) {
                Matcher next = HEADLINE.matcher(lines[pos]);
                if (next.matches() && next.group(1).length() <= stars) {
                    break;
                }
                pos++;
            }
            return;
        }
        headlineCount++;
        String id = properties.getOrDefault("custom_id", "headline-" + headlineCount);
        int h = Math.min(stars + 1, 6);
        String titleHtml = inline.render(title); // once: a footnote reference counts once
        // a heading holding an in-note link keeps its HTML until document() links it
        headings.add(new Heading(h, id, OrgInNoteLinks.hasPlaceholder(titleHtml) ? titleHtml : text(titleHtml)));
        inNote.headline(id, title);
        String orgId = properties.get("id");
        if (orgId != null && !orgId.isBlank()) {
            ids.putIfAbsent(orgId, id);
        }
        if (off("todo")) {
            status = null;
        }
        if (off("pri")) {
            priority = null;
        }
        if (off("tags")) {
            tags = List.of();
        }
        out.append("<div id=\"outline-container-").append(OrgInline.escape(id)).append("\" class=\"outline-")
                .append(h).append("\">\n<h").append(h).append(" id=\"").append(OrgInline.escape(id)).append("\">\n");
        if (status != null) {
            String kind = status.toLowerCase(Locale.ROOT); // go-org: status-todo, status-done, status-wait…
            out.append("<span class=\"todo status-").append(kind).append("\">").append(OrgInline.escape(status))
                    .append("</span>\n");
        }
        if (priority != null) {
            out.append("<span class=\"priority priority-").append(priority.toLowerCase(Locale.ROOT))
                    .append("\">[").append(priority).append("]</span>\n");
        }
        out.append(titleHtml).append(tags.isEmpty() ? "\n" : "");
        if (!tags.isEmpty()) {
            out.append("&#xa0;&#xa0;&#xa0;<span class=\"tags\">");
            for (int i = 0; i < tags.size(); i++) {
                out.append(i == 0 ? "" : "&#xa0;").append("<span class=\"tag-").append(OrgInline.escape(tags.get(i)))
                        .append("\">").append(OrgInline.escape(tags.get(i)))
                        .append("</span>");
            }
            out.append("</span>\n");
        }
        out.append("</h").append(h).append(">\n");
        // go-org's outline-text holds the section's elements and its sub-headlines, when there are any
        StringBuilder body = new StringBuilder();
        while (pos < lines.length && !HEADLINE.matcher(lines[pos]).matches()) {
            element(body);
        }
        blocks(body, stars);
        if (!body.isEmpty()) {
            out.append("<div id=\"outline-text-").append(OrgInline.escape(id)).append("\" class=\"outline-text-")
                    .append(h).append("\">\n").append(body).append("</div>\n");
        }
        out.append("</div>\n");
    }

    /** A headline's HTML as plain text; most titles have no markup, and for them no HTML parse is needed. */
    static String text(String titleHtml) {
        boolean markup = titleHtml.indexOf('<') >= 0 || titleHtml.indexOf('&') >= 0;
        return PlainText.collapse(markup ? Jsoup.parseBodyFragment(titleHtml).text() : titleHtml);
    }

    /** A property drawer right under a headline: hidden, its keys (lower-cased) kept for ids. */
    Map<String, String> properties() {
        Map<String, String> out = new LinkedHashMap<>();
        if (pos < lines.length && lines[pos].strip().equalsIgnoreCase(":PROPERTIES:")) {
            int end = pos + 1;
            while (end < lines.length && !lines[end].strip().equalsIgnoreCase(":END:")) {
                end++;
            }
            if (end < lines.length) {
                for (int i = pos + 1; i < end; i++) {
                    Matcher m = PROPERTY.matcher(lines[i]);
                    if (m.matches()) {
                        out.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2).strip());
                    }
                }
                pos = end + 1;
            }
        }
        return out;
    }

    /** One element starting at {@code pos} (not a headline). */
    void element(StringBuilder out) {
        String line = lines[pos];
        String s = line.strip();
        if (s.isEmpty()) {
            pos++;
            return;
        }
        if (s.equals("#") || s.startsWith("# ") || KEYWORD.matcher(s).matches() && !BEGIN.matcher(s).matches()) {
            Matcher k = KEYWORD.matcher(s);
            String key = k.matches() ? k.group(1).toLowerCase(Locale.ROOT) : "";
            String value = k.matches() && k.group(2) != null ? k.group(2).strip() : "";
            switch (key) { // for the element that follows
                case "caption" -> caption = caption == null ? value : caption + " " + value; // lines add up
                case "name" -> attributes.name(value);
                case "attr_html" -> attributes.attrHtml(value);
                case "include" -> include(out, value);
                case "html" -> out.append(allowRawHtml ? value : MarkdownRenderer.sanitize(value)).append('\n');
                default -> { } // comments and other keywords show nothing
            }
            pos++;
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
        String line = lines[pos];
        String s = line.strip();
        if (s.startsWith("|")) {
            table(out);
            return;
        }
        Matcher fn = FOOTNOTE_DEFINITION.matcher(line);
        if (fn.matches()) {
            footnote(fn.group(1), fn.group(2));
            return;
        }
        if (HORIZONTAL_RULE.matcher(s).matches()) {
            out.append("<hr>\n");
            pos++;
            return;
        }
        Matcher b = BEGIN.matcher(line);
        if (b.matches() && block(out, b.group(1).toLowerCase(Locale.ROOT), b.group(2) == null ? "" : b.group(2))) {
            return;
        }
        if (s.startsWith(": ") || s.equals(":")) {
            StringBuilder pre = new StringBuilder();
            while (pos < lines.length && (lines[pos].strip().startsWith(": ") || lines[pos].strip().equals(":"))) {
                String l = lines[pos].strip();
                pre.append(l.length() > 2 ? l.substring(2) : "").append('\n');
                pos++;
            }
            out.append("<pre class=\"example\">\n").append(OrgInline.escape(pre.toString())).append("</pre>\n");
            return;
        }
        Matcher d = DRAWER.matcher(line);
        if (d.matches() && drawer(out, d.group(1))) {
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
        Matcher env = ENVIRONMENT.matcher(lines[pos].strip());
        if (!env.lookingAt()) {
            return false;
        }
        String close = "\\end{" + env.group(1) + "}";
        if (environmentsOf != lines) {
            unclosedFrom.clear();
            environmentsOf = lines;
        }
        if (pos >= unclosedFrom.getOrDefault(close, Integer.MAX_VALUE)) {
            return false; // no such \end after an earlier line: none after this one either
        }
        for (int end = pos; end < lines.length; end++) {
            if (lines[end].contains(close)) {
                StringBuilder tex = new StringBuilder();
                for (int i = pos; i <= end; i++) {
                    tex.append(i > pos ? "\n" : "").append(lines[i].strip());
                }
                out.append("$$").append(OrgInline.escape(tex.toString())).append("$$\n");
                hasMath = true;
                pos = end + 1;
                return true;
            }
        }
        unclosedFrom.merge(close, pos, Math::min);
        return false;
    }

    /**
     * A table: rows before its first rule are the header; a column of numbers is right-aligned, and a row of
     * {@code <l>} / {@code <c>} / {@code <r>} cookies sets alignment and is not shown.
     */
    void table(StringBuilder out) {
        List<List<String>> rows = new ArrayList<>(); // null: a rule
        while (pos < lines.length && lines[pos].strip().startsWith("|")) {
            String row = lines[pos].strip();
            if (row.startsWith("|-")) {
                rows.add(null);
            } else {
                String inner = row.endsWith("|") && row.length() > 1 ? row.substring(1, row.length() - 1) : row.substring(1);
                List<String> cells = new ArrayList<>();
                for (String c : inner.split("\\|", -1)) {
                    cells.add(c.strip());
                }
                rows.add(cells);
            }
            pos++;
        }
        int columns = rows.stream().filter(r -> r != null).mapToInt(List::size).max().orElse(0);
        String[] align = new String[columns];
        List<List<String>> data = new ArrayList<>();
        int headerRows = 0;
        Set<Integer> groups = new HashSet<>();
        boolean seenData = false;
        for (List<String> r : rows) {
            if (r == null) {
                if (seenData && headerRows == 0) {
                    headerRows = data.size();
                }
                groups.add(data.size()); // a rule inside the body starts another tbody
                continue;
            }
            if (r.stream().allMatch(c -> c.isEmpty() || c.matches("<[lrc]?\\d*>"))) {
                for (int i = 0; i < r.size(); i++) {
                    char a = r.get(i).length() > 1 ? r.get(i).charAt(1) : ' ';
                    align[i] = a == 'l' ? "left" : a == 'r' ? "right" : a == 'c' ? "center" : align[i];
                }
                continue;
            }
            seenData = true;
            data.add(r);
        }
        if (headerRows == data.size()) {
            headerRows = 0; // a rule only at the end is no header
        }
        for (int col = 0; col < columns; col++) {
            if (align[col] == null) {
                boolean numeric = false;
                boolean all = true;
                for (int r = headerRows; r < data.size(); r++) {
                    String c = col < data.get(r).size() ? data.get(r).get(col) : "";
                    if (!c.isEmpty()) {
                        numeric = true;
                        all &= c.matches("[-+]?[\\d.,]+%?");
                    }
                }
                align[col] = numeric && all ? "right" : null;
            }
        }
        String figure = caption;
        caption = null;
        if (figure != null) {
            out.append("<figure>\n");
        }
        out.append("<table>\n");
        for (int r = 0; r < data.size(); r++) {
            if (r == 0 && headerRows > 0) {
                out.append("<thead>\n");
            }
            if (r == headerRows || r > headerRows && groups.contains(r)) {
                out.append(r == headerRows ? "" : "</tbody>\n").append("<tbody>\n");
            }
            out.append("<tr>\n");
            String cell = r < headerRows ? "th" : "td";
            for (int col = 0; col < columns; col++) {
                String c = col < data.get(r).size() ? data.get(r).get(col) : "";
                out.append('<').append(cell).append(align[col] == null ? "" : " class=\"align-" + align[col] + "\"")
                        .append('>').append(inline.render(c)).append("</").append(cell).append(">\n");
            }
            out.append("</tr>\n");
            if (r == headerRows - 1) {
                out.append("</thead>\n");
            }
        }
        if (data.size() > headerRows) {
            out.append("</tbody>\n");
        }
        out.append("</table>\n");
        if (figure != null) {
            out.append("<figcaption>\n").append(inline.render(figure)).append("\n</figcaption>\n</figure>\n");
        }
    }

    /** A definition runs to the next definition, headline, or two blank lines; it shows in the footnotes section. */
    void footnote(String name, String first) {
        List<String> body = new ArrayList<>();
        body.add(first);
        pos++;
        while (pos < lines.length && !HEADLINE.matcher(lines[pos]).matches()
                && !FOOTNOTE_DEFINITION.matcher(lines[pos]).matches()
                && !(lines[pos].isBlank() && (pos + 1 >= lines.length || lines[pos + 1].isBlank()))) {
            body.add(lines[pos]);
            pos++;
        }
        footnotes.define(name, blocksOf(body));
    }

    /**
     * A drawer's contents show, as Org and go-org export them, but for properties and the clock log; false when
     * there is no {@code :END:}.
     */
    boolean drawer(StringBuilder out, String name) {
        for (int end = pos + 1; end < lines.length; end++) {
            if (lines[end].strip().equalsIgnoreCase(":END:")) {
                if (!name.equalsIgnoreCase("PROPERTIES") && !name.equalsIgnoreCase("LOGBOOK")) {
                    out.append(blocksOf(List.of(lines).subList(pos + 1, end)));
                }
                pos = end + 1;
                return true;
            }
            if (HEADLINE.matcher(lines[end]).matches()) {
                return false;
            }
        }
        return false;
    }

    boolean block(StringBuilder out, String kind, String params) {
        int end = blockEnd(pos, kind);
        if (end < 0) {
            return false;
        }
        List<String> body = new ArrayList<>();
        int indent = lines[pos].length() - lines[pos].stripLeading().length();
        for (int i = pos + 1; i < end; i++) {
            String l = lines[i];
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
                hasCode = true;
                String[] words = params.strip().split("\\s+");
                String lang = words[0].isEmpty() ? "text" : words[0];
                raw = TRAILING_BLANK_LINES.matcher(LEADING_BLANK_LINES.matcher(raw).replaceAll("")).replaceAll("\n");
                if (NOWEB_STRIP.matcher(params).matches()) {
                    raw = NOWEB_REFERENCE.matcher(raw).replaceAll(""); // <<name>> stands for code shown elsewhere
                }
                String figure = caption;
                caption = null;
                if (!EXPORTS_NOTHING_SHOWN.matcher(params).matches()) {
                    out.append(figure == null ? "" : "<figure>\n").append(srcBlock(lang, raw));
                    if (figure != null) {
                        out.append("<figcaption>\n").append(inline.render(figure))
                                .append("\n</figcaption>\n</figure>\n");
                    }
                }
                pos = after;
                if (EXPORTS_NONE.matcher(params).matches()) {
                    dropResults();
                }
            }
            case "example" -> {
                out.append("<pre class=\"example\">\n").append(OrgInline.escape(raw)).append("</pre>\n");
                pos = after;
            }
            case "export" -> {
                if (params.strip().toLowerCase(Locale.ROOT).startsWith("html")) {
                    out.append(allowRawHtml ? raw : MarkdownRenderer.sanitize(raw)).append('\n');
                }
                pos = after;
            }
            case "quote", "center" -> {
                StringBuilder inner = nested(pos + 1, end);
                out.append(kind.equals("quote") ? "<blockquote>\n" : "<div class=\"center-block\" style=\"text-align: center; margin-left: auto; margin-right: auto;\">\n")
                        .append(inner).append(kind.equals("quote") ? "</blockquote>\n" : "</div>\n");
                pos = after;
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
                pos = after;
            }
            default -> {
                StringBuilder inner = nested(pos + 1, end);
                out.append("<div class=\"").append(OrgInline.escape(kind)).append("-block\">\n").append(inner)
                        .append("</div>\n");
                pos = after;
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
            out.append("<p>").append(inline.render(stanza.toString())).append("</p>\n");
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
        if (blockEndsOf != lines) {
            indexBlockEnds();
        }
        Integer known = blockEnds.get(begin);
        if (known != null) {
            return known;
        }
        int flat = nextEnd(kind, begin); // the first #+end_ of its kind; none: no block
        boolean raw = kind.equals("src") || kind.equals("example") || kind.equals("export");
        int found = flat;
        if (flat >= 0 && !raw && depth < MAX_BLOCK_DEPTH && blockWork < BLOCK_WORK_PER_LINE * lines.length) {
            found = -1;
            for (int end = begin + 1; end < lines.length && found < 0; end++) {
                blockWork++;
                if (lines[end].strip().equalsIgnoreCase("#+end_" + kind)) {
                    found = end;
                    continue;
                }
                Matcher inner = BEGIN.matcher(lines[end]);
                if (inner.matches()) {
                    int innerEnd = blockEnd(end, inner.group(1).toLowerCase(Locale.ROOT), depth + 1);
                    end = innerEnd < 0 ? end : innerEnd;
                }
            }
        }
        blockEnds.put(begin, found);
        return found;
    }

    /** The line numbers of each kind's {@code #+end_} lines in {@link #lines}. */
    void indexBlockEnds() {
        blockEnds.clear();
        blockEndsOf = lines;
        Map<String, List<Integer>> ends = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = END.matcher(lines[i]);
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
        int next = pos;
        while (next < lines.length && lines[next].isBlank()) {
            next++;
        }
        if (next < lines.length && lines[next].strip().toUpperCase(Locale.ROOT).startsWith("#+RESULTS:")) {
            pos = next + 1;
            while (pos < lines.length && lines[pos].isBlank()) {
                pos++;
            }
            if (pos < lines.length && !HEADLINE.matcher(lines[pos]).matches()) {
                element(new StringBuilder());
            }
        }
    }

    /** The elements on lines {@code from} to {@code to} (exclusive), rendered on their own. */
    StringBuilder nested(int from, int to) {
        return new StringBuilder(blocksOf(List.of(lines).subList(from, to)));
    }

    void paragraph(StringBuilder out) {
        StringBuilder p = new StringBuilder();
        while (pos < lines.length) {
            String l = lines[pos];
            String s = l.strip();
            if (s.isEmpty() || HEADLINE.matcher(l).matches() || (p.length() > 0 && startsElement(l))) {
                break;
            }
            boolean joined = ealb && p.length() > 0 && eastAsian(p.codePointBefore(p.length()))
                    && eastAsian(s.codePointAt(0)); // a line break between two CJK characters is no space
            // \n:t keeps the note's line breaks, as a "\\" ending each line would
            p.append(p.length() == 0 || joined ? "" : "t".equals(options.get("\\n")) ? "\\\\\n" : "\n").append(s);
            pos++;
        }
        if (p.length() == 0) { // a line no other element took
            p.append(lines[pos].strip());
            pos++;
        }
        String text = p.toString();
        String figure = caption;
        caption = null;
        if (figure != null) { // go-org captions the whole paragraph
            String html = inline.render(text);
            boolean image = html.startsWith("<img ") && html.indexOf('>') == html.length() - 1;
            out.append(image ? "<figure>\n" + html : "<figure>\n<p>" + html + "</p>").append("\n<figcaption>\n")
                    .append(inline.render(figure)).append("\n</figcaption>\n</figure>\n");
            return;
        }
        lastParagraphIn = out;
        out.append("<p>").append(inline.render(text)).append("</p>\n");
    }

    /** {@code "file" …} → file; a value without quotes is its first word. */
    static String unquote(String value) {
        int close = value.startsWith("\"") ? value.indexOf('"', 1) : -1;
        return close > 0 ? value.substring(1, close) : value.split("\\s+", 2)[0];
    }

    static boolean eastAsian(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    boolean startsElement(String l) {
        String s = l.strip();
        return s.startsWith("#+") || s.startsWith("\\begin{") || s.startsWith("# ") || s.equals("#") || HORIZONTAL_RULE.matcher(s).matches()
                || s.startsWith(": ") || s.startsWith("|") || DRAWER.matcher(l).matches() || ITEM.matcher(l).matches() && !l.startsWith("*");
    }

    /** A list whose items are indented by {@code indent}; an item holds what is indented deeper than its bullet. */
    void list(StringBuilder out, int indent) {
        Matcher first = ITEM.matcher(lines[pos]);
        first.matches();
        boolean ordered = first.group(2).length() > 1;
        boolean descriptive = first.group(3) != null && first.group(3).contains(" :: ");
        String tag = descriptive ? "dl" : ordered ? "ol" : "ul";
        out.append('<').append(tag).append(">\n");
        while (pos < lines.length) {
            Matcher m = ITEM.matcher(lines[pos]);
            if (!m.matches() || HEADLINE.matcher(lines[pos]).matches() || m.group(1).length() != indent
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
            pos++;
            // the item's own lines: its first line, then lines indented deeper than its bullet, blank lines inside
            int from = pos;
            while (pos < lines.length) {
                String l = lines[pos];
                if (l.isBlank()) {
                    if (pos + 1 < lines.length && !lines[pos + 1].isBlank()
                            && indentOf(lines[pos + 1]) > indent) {
                        pos++;
                        continue;
                    }
                    break;
                }
                if (indentOf(l) <= indent) {
                    break;
                }
                Matcher begin = BEGIN.matcher(l);
                int blockEnd = begin.matches() ? blockEnd(pos, begin.group(1).toLowerCase(Locale.ROOT)) : -1;
                pos = blockEnd < 0 ? pos + 1 : blockEnd + 1; // a block's lines are the item's, however indented
            }
            int to = pos;
            StringBuilder inner = new StringBuilder();
            List<String> itemLines = new ArrayList<>();
            itemLines.add(content);
            for (int i = from; i < to; i++) {
                itemLines.add(lines[i]);
            }
            String body = itemBody(itemLines);
            if (term != null) {
                out.append("<dt").append(cls).append(">\n").append(inline.render(term)).append("\n</dt>\n<dd>\n").append(body)
                        .append("</dd>\n");
            } else {
                out.append("<li").append(cls).append(">").append(body).append("</li>\n");
            }
            while (pos < lines.length && lines[pos].isBlank()) {
                int next = pos + 1;
                if (next < lines.length && ITEM.matcher(lines[next]).matches()
                        && indentOf(lines[next]) == indent) {
                    pos = next;
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
        String[] savedLines = lines;
        int savedPos = pos;
        lines = itemLines.toArray(String[]::new);
        pos = 0;
        StringBuilder all = new StringBuilder();
        StringBuilder joined = new StringBuilder();
        boolean onlyParagraphs = true;
        while (pos < lines.length) {
            if (lines[pos].isBlank()) {
                pos++;
                continue;
            }
            int before = pos;
            StringBuilder one = new StringBuilder();
            element(one);
            pos = Math.max(pos, before + 1);
            all.append(one);
            boolean paragraph = lastParagraphIn == one && one.length() >= 8;
            onlyParagraphs &= paragraph;
            if (onlyParagraphs) {
                joined.append(joined.isEmpty() ? "" : "\n").append(one, 3, one.length() - 5);
            }
        }
        lines = savedLines;
        pos = savedPos;
        return onlyParagraphs ? joined.toString() : all.toString();
    }

    /** Lines that are not in the document's flow (a list item, a footnote) rendered as elements. */
    String blocksOf(List<String> itemLines) {
        String[] savedLines = lines;
        int savedPos = pos;
        lines = itemLines.toArray(String[]::new);
        pos = 0;
        StringBuilder html = new StringBuilder();
        while (pos < lines.length) {
            int before = pos;
            element(html);
            if (pos == before) {
                pos++;
            }
        }
        lines = savedLines;
        pos = savedPos;
        return html.toString();
    }

    int indentOf(String l) {
        return l.length() - l.stripLeading().length();
    }
}
