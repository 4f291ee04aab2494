package dev.imprint.render;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Org inline markup to HTML: emphasis with Org's boundary rules, links, bare URLs. */
final class OrgInline {
    private static final Pattern BARE_URL = Pattern.compile("\\b(?:https?|ftp|mailto):[^\\s<>\\[\\]\"]*[^\\s<>\\[\\]\".,;:!?')]");
    private static final Pattern STATISTIC = Pattern.compile("\\[\\d+/\\d+\\]|\\[\\d+%\\]");
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "avif");
    /** Characters that may stand right before an opening marker and right after a closing one. */
    private static final String PRE = " \t\n-('\"{";
    private static final String POST = " \t\n-.,:!?;'\")}[\\";

    private static final Pattern FOOTNOTE = Pattern.compile("\\[fn:([\\w-]*)(?::([^\\]]*))?\\]");

    private final LinkResolver resolver;
    private final List<String> links;
    private final OrgFootnotes footnotes;
    /** Org's special strings ---, --, ... as typographic dashes and an ellipsis (off under {@code e:nil}). */
    private final boolean specialStrings;

    OrgInline(LinkResolver resolver, List<String> links, OrgFootnotes footnotes, boolean specialStrings) {
        this.resolver = resolver;
        this.links = links;
        this.footnotes = footnotes;
        this.specialStrings = specialStrings;
    }

    String render(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '[' && s.startsWith("[[", i)) {
                int end = s.indexOf("]]", i + 2);
                if (end > 0) {
                    link(s.substring(i + 2, end), out);
                    i = end + 2;
                    continue;
                }
            }
            if (c == '[' && s.startsWith("[fn:", i)) {
                Matcher fn = FOOTNOTE.matcher(s).region(i, n);
                if (fn.lookingAt() && (fn.group(2) != null || !fn.group(1).isEmpty())) {
                    out.append(footnotes.reference(fn.group(1), fn.group(2) == null ? null : render(fn.group(2))));
                    i = fn.end();
                    continue;
                }
            }
            if (c == '[') {
                Matcher st = STATISTIC.matcher(s).region(i, n);
                if (st.lookingAt()) {
                    out.append("<code class=\"statistic\">").append(escape(st.group())).append("</code>");
                    i = st.end();
                    continue;
                }
            }
            if ("*/_+=~".indexOf(c) >= 0 && (i == 0 || PRE.indexOf(s.charAt(i - 1)) >= 0)) {
                int close = closing(s, i, c);
                if (close > 0) {
                    String inner = s.substring(i + 1, close);
                    switch (c) {
                        case '*' -> out.append("<strong>").append(render(inner)).append("</strong>");
                        case '/' -> out.append("<em>").append(render(inner)).append("</em>");
                        case '_' -> out.append("<span style=\"text-decoration: underline;\">").append(render(inner))
                                .append("</span>");
                        case '+' -> out.append("<del>").append(render(inner)).append("</del>");
                        case '=' -> out.append("<code class=\"verbatim\">").append(escape(inner)).append("</code>");
                        default -> out.append("<code>").append(escape(inner)).append("</code>");
                    }
                    i = close + 1;
                    continue;
                }
            }
            if ((c == 'h' || c == 'f' || c == 'm') && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))) {
                Matcher m = BARE_URL.matcher(s).region(i, n);
                if (m.lookingAt()) {
                    String url = m.group();
                    out.append("<a href=\"").append(escape(href(url, false))).append("\">").append(escape(url))
                            .append("</a>");
                    i = m.end();
                    continue;
                }
            }
            if (c == '\\' && s.startsWith("\\\\\n", i)) { // "\\" ending a line: a hard line break
                out.append("<br>\n");
                i += 3;
                continue;
            }
            if (specialStrings && (c == '-' || c == '.')) {
                String special = s.startsWith("---", i) ? "\u2014" : s.startsWith("--", i) ? "\u2013"
                        : s.startsWith("...", i) ? "\u2026" : null;
                if (special != null) {
                    out.append(special);
                    i += special.equals("\u2013") ? 2 : 3;
                    continue;
                }
            }
            out.append(escape(String.valueOf(c)));
            i++;
        }
        return out.toString();
    }

    /** The closing marker for the one at {@code open}: not after whitespace, followed by an allowed character. */
    private static int closing(String s, int open, char marker) {
        if (open + 1 >= s.length() || Character.isWhitespace(s.charAt(open + 1))) {
            return -1;
        }
        for (int j = open + 2; j < s.length(); j++) {
            if (s.charAt(j) == marker && !Character.isWhitespace(s.charAt(j - 1))
                    && (j + 1 == s.length() || POST.indexOf(s.charAt(j + 1)) >= 0)) {
                return j;
            }
        }
        return -1;
    }

    private void link(String body, StringBuilder out) {
        int sep = body.indexOf("][");
        String dest = sep < 0 ? body : body.substring(0, sep);
        String desc = sep < 0 ? null : body.substring(sep + 2);
        String path = dest.startsWith("file:") ? dest.substring(5) : dest;
        if (desc == null && isImage(path)) {
            out.append("<img src=\"").append(escape(href(path, true))).append("\" alt=\"").append(escape(path))
                    .append("\" title=\"").append(escape(path)).append("\" />");
            return;
        }
        String text = desc == null ? escape(dest) : render(desc);
        if (desc != null && isImage(desc.startsWith("file:") ? desc.substring(5) : desc)) {
            String img = desc.startsWith("file:") ? desc.substring(5) : desc;
            text = "<img src=\"" + escape(href(img, true)) + "\" alt=\"" + escape(img) + "\" title=\"" + escape(img)
                    + "\" />";
        }
        out.append("<a href=\"").append(escape(href(path, false))).append("\">").append(text).append("</a>");
    }

    /** The href the caller's resolver gives the destination as written (a placeholder while a note is parsed). */
    private String href(String destination, boolean image) {
        links.add(destination);
        LinkResolver.Resolution r = resolver.resolve(destination, image);
        return r == null || r.href() == null ? destination : r.href();
    }

    static boolean isImage(String path) {
        int dot = path.lastIndexOf('.');
        return dot > 0 && !path.contains("://") || dot > 0 && path.matches("https?://.*")
                ? IMAGE_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT)) : false;
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&#34;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
