package dev.imprint.emit;

import org.jsoup.parser.Parser;

import dev.imprint.site.UrlSchemes;

/**
 * Tells, in one pass over a page's characters and without parsing it, that no attribute of the page can hold a URL
 * {@link SafeUrls} would refuse; almost every page is told so, and skips the parse.
 *
 * <p>Why a "no" is safe. A refused URL has a scheme, so its decoded value has a colon (a literal {@code :} or a
 * reference: {@code &colon;}, {@code &#58;}, {@code &#x3a;}, the only three) right after the scheme. In the source,
 * the scheme is a run of characters that can only be scheme characters, tabs and newlines (which the URL parser
 * drops) or character references ({@code &}, {@code #}, {@code ;}, letters and digits): the run before the colon.
 * A value (or a refresh's URL) starts after a quote, an {@code =}, a {@code ,} or a space, none of them in a run,
 * so its scheme is that whole run, decoded, or it has none ({@link UrlSchemes#scheme} of the run says which); when
 * the run follows any other character, that character is in the URL before the colon and the URL has no scheme
 * there. A refresh's URL may also start after a {@code ;} or a newline inside the run, so those suffixes are read
 * too. And a
 * colon inside a start tag's attribute has an {@code <} after the last {@code >} before it (the tag's own), or, when
 * a quoted value before it holds that {@code >}, that value's closing quote and then the {@code =} of the colon's
 * own attribute. (A {@code >} cannot come earlier in the same value and leave a scheme at its start.) That holds for
 * every attribute with one URL, and for a refresh's {@code content} (a {@code >} before its URL is no refresh).
 * Attributes whose later URLs follow other text in the same value ({@code srcset}, {@code ping}, SVG's
 * {@code values}) and {@code srcdoc}, which holds a whole page, send the page to the parser whenever they appear.
 *
 * <p>So a page is parsed only when a colon follows a run whose scheme is not allowed everywhere (data: included,
 * which images may use) in a place a tag may be, or when one of those attributes appears.
 */
final class UrlPrefilter {
    /** A longer run is sent to the parser rather than looked at: nothing hides behind an absurd length. */
    private static final int MAX_RUN = 512;

    private UrlPrefilter() {
    }

    /**
     * False when no attribute of {@code html} can hold a URL {@code schemes} refuses; true when the parser must say.
     * It jumps from one '=', ':' or '&amp;' to the next ({@code indexOf} is vectorised) and looks back from each only
     * as far as the tag it may be in, so the cost follows those characters, not the page's length.
     */
    static boolean mayRefuse(String html, UrlSchemes schemes) {
        for (int eq = html.indexOf('='); eq >= 0; eq = html.indexOf('=', eq + 1)) {
            if (listAttributeBefore(html, eq)) {
                return true;
            }
        }
        for (int colon = html.indexOf(':'); colon >= 0; colon = html.indexOf(':', colon + 1)) {
            if (inTag(html, colon) && refusedRunBefore(html, colon, schemes)) {
                return true;
            }
        }
        for (int amp = html.indexOf('&'); amp >= 0; amp = html.indexOf('&', amp + 1)) {
            if (isColonReference(html, amp) && inTag(html, amp) && refusedRunBefore(html, amp, schemes)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code i} may be inside a start tag: the last '&lt;' before it comes after the last '&gt;', or a quote
     * follows that '&gt;' and an '=' follows the quote, both before {@code i} (the '&gt;' was inside a quoted value).
     */
    private static boolean inTag(String html, int i) {
        int tagEnd = html.lastIndexOf('>', i);
        if (html.lastIndexOf('<', i) > tagEnd) {
            return true;
        }
        int quote = firstQuote(html, tagEnd + 1, i);
        if (quote < 0) {
            return false;
        }
        int eq = html.indexOf('=', quote);
        return eq >= 0 && eq < i;
    }

    /** The first quote (either kind) in {@code [from, to)}, or -1. */
    private static int firstQuote(String html, int from, int to) {
        int dq = html.indexOf('"', from);
        int sq = html.indexOf('\'', from);
        int q = dq < 0 ? sq : sq < 0 ? dq : Math.min(dq, sq);
        return q >= 0 && q < to ? q : -1;
    }

    /**
     * True when a scheme the run of characters before {@code colon} spells is not one every URL may use: the run's
     * whole, or what follows a {@code ;}, tab or newline in it (where a refresh's URL may start: {@code 5;url}).
     */
    private static boolean refusedRunBefore(String html, int colon, UrlSchemes schemes) {
        int start = colon;
        while (start > 0 && isRunChar(html.charAt(start - 1))) {
            start--;
            if (colon - start > MAX_RUN) {
                return true;
            }
        }
        // a URL starts after a quote, '=', ',' or a space (a control character the URL parser strips counts as one);
        // after anything else the run is part of a URL whose scheme came before (the "a" of https://x/a:b)
        boolean wholeRun = start == 0 || isValueStartAfter(html.charAt(start - 1));
        for (int from = start; from < colon; from++) {
            if (from == start ? wholeRun : isUrlStartAfter(html.charAt(from - 1))) {
                String run = html.substring(from, colon);
                if (run.indexOf('&') >= 0) {
                    run = Parser.unescapeEntities(run, true);
                }
                String scheme = UrlSchemes.scheme(run + ":");
                if (scheme != null && !schemes.allows(scheme)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isValueStartAfter(char c) {
        return c == '"' || c == '\'' || c == '=' || c == ',' || c <= ' ';
    }

    private static boolean isUrlStartAfter(char c) {
        return c == ';' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Scheme characters, tab and newlines (dropped by the URL parser), and what character references are made of. */
    private static boolean isRunChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-'
                || c == '.' || c == '&' || c == '#' || c == ';' || c == '\t' || c == '\n' || c == '\r';
    }

    /** {@code &colon;}, or {@code &#58} / {@code &#x3a} with any leading zeros (the semicolon is optional). */
    static boolean isColonReference(String html, int amp) {
        if (html.startsWith("&colon;", amp)) {
            return true;
        }
        int i = amp + 1;
        if (i >= html.length() || html.charAt(i) != '#') {
            return false;
        }
        i++;
        boolean hex = i < html.length() && (html.charAt(i) == 'x' || html.charAt(i) == 'X');
        if (hex) {
            i++;
        }
        while (i < html.length() && html.charAt(i) == '0') {
            i++;
        }
        String digits = hex ? "3a" : "58";
        if (!html.regionMatches(true, i, digits, 0, 2)) {
            return false;
        }
        i += 2;
        if (i >= html.length()) {
            return true;
        }
        char next = html.charAt(i);
        boolean more = next >= '0' && next <= '9' || hex && (next >= 'a' && next <= 'f' || next >= 'A' && next <= 'F');
        return !more;
    }

    private static final String[] LIST_ATTRIBUTES = {"srcset", "ping", "values", "srcdoc"};

    /** True when the attribute name before the {@code =} at {@code eq} ends like one whose URLs follow other text. */
    private static boolean listAttributeBefore(String html, int eq) {
        int end = eq;
        while (end > 0 && isSpace(html.charAt(end - 1))) {
            end--;
        }
        for (String name : LIST_ATTRIBUTES) {
            int start = end - name.length();
            if (start >= 0 && html.regionMatches(true, start, name, 0, name.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }
}
