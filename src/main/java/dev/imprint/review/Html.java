package dev.imprint.review;

import java.util.List;

/** Escaping for the review's HTML and for the HTML inside a forge comment's Markdown. */
final class Html {
    private Html() {
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Text for a forge comment's Markdown: HTML-escaped, and Markdown's punctuation escaped too, so a note's text or a
     * link it names can never become a link, an image or markup in the comment.
     */
    static String markdown(String s) {
        String html = escape(s);
        StringBuilder sb = new StringBuilder(html.length() + 8);
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if ("\\`*_{}[]()#+-.!|~<>".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** A warning or broken link as one line of HTML (escaped for Markdown too, for a comment). */
    static String finding(ReviewReport.Finding f, boolean markdown) {
        return (f.kind() == ReviewReport.Finding.Kind.BROKEN_LINK ? "broken link in " : "") + "<code>"
                + (markdown ? markdown(f.file()) : escape(f.file())) + "</code>: "
                + (markdown ? markdown(f.message()) : escape(f.message()));
    }

    /** A page's URL path: its folder for an index.html ({@code s/b/}), else the file. */
    static String pretty(String path) {
        return path.equals("index.html") ? "" : path.endsWith("/index.html") ? path.substring(0, path.length() - 10)
                : path;
    }

    /**
     * A word diff as HTML: removed words in {@code <del>}, added in {@code <ins>}, cut at {@code most} characters;
     * for a forge comment ({@code markdown}) the words are escaped as {@link #markdown} does.
     */
    static String diff(List<WordDiff.Run> runs, int most, boolean markdown) {
        StringBuilder sb = new StringBuilder();
        for (WordDiff.Run run : runs) {
            if (sb.length() > most) {
                sb.append(" …");
                break;
            }
            String text = markdown ? markdown(run.text()) : escape(run.text());
            switch (run.kind()) {
                case SAME, ELIDED -> sb.append(text);
                case REMOVED -> sb.append("<del>").append(text).append("</del>");
                case ADDED -> sb.append("<ins>").append(text).append("</ins>");
            }
            sb.append(' ');
        }
        return sb.toString().strip();
    }
}
