package dev.imprint.emit;

import java.util.List;

import dev.imprint.render.ParsedNote;
import dev.imprint.site.Link;

/**
 * A note body as it appears on one page: the cached rendering with its links resolved for that page. Its
 * fingerprint is the blob plus the resolved links (with a broken link's reason, which the page shows), so the HTML is only produced when the page is rendered
 * (templates print it through {@link #toString()}).
 */
public final class Body {
    private final String blob;
    private final ParsedNote parsed;
    private final List<Link> links;

    public Body(String blob, ParsedNote parsed, List<Link> links) {
        this.blob = blob;
        this.parsed = parsed;
        this.links = links;
    }

    void fingerprintInto(Fingerprint f) {
        f.add(blob);
        for (Link link : links) {
            f.add(link.href());
            f.add(link.broken());
            f.add(link.broken() ? link.reason() : null); // shown in the broken link's title
        }
    }

    public String html() {
        String html = parsed.markdown().html();
        if (links.isEmpty()) {
            return html;
        }
        StringBuilder out = new StringBuilder(html.length() + 64);
        int pos = 0;
        String marker = "__imprint_link_";
        while (true) {
            int at = html.indexOf(marker, pos);
            if (at < 0) {
                break;
            }
            int end = html.indexOf("__", at + marker.length());
            int index = end < 0 ? -1 : parseIndex(html, at + marker.length(), end);
            if (index < 0 || index >= links.size()) {
                out.append(html, pos, at + marker.length());
                pos = at + marker.length();
                continue;
            }
            Link link = links.get(index);
            out.append(html, pos, at).append(escapeAttribute(link.href()));
            pos = end + 2;
            if (link.broken()) {
                // the placeholder sits inside href="…" or src="…": close it and mark the element
                int quote = html.indexOf('"', pos);
                if (quote == pos) {
                    out.append("\" class=\"broken\" title=\"Broken link: ").append(escapeAttribute(link.reason())).append('"');
                    pos = quote + 1;
                }
            }
        }
        out.append(html, pos, html.length());
        return out.toString();
    }

    private static int parseIndex(String s, int from, int to) {
        if (to <= from || to - from > 6) {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    static String escapeAttribute(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString() {
        return html();
    }
}
