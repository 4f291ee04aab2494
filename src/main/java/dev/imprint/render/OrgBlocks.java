package dev.imprint.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code #+begin_…} blocks (src, example, export, quote, verse, center and special ones), the {@code #+RESULTS:}
 * a block drops, {@code #+INCLUDE}d files and LaTeX environments; and where each block ends.
 */
final class OrgBlocks {
    static final Pattern BEGIN = Pattern.compile("\\s*#\\+begin_(\\w+)(?:\\s+(.*))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern END = Pattern.compile("\\s*#\\+end_(\\w+)\\s*", Pattern.CASE_INSENSITIVE);
    private static final int MAX_BLOCK_DEPTH = 16;
    private static final int BLOCK_WORK_PER_LINE = 32;
    private static final Pattern COMMA_ESCAPE = Pattern.compile("(?m)^([ \\t]*),(,*(?:\\*|#\\+))");
    private static final Pattern LEADING_BLANK_LINES = Pattern.compile("^(?:[ \\t]*\n)+");
    private static final Pattern TRAILING_BLANK_LINES = Pattern.compile("(?:\n[ \\t]*)+\n$");
    private static final Pattern NOWEB_REFERENCE = Pattern.compile("<<[^<>\\s]+>>");
    private static final Pattern NOWEB_STRIP = Pattern.compile("(?i).*:noweb\\s+(strip-export|strip-tangle|no-export|strip)\\b.*");
    private static final Pattern EXPORTS_NOTHING_SHOWN = Pattern.compile("(?i).*:exports\\s+(none|results).*");
    private static final Pattern EXPORTS_NONE = Pattern.compile("(?i).*:exports\\s+none.*");
    /** go-org's includeFileRegexp: {@code "file" src|example|export lang}. */
    private static final Pattern INCLUDE = Pattern.compile("\"([^\"]+)\"\\s+(src|example|export)\\s+(\\S+)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ENVIRONMENT = Pattern.compile("\\\\begin\\{([^}\\s]+)\\}");

    private final OrgDocument doc;
    private final OrgElements elements;
    /** {@link #blockEnd}'s answers for the lines {@code blockEndsOf}. */
    private final Map<Integer, Integer> blockEnds = new HashMap<>();
    private final Map<String, int[]> endLines = new HashMap<>();
    private String[] blockEndsOf;
    /** Lines read looking for nested blocks' ends, bounded by {@link #BLOCK_WORK_PER_LINE}. */
    private int blockWork;
    /** {@code \end{name}} → the first line of {@code environmentsOf} after which it is missing. */
    private final Map<String, Integer> unclosedFrom = new HashMap<>();
    private String[] environmentsOf;

    OrgBlocks(OrgDocument doc, OrgElements elements) {
        this.doc = doc;
        this.elements = elements;
    }

    /** The block {@code #+begin_kind params} at {@code pos}, up to its {@code #+end_}; false without one. */
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

    private static String srcBlock(String lang, String raw) {
        return "<div class=\"src src-" + OrgInline.escape(lang) + "\">\n<div class=\"highlight\">\n<pre>"
                // language-* is what highlighters look for (go-org highlights itself instead)
                + (lang.isEmpty() ? "<code>" : "<code class=\"language-" + OrgInline.escape(lang) + "\">")
                + OrgInline.escape(raw) + "</code></pre>\n</div>\n</div>\n";
    }

    private void verseStanza(StringBuilder out, StringBuilder stanza) {
        if (!stanza.isEmpty()) {
            out.append("<p>").append(doc.inline.render(stanza.toString())).append("</p>\n");
            stanza.setLength(0);
        }
    }

    /** The elements on lines {@code from} to {@code to} (exclusive), rendered on their own. */
    private StringBuilder nested(int from, int to) {
        return new StringBuilder(elements.blocksOf(List.of(doc.lines).subList(from, to)));
    }

    /** The {@code #+RESULTS:} of a block that exports nothing goes too. */
    private void dropResults() {
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
                elements.element(new StringBuilder());
            }
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
    private int blockEnd(int begin, String kind, int depth) {
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
    private void indexBlockEnds() {
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
    private int nextEnd(String kind, int begin) {
        int[] at = endLines.get(kind);
        if (at == null) {
            return -1;
        }
        int i = Arrays.binarySearch(at, begin + 1);
        i = i >= 0 ? i : -i - 1;
        return i < at.length ? at[i] : -1;
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
}
