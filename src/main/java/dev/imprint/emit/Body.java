package dev.imprint.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import dev.imprint.render.ParsedNote;
import dev.imprint.site.Link;
import dev.imprint.site.Note;
import dev.imprint.site.Urls;

/**
 * A note body as it appears on one page: the cached rendering with its links resolved for that page and its
 * embeds ({@code ![[Note]]}) expanded. Its fingerprint is the blob plus the resolved links and embedded bodies,
 * so the HTML is only produced when the page is rendered (templates print it through {@link #toString()}).
 *
 * <p>Identity equality: bodies are compared through their fingerprint ({@link Fingerprint#add}), never directly.
 */
public final class Body {
    private static final String MARKER = ParsedNote.PLACEHOLDER_PREFIX;

    private final String blob;
    private final ParsedNote parsed;
    private final List<Link> links;
    /** Bodies of embedded notes by link index; a null value marks an embed that would loop. */
    private final Map<Integer, Body> embeds;
    private final String pagePath;

    Body(String blob, ParsedNote parsed, List<Link> links, Map<Integer, Body> embeds, String pagePath) {
        this.blob = blob;
        this.parsed = parsed;
        this.links = links;
        this.embeds = embeds;
        this.pagePath = pagePath;
    }

    /** The notes whose bodies this one shows through embeds, at any depth: a page showing it reads them too. */
    List<Note> embedded() {
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            if (link.embed() && link.target() != null) {
                notes.add(link.target());
                Body inner = embeds.get(i);
                if (inner != null) {
                    notes.addAll(inner.embedded());
                }
            }
        }
        return notes;
    }

    void fingerprintInto(Fingerprint f) {
        f.add(blob);
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            f.add(link.href());
            f.add(link.broken());
            f.add(link.broken() ? link.reason() : null); // shown in the broken link's title
            f.add(link.neutralised());
            if (link.embed()) {
                f.add(link.target() == null ? null : link.target().title());
                f.add(link.target() == null ? null : link.target().path());
                f.add(link.headingId());
                Body embedded = embeds.get(i);
                if (embedded == null) {
                    f.add("cycle");
                } else {
                    f.add(embedded);
                }
            }
        }
    }

    public String html() {
        String html = parsed.markdown().html();
        if (links.isEmpty()) {
            return html;
        }
        html = expandEmbeds(html);
        StringBuilder out = new StringBuilder(html.length() + 64);
        int pos = 0;
        while (true) {
            int at = html.indexOf(MARKER, pos);
            if (at < 0) {
                break;
            }
            int end = html.indexOf("__", at + MARKER.length());
            int index = end < 0 ? -1 : parseIndex(html, at + MARKER.length(), end);
            if (index < 0 || index >= links.size()) {
                out.append(html, pos, at + MARKER.length());
                pos = at + MARKER.length();
                continue;
            }
            Link link = links.get(index);
            out.append(html, pos, at);
            pos = end + 2;
            if (link.neutralised()) {
                pos = dropAttribute(out, html, pos);
                continue;
            }
            out.append(escapeAttribute(link.href()));
            if (link.broken() && pos < html.length() && html.charAt(pos) == '"') {
                // the placeholder sat inside href="…" or src="…": mark the element, joining its class if it has one
                out.append('"');
                pos++;
                out.append(" title=\"Broken link: ").append(escapeAttribute(link.reason())).append('"');
                int tagStart = out.lastIndexOf("<");
                int tagEnd = html.indexOf('>', pos);
                int classBefore = out.indexOf(" class=\"", tagStart);
                int classAfter = tagEnd < 0 ? -1 : html.indexOf(" class=\"", pos);
                if (classBefore >= 0) {
                    out.insert(classBefore + 8, "broken ");
                } else if (classAfter >= 0 && classAfter < tagEnd) {
                    out.append(html, pos, classAfter + 8).append("broken ");
                    pos = classAfter + 8;
                } else {
                    out.append(" class=\"broken\"");
                }
            }
        }
        out.append(html, pos, html.length());
        return out.toString();
    }

    /**
     * For a link no page may carry, in place of its placeholder: the {@code href="…"} or {@code src="…"} around it
     * goes, so the element is text (an {@code <a>} without href) or no image at all. A placeholder anywhere else
     * (never written by the Markdown stage) becomes {@code #}. Returns where to go on in {@code html}.
     */
    private static int dropAttribute(StringBuilder out, String html, int pos) {
        int name = out.length() - 2;
        if (name > 0 && out.charAt(name) == '=' && out.charAt(name + 1) == '"' && pos < html.length() && html.charAt(pos) == '"') {
            int start = name;
            while (start > 0 && isNameChar(out.charAt(start - 1))) {
                start--;
            }
            if (start < name && start > 0 && out.charAt(start - 1) == ' ') {
                out.setLength(start - 1);
                return pos + 1;
            }
        }
        out.append('#');
        return pos;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == ':';
    }

    /** Replaces each embed marker the Markdown stage left with the embedded note (or its section). */
    private String expandEmbeds(String html) {
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            String marker = "<div class=\"imprint-embed\" data-embed=\"" + MARKER + i + "__\"></div>";
            if (!html.contains(marker)) {
                continue;
            }
            html = html.replace(marker, embedHtml(link, embeds.get(i), parsed.destinations().get(i)));
        }
        return html;
    }

    /** What an embed shows; {@code written} is its destination as written, {@code ![[name]]}. */
    private String embedHtml(Link link, Body embedded, String written) {
        Note target = link.target();
        if (!link.broken() && !link.neutralised() && target == null) {
            String name = written.substring(3, written.length() - 2).replaceFirst("#.*", "");
            name = name.substring(name.lastIndexOf('/') + 1);
            return "<a class=\"embed-file\" href=\"" + escapeAttribute(link.href()) + "\">" + escapeText(name) + "</a>";
        }
        if (link.broken() || target == null) {
            return "<div class=\"embed embed-broken\">Nothing to embed: " + escapeText(link.href()) + "</div>";
        }
        String title = escapeText(target.title());
        String href = escapeAttribute(Urls.relative(pagePath, target.path()));
        if (embedded == null) {
            return "<div class=\"embed embed-cycle\">\u21bb \u201c" + title + "\u201d is not embedded again here: it would embed itself.</div>";
        }
        String content = embedded.html();
        if (link.headingId() != null && !link.headingId().isEmpty()) {
            content = section(content, link.headingId());
        }
        return "<div class=\"embed\"><p class=\"embed-title\"><a href=\"" + href + "\">" + title + "</a></p>" + content + "</div>";
    }

    /** The heading with this id and what follows it up to the next heading of the same or a higher level. */
    static String section(String html, String id) {
        Document doc = Jsoup.parseBodyFragment(html);
        doc.outputSettings().prettyPrint(false);
        Element heading = doc.getElementById(id);
        if (heading == null || !heading.normalName().matches("h[1-6]")) {
            return html;
        }
        int level = heading.normalName().charAt(1) - '0';
        StringBuilder sb = new StringBuilder(heading.outerHtml());
        for (Element e = heading.nextElementSibling(); e != null; e = e.nextElementSibling()) {
            if (e.normalName().matches("h[1-6]") && e.normalName().charAt(1) - '0' <= level) {
                break;
            }
            sb.append(e.outerHtml());
        }
        return sb.toString();
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
        return s == null ? "" : s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String escapeText(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString() {
        return html();
    }
}
