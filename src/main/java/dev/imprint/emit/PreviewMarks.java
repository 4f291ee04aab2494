package dev.imprint.emit;

import java.util.Locale;

import dev.imprint.site.Urls;

/**
 * What makes a preview's page look like one, whatever the templates: {@code noindex} in its head, so search engines
 * leave previews alone, and a banner at the top of its body naming the preview and linking to its review page. The
 * banner names the change, not its commit, so a new push to it re-renders only the pages that push changed.
 */
final class PreviewMarks {
    static final String NOINDEX = "<meta name=\"robots\" content=\"noindex\">";

    private PreviewMarks() {
    }

    /** {@code html} of the page at {@code path}, marked as a page of the preview {@code label}. */
    static String mark(String html, String path, String label) {
        String banner = "<div class=\"imprint-preview\" role=\"note\" style=\"padding:.4em 1em;background:#fff3c4;"
                + "color:#222;font:14px/1.4 sans-serif;border-bottom:1px solid #e0c860\">Preview of "
                + Body.escapeText(label) + " \u2014 <a href=\"" + Urls.root(path) + "_review/\">see what changed</a>"
                + "</div>";
        String lower = html.toLowerCase(Locale.ROOT);
        int head = tagEnd(lower, "<head");
        int body = tagEnd(lower, "<body");
        if (head < 0 || body < 0 || body < head) {
            return NOINDEX + banner + html; // not a whole page: marked all the same
        }
        return html.substring(0, head) + NOINDEX + html.substring(head, body) + banner + html.substring(body);
    }

    /** Just past the first {@code <tag ...>} (the tag, not a longer name such as {@code <header>}), or -1. */
    private static int tagEnd(String lower, String tag) {
        int from = 0;
        while (true) {
            int at = lower.indexOf(tag, from);
            if (at < 0) {
                return -1;
            }
            int after = at + tag.length();
            if (after < lower.length() && (lower.charAt(after) == '>' || Character.isWhitespace(lower.charAt(after)))) {
                int end = lower.indexOf('>', after);
                return end < 0 ? -1 : end + 1;
            }
            from = after;
        }
    }
}
