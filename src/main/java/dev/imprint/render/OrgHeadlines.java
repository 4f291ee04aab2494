package dev.imprint.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;

/** Headlines and what hangs under them: the outline, tags and status, property drawers and other drawers. */
final class OrgHeadlines {
    static final Pattern HEADLINE = Pattern.compile("(\\*+)\\s+(.*)");
    private static final Pattern TAGS = Pattern.compile("(.*?)\\s+(:(?:[\\w@#%]+:)+)\\s*");
    private static final Pattern PRIORITY = Pattern.compile("\\[#([A-Z0-9])\\]\\s*(.*)");
    static final Pattern DRAWER = Pattern.compile("\\s*:([\\w-]+):\\s*");
    private static final Pattern PROPERTY = Pattern.compile("\\s*:([^:\\s]+):\\s*(.*)");

    private final OrgDocument doc;
    private final OrgElements elements;
    private int headlineCount;

    OrgHeadlines(OrgDocument doc, OrgElements elements) {
        this.doc = doc;
        this.elements = elements;
    }

    /** The property drawer before the first headline (org-roam's): its {@code :ID:} names the note itself. */
    void fileProperties() {
        for (int i = 0; i < doc.lines.length && !HEADLINE.matcher(doc.lines[i]).matches(); i++) {
            if (doc.lines[i].strip().equalsIgnoreCase(":PROPERTIES:")) {
                for (int j = i + 1; j < doc.lines.length && !doc.lines[j].strip().equalsIgnoreCase(":END:"); j++) {
                    Matcher m = PROPERTY.matcher(doc.lines[j]);
                    if (m.matches() && m.group(1).equalsIgnoreCase("id") && !m.group(2).isBlank()) {
                        doc.ids.putIfAbsent(m.group(2).strip(), "");
                    }
                }
                return;
            }
        }
    }

    /** Headlines deeper than {@code level} and their bodies, up to the next headline of {@code level} or above. */
    void outline(StringBuilder out, int level) {
        while (doc.pos < doc.lines.length) {
            Matcher h = HEADLINE.matcher(doc.lines[doc.pos]);
            if (h.matches()) {
                int stars = h.group(1).length();
                if (stars <= level) {
                    return;
                }
                headline(out, stars, h.group(2));
                continue;
            }
            elements.element(out);
        }
    }

    /** A headline and its section; a COMMENT or excluded one, and all under it, shows nothing. */
    private void headline(StringBuilder out, int stars, String rest) {
        doc.pos++;
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
        if (doc.todo.contains(first)) {
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
        boolean dropped = title.startsWith("COMMENT") || tags.stream().anyMatch(doc.excludeTags::contains);
        if (dropped) { // the whole subtree goes, unread: its links and footnotes are not the note's
            while (doc.pos < doc.lines.length) {
                Matcher next = HEADLINE.matcher(doc.lines[doc.pos]);
                if (next.matches() && next.group(1).length() <= stars) {
                    break;
                }
                doc.pos++;
            }
            return;
        }
        headlineCount++;
        String id = properties.getOrDefault("custom_id", "headline-" + headlineCount);
        int h = Math.min(stars + 1, 6);
        String titleHtml = doc.inline.render(title); // once: a footnote reference counts once
        // a heading holding an in-note link keeps its HTML until document() links it
        doc.headings.add(new Heading(h, id, OrgInNoteLinks.hasPlaceholder(titleHtml) ? titleHtml : text(titleHtml)));
        doc.inNote.headline(id, title);
        String orgId = properties.get("id");
        if (orgId != null && !orgId.isBlank()) {
            doc.ids.putIfAbsent(orgId, id);
        }
        if (doc.off("todo")) {
            status = null;
        }
        if (doc.off("pri")) {
            priority = null;
        }
        if (doc.off("tags")) {
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
        while (doc.pos < doc.lines.length && !HEADLINE.matcher(doc.lines[doc.pos]).matches()) {
            elements.element(body);
        }
        outline(body, stars);
        if (!body.isEmpty()) {
            out.append("<div id=\"outline-text-").append(OrgInline.escape(id)).append("\" class=\"outline-text-")
                    .append(h).append("\">\n").append(body).append("</div>\n");
        }
        out.append("</div>\n");
    }

    /** A headline's HTML as plain text; most titles have no markup, and for them no HTML parse is needed. */
    private static String text(String titleHtml) {
        boolean markup = titleHtml.indexOf('<') >= 0 || titleHtml.indexOf('&') >= 0;
        return PlainText.collapse(markup ? Jsoup.parseBodyFragment(titleHtml).text() : titleHtml);
    }

    /** A property drawer right under a headline: hidden, its keys (lower-cased) kept for ids. */
    private Map<String, String> properties() {
        Map<String, String> out = new LinkedHashMap<>();
        if (doc.pos < doc.lines.length && doc.lines[doc.pos].strip().equalsIgnoreCase(":PROPERTIES:")) {
            int end = doc.pos + 1;
            while (end < doc.lines.length && !doc.lines[end].strip().equalsIgnoreCase(":END:")) {
                end++;
            }
            if (end < doc.lines.length) {
                for (int i = doc.pos + 1; i < end; i++) {
                    Matcher m = PROPERTY.matcher(doc.lines[i]);
                    if (m.matches()) {
                        out.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2).strip());
                    }
                }
                doc.pos = end + 1;
            }
        }
        return out;
    }

    /**
     * A drawer's contents show, as Org and go-org export them, but for properties and the clock log; false when
     * there is no {@code :END:}.
     */
    boolean drawer(StringBuilder out, String name) {
        for (int end = doc.pos + 1; end < doc.lines.length; end++) {
            if (doc.lines[end].strip().equalsIgnoreCase(":END:")) {
                if (!name.equalsIgnoreCase("PROPERTIES") && !name.equalsIgnoreCase("LOGBOOK")) {
                    out.append(elements.blocksOf(List.of(doc.lines).subList(doc.pos + 1, end)));
                }
                doc.pos = end + 1;
                return true;
            }
            if (HEADLINE.matcher(doc.lines[end]).matches()) {
                return false;
            }
        }
        return false;
    }
}
