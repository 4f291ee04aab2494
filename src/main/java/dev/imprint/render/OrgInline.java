package dev.imprint.render;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Org inline markup to HTML: emphasis with Org's boundary rules, links, bare URLs, math, timestamps, entities. */
final class OrgInline {
    private static final Pattern BARE_URL = Pattern.compile("\\b(?:https?|ftp|mailto):[^\\s<>\\[\\]\"]*[^\\s<>\\[\\]\".,;:!?')]");
    private static final Pattern STATISTIC = Pattern.compile("\\[\\d+/\\d+\\]|\\[\\d+%\\]");
    /** {@code <2019-01-06 Sun 18:00 +1w>} (active) or {@code [2019-01-06 Sun]} (inactive). */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "([<\\[])(\\d{4}-\\d{2}-\\d{2})(?: +\\p{L}+\\.?)?( +\\d{1,2}:\\d{2}(?:-\\d{1,2}:\\d{2})?)?( +[-+.]{1,2}\\d+[hdwmy])?([>\\]])");
    private static final Pattern ENTITY = Pattern.compile("\\\\([a-zA-Z]+)(\\{\\})?");
    private static final Pattern ENVIRONMENT = Pattern.compile("\\\\begin\\{([^}\\s]+)\\}");
    /** {@code $x$} as Org reads it: no space inside the dollars, none of "$5 and $10". */
    private static final Pattern DOLLAR_MATH = Pattern.compile("\\$(?=[^\\s$])([^$\\n]*?[^\\s$,.;\\\\])\\$(?![\\w$])");
    private static final Pattern MACRO = Pattern.compile("\\{\\{\\{([\\w-]+)(?:\\(([^\\n]{0,2000}?)\\))?\\}\\}\\}");
    private static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "webm");
    /** {@code src_lang{code}} or {@code src_lang[params]{code}}: inline source. */
    private static final Pattern ARGUMENT = Pattern.compile("\\$(\\d{1,2})");
    private static final Pattern INLINE_SRC = Pattern.compile("src_([\\w+-]+)(?:\\[[^\\]\\n]{0,200}\\])?\\{([^}\\n]{0,500})\\}");
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "avif");
    /** Characters that may stand right before an opening marker and right after a closing one. */
    private static final String PRE = " \t\n-('\"{";
    private static final String POST = " \t\n-.,:!?;'\")}[\\";

    private static final Pattern FOOTNOTE = Pattern.compile("\\[fn:([\\w-]*)(?::([^\\]]*))?\\]");

    /** What an inline render needs from the note it is part of. */
    interface Note {
        /** HTML standing in for a link to {@code target} ("#id" or "*Headline") until all headlines are known. */
        String inNoteLink(String target, String textHtml);

        /** {@code #+macro:} definitions and the keywords {@code {{{title}}}} and the like read. */
        String macro(String name);

        void mathSeen();

        /** The destination with a {@code #+LINK:} abbreviation ({@code [[wiki:Page]]}) written out, or as it is. */
        String expandLink(String destination);
    }

    private final LinkResolver resolver;
    private final List<String> links;
    private final OrgFootnotes footnotes;
    private final Note note;
    private final Options options;
    /**
     * What one render has learnt of the strings it reads (the text and, by identity, each emphasis' inner text), so
     * that no opener without a closer makes it read the rest of the text again: for {@link #find}, needle → the
     * first index after which it is missing; for {@link #closing}, each marker's possible closing positions.
     */
    private final Map<String, Map<String, Integer>> misses = new IdentityHashMap<>();
    private final Map<String, Map<Character, int[]>> closers = new IdentityHashMap<>();

    /**
     * @param specialStrings Org's ---, --, ... and entities (off under {@code e:nil})
     * @param superscripts   {@code _{sub}} and {@code ^{super}} (off under {@code ^:nil})
     * @param allowRawHtml   {@code @@html:…@@} as written; otherwise sanitised
     */
    record Options(boolean specialStrings, boolean superscripts, boolean allowRawHtml) {}

    OrgInline(LinkResolver resolver, List<String> links, OrgFootnotes footnotes, Note note, Options options) {
        this.resolver = resolver;
        this.links = links;
        this.footnotes = footnotes;
        this.note = note;
        this.options = options;
    }

    /** Macros expanded once (so a macro cannot expand itself forever), then the markup. */
    String render(String s) {
        try {
            return markup(expandMacros(s));
        } finally {
            misses.clear();
            closers.clear();
        }
    }

    private String expandMacros(String s) {
        if (!s.contains("{{{")) {
            return s;
        }
        Matcher m = MACRO.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String body = note.macro(m.group(1).toLowerCase(Locale.ROOT));
            if (body == null) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String[] args = m.group(2) == null ? new String[0] : m.group(2).split("(?<!\\\\),\\s*");
            // $1, $2… in one pass, so that an argument's own "$5" stays; a missing argument is empty
            String expanded = ARGUMENT.matcher(body).replaceAll(a -> {
                int n = Integer.parseInt(a.group(1));
                return Matcher.quoteReplacement(n >= 1 && n <= args.length ? args[n - 1].replace("\\,", ",") : "");
            });
            m.appendReplacement(out, Matcher.quoteReplacement(expanded));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String markup(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = s.length();
        while (i < n) {
            int next = element(s, i, out);
            if (next > i) {
                i = next;
                continue;
            }
            escape(s.charAt(i), out);
            i++;
        }
        return out.toString();
    }

    /** The inline element at {@code i} appended to {@code out}: the index after it, or {@code i} when there is none. */
    private int element(String s, int i, StringBuilder out) {
        char c = s.charAt(i);
        return switch (c) {
            case '[' -> bracket(s, i, out);
            case '<' -> timestamp(s, i, out);
            case '\\' -> backslash(s, i, out);
            case '$' -> dollars(s, i, out);
            case '@' -> exportSnippet(s, i, out);
            case '_', '^' -> {
                int end = script(s, i, out);
                yield end > i || c == '^' ? end : emphasis(s, i, out);
            }
            case '*', '/', '+', '=', '~' -> emphasis(s, i, out);
            case 'h', 'f', 'm' -> bareUrl(s, i, out);
            case 's' -> inlineSource(s, i, out);
            case '-', '.' -> specialString(s, i, out);
            default -> i;
        };
    }

    private int bracket(String s, int i, StringBuilder out) {
        int n = s.length();
        if (s.startsWith("[[", i)) {
            int end = bracketLinkEnd(s, i);
            if (end > 0) {
                link(s.substring(i + 2, end - 2), out);
                return end;
            }
        }
        if (s.startsWith("[fn:", i)) {
            Matcher fn = FOOTNOTE.matcher(s).region(i, n);
            if (fn.lookingAt() && (fn.group(2) != null || !fn.group(1).isEmpty())) {
                out.append(footnotes.reference(fn.group(1), fn.group(2) == null ? null : markup(fn.group(2))));
                return fn.end();
            }
        }
        Matcher st = STATISTIC.matcher(s).region(i, n);
        if (st.lookingAt()) {
            out.append("<code class=\"statistic\">").append(escape(st.group())).append("</code>");
            return st.end();
        }
        return timestamp(s, i, out);
    }

    /**
     * The index after the bracket link {@code [[path]]} or {@code [[path][description]]} at {@code i}, or -1. As
     * Emacs's org-link-bracket-re reads it, the path holds no '[' or ']' (but a backslash-escaped one), so in
     * "“[[” … [[url][text]]" the first "[[" is text.
     */
    private int bracketLinkEnd(String s, int i) {
        int n = s.length();
        for (int j = i + 2; j < n; j++) { // stops at the first bracket: each "[[" reads up to the next one
            char c = s.charAt(j);
            if (c == '\\' && j + 1 < n && (s.charAt(j + 1) == '[' || s.charAt(j + 1) == ']')) {
                j++;
            } else if (c == '[' || j == i + 2 && c == ']') {
                return -1;
            } else if (c == ']') {
                if (s.startsWith("]]", j)) {
                    return j + 2;
                }
                int end = s.startsWith("][", j) ? find(s, "]]", j + 2) : -1;
                return end < 0 ? -1 : end + 2;
            }
        }
        return -1;
    }

    /** A timestamp as go-org shows it: the date with its weekday, then the time and repeater as written. */
    private int timestamp(String s, int i, StringBuilder out) {
        Matcher m = TIMESTAMP.matcher(s).region(i, s.length());
        if (!m.lookingAt() || (m.group(1).equals("<")) != m.group(5).equals(">")) {
            return i;
        }
        String day;
        try {
            day = LocalDate.parse(m.group(2)).getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        } catch (DateTimeParseException e) {
            return i;
        }
        String text = m.group(1) + m.group(2) + " " + day + (m.group(3) == null ? "" : " " + m.group(3).strip())
                + (m.group(4) == null ? "" : " " + m.group(4).strip()) + m.group(5);
        out.append("<span class=\"timestamp\">").append(escape(text)).append("</span>");
        return m.end();
    }

    private int backslash(String s, int i, StringBuilder out) {
        if (s.startsWith("\\\\\n", i)) { // "\\" ending a line: a hard line break
            out.append("<br>\n");
            return i + 3;
        }
        if (s.startsWith("\\(", i) || s.startsWith("\\[", i)) {
            boolean display = s.charAt(i + 1) == '[';
            int end = find(s, display ? "\\]" : "\\)", i + 2);
            if (end > 0) {
                return math(s.substring(i + 2, end), display, out, end + 2);
            }
        }
        Matcher env = ENVIRONMENT.matcher(s).region(i, s.length());
        if (env.lookingAt()) {
            String close = "\\end{" + env.group(1) + "}";
            int end = find(s, close, env.end());
            if (end > 0) {
                return math(s.substring(i, end + close.length()), true, out, end + close.length());
            }
        }
        Matcher e = ENTITY.matcher(s).region(i, s.length());
        if (options.specialStrings() && e.lookingAt() && OrgEntities.of(e.group(1)) != null) {
            out.append(escape(OrgEntities.of(e.group(1))));
            return e.end();
        }
        return i;
    }

    /**
     * LaTeX written with the delimiters the site's KaTeX auto-render looks for ({@code $…$}, {@code $$…$$}),
     * exactly as a Markdown note's math reaches the page.
     */
    private int math(String tex, boolean display, StringBuilder out, int end) {
        note.mathSeen();
        String delimiter = display ? "$$" : "$";
        out.append(delimiter).append(escape(tex)).append(delimiter);
        return end;
    }

    private int dollars(String s, int i, StringBuilder out) {
        if (s.startsWith("$$", i)) {
            int end = find(s, "$$", i + 2);
            return end > i + 2 ? math(s.substring(i + 2, end), true, out, end + 2) : i;
        }
        Matcher m = DOLLAR_MATH.matcher(s).region(i, s.length());
        boolean after = i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)) && s.charAt(i - 1) != '$';
        return after && m.lookingAt() ? math(m.group(1), false, out, m.end()) : i;
    }

    /** {@code @@html:…@@}: HTML for the HTML export, sanitised unless raw HTML is allowed. */
    private int exportSnippet(String s, int i, StringBuilder out) {
        if (!s.startsWith("@@", i)) {
            return i;
        }
        int colon = find(s, ":", i + 2);
        int end = colon < 0 ? -1 : find(s, "@@", colon + 1);
        if (end < 0 || !s.substring(i + 2, colon).matches("[\\w-]+")) {
            return i;
        }
        if (s.substring(i + 2, colon).equalsIgnoreCase("html")) {
            String raw = s.substring(colon + 1, end);
            out.append(options.allowRawHtml() ? raw : MarkdownRenderer.sanitize(raw));
        }
        return end + 2; // a snippet for another back end shows nothing
    }

    /** {@code x_{sub}} and {@code x^{super}}: only the braced form, as go-org reads {@code ^:{}}. */
    private int script(String s, int i, StringBuilder out) {
        if (!options.superscripts() || i == 0 || Character.isWhitespace(s.charAt(i - 1))
                || !s.startsWith("{", i + 1)) {
            return i;
        }
        int end = find(s, "}", i + 2);
        if (end <= i + 2) {
            return i;
        }
        String tag = s.charAt(i) == '_' ? "sub" : "sup";
        out.append('<').append(tag).append('>').append(markup(s.substring(i + 2, end))).append("</").append(tag)
                .append('>');
        return end + 1;
    }

    private int emphasis(String s, int i, StringBuilder out) {
        char c = s.charAt(i);
        if (i > 0 && PRE.indexOf(s.charAt(i - 1)) < 0) {
            return i;
        }
        int close = closing(s, i, c);
        if (close < 0) {
            return i;
        }
        String inner = s.substring(i + 1, close);
        switch (c) {
            case '*' -> out.append("<strong>").append(markup(inner)).append("</strong>");
            case '/' -> out.append("<em>").append(markup(inner)).append("</em>");
            case '_' -> out.append("<span style=\"text-decoration: underline;\">").append(markup(inner))
                    .append("</span>");
            case '+' -> out.append("<del>").append(markup(inner)).append("</del>");
            case '=' -> out.append("<code class=\"verbatim\">").append(escape(inner)).append("</code>");
            default -> out.append("<code>").append(escape(inner)).append("</code>");
        }
        return close + 1;
    }

    private int bareUrl(String s, int i, StringBuilder out) {
        if (i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))) {
            return i;
        }
        Matcher m = BARE_URL.matcher(s).region(i, s.length());
        if (!m.lookingAt()) {
            return i;
        }
        String url = m.group();
        anchor(url, escape(url), out);
        return m.end();
    }

    /** Inline source as code a highlighter can pick up (go-org's block {@code div} would break the paragraph). */
    private int inlineSource(String s, int i, StringBuilder out) {
        if (i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))) {
            return i;
        }
        if (!s.startsWith("src_", i) || find(s, "}", i) < 0) {
            return i;
        }
        Matcher m = INLINE_SRC.matcher(s).region(i, s.length());
        if (!m.lookingAt()) {
            return i;
        }
        String lang = escape(m.group(1));
        out.append("<code class=\"src src-inline src-").append(lang).append(" language-").append(lang).append("\">")
                .append(escape(m.group(2))).append("</code>");
        return m.end();
    }

    private int specialString(String s, int i, StringBuilder out) {
        if (!options.specialStrings()) {
            return i;
        }
        String special = s.startsWith("---", i) ? "\u2014" : s.startsWith("--", i) ? "\u2013"
                : s.startsWith("...", i) ? "\u2026" : null;
        if (special == null) {
            return i;
        }
        out.append(special);
        return i + (special.equals("\u2013") ? 2 : 3);
    }

    /**
     * {@code s.indexOf(needle, from)}, remembering a miss: a needle missing after one index is missing after every
     * later one, so text full of openers without closers ("[[[[…", "\\(\\(…") is read once, not once per opener.
     */
    private int find(String s, String needle, int from) {
        Map<String, Integer> missing = misses.computeIfAbsent(s, k -> new HashMap<>());
        Integer miss = missing.get(needle);
        if (miss != null && from >= miss) {
            return -1;
        }
        int at = s.indexOf(needle, from);
        if (at < 0) {
            missing.merge(needle, from, Math::min);
        }
        return at;
    }

    /**
     * The closing marker for the one at {@code open}: not after whitespace, followed by an allowed character, at
     * most one line further on (go-org's MaxEmphasisNewLines).
     */
    private int closing(String s, int open, char marker) {
        if (open + 1 >= s.length() || Character.isWhitespace(s.charAt(open + 1))) {
            return -1;
        }
        Map<Character, int[]> known = closers.computeIfAbsent(s, k -> new HashMap<>());
        int close = after(known.computeIfAbsent(marker, m -> closers(s, m)), open + 2);
        if (close < 0) {
            return -1;
        }
        int newline = after(known.computeIfAbsent('\n', m -> closers(s, m)), open);
        boolean twoLines = newline >= 0 && newline < close && after(known.get('\n'), newline + 1) >= 0
                && after(known.get('\n'), newline + 1) < close;
        return twoLines ? -1 : close;
    }

    /** Where {@code marker} may close emphasis in {@code s} (not after whitespace, before an allowed character); every line break for '\n'. */
    private static int[] closers(String s, char marker) {
        List<Integer> at = new ArrayList<>();
        for (int j = 1; j < s.length(); j++) {
            if (s.charAt(j) == marker && (marker == '\n' || !Character.isWhitespace(s.charAt(j - 1))
                    && (j + 1 == s.length() || POST.indexOf(s.charAt(j + 1)) >= 0))) {
                at.add(j);
            }
        }
        return at.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The first of the sorted {@code positions} at or after {@code from}, or -1. */
    private static int after(int[] positions, int from) {
        int i = Arrays.binarySearch(positions, from);
        i = i >= 0 ? i : -i - 1;
        return i < positions.length ? positions[i] : -1;
    }

    private void link(String body, StringBuilder out) {
        int sep = body.indexOf("][");
        String dest = sep < 0 ? body : body.substring(0, sep);
        String desc = sep < 0 ? null : body.substring(sep + 2);
        if (dest.startsWith("#") || dest.startsWith("*")) { // a headline of this note: resolved once all are read
            // [[#id]] shows as written (go-org), [[*Headline]] as the headline's text (Org)
            String text = desc != null ? markup(desc) : escape(dest.startsWith("*") ? dest.substring(1) : dest);
            out.append(note.inNoteLink(dest, text));
            return;
        }
        String expanded = note.expandLink(dest);
        String path = expanded.startsWith("file:") ? expanded.substring(5) : expanded;
        if (desc == null && isImage(path)) {
            image(path, true, out);
            return;
        }
        if (desc == null && hasExtension(path, VIDEO_EXTENSIONS)) {
            LinkResolver.Resolution r = resolve(path, true);
            out.append("<video src=\"").append(escape(r.href())).append("\" title=\"").append(escape(path))
                    .append("\">").append(escape(path)).append("</video>");
            return;
        }
        String descPath = desc == null ? "" : desc.startsWith("file:") ? desc.substring(5) : desc;
        String text;
        if (desc != null && isImage(descPath)) { // a linked image, as go-org writes it: no title
            StringBuilder img = new StringBuilder();
            image(descPath, false, img);
            text = img.toString();
        } else {
            text = desc == null ? escape(path) : markup(desc); // as go-org and Org: without "file:"
        }
        anchor(path, text, out);
    }

    private void image(String path, boolean titled, StringBuilder out) {
        LinkResolver.Resolution r = resolve(path, true);
        out.append("<img src=\"").append(escape(r.href())).append("\" alt=\"").append(escape(path)).append('"')
                .append(titled ? " title=\"" + escape(path) + "\"" : "").append(r.broken() ? " class=\"broken\"" : "")
                .append(" />");
    }

    private void anchor(String destination, String textHtml, StringBuilder out) {
        LinkResolver.Resolution r = resolve(destination, false);
        out.append("<a href=\"").append(escape(r.href())).append("\"").append(r.broken() ? " class=\"broken\"" : "")
                .append('>').append(textHtml).append("</a>");
    }

    /**
     * What the caller's resolver makes of the destination as written: every destination but an in-note anchor goes
     * through it, since that is where the site refuses unsafe schemes ({@code javascript:} and the like).
     */
    private LinkResolver.Resolution resolve(String destination, boolean image) {
        links.add(destination);
        LinkResolver.Resolution r = resolver.resolve(destination, image);
        return r == null || r.href() == null ? new LinkResolver.Resolution(destination, r != null && r.broken()) : r;
    }

    static boolean isImage(String path) {
        return hasExtension(path, IMAGE_EXTENSIONS);
    }

    /** A local path or http(s) URL ending in one of {@code extensions}. */
    private static boolean hasExtension(String path, Set<String> extensions) {
        int dot = path.lastIndexOf('.');
        return dot > 0 && (!path.contains("://") || path.matches("https?://.*"))
                && extensions.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            escape(s.charAt(i), out);
        }
        return out.toString();
    }

    private static void escape(char c, StringBuilder out) {
        switch (c) {
            case '&' -> out.append("&amp;");
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case '"' -> out.append("&#34;");
            case '\'' -> out.append("&#39;");
            case '\u0000' -> out.append('\uFFFD'); // NUL marks in-note links while a note renders
            default -> out.append(c);
        }
    }
}
