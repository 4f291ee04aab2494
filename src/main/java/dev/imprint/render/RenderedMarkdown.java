package dev.imprint.render;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Result of rendering one note. A value like a record; its HTML and text may also come from a file a build saved
 * ({@link #kept}), read when first asked for: a cold build plans the whole site but renders a few pages, and plans
 * from everything else.
 *
 * @param title    text of the first level-1 heading, or null if none (only taken out of the body when takeTitle=true)
 * @param html     body HTML fragment
 * @param headings all headings in the body (level 1..6), in document order, with the ids used in html
 * @param links    every link/image destination as written in the source, document order (for a link graph)
 * @param text     plain text of the body (for the search index), whitespace collapsed
 * @param summary  plain text of the first paragraph, max ~300 chars cut at a word boundary with "…", "" if none
 * @param hasCode  a fenced/indented code block is present
 * @param hasMath  "$...$" or "$$...$$" math present (heuristic, outside code)
 * @param tags     inline {@code #tag} names (without '#'), distinct, in order of first appearance
 */
public final class RenderedMarkdown {
    private final String title;
    /** The HTML, or where to read it (a {@link Supplier}, from a saved analysis). */
    private final Object html;
    private final List<Heading> headings;
    private final List<String> links;
    private final Object text;
    private final String summary;
    private final boolean hasCode;
    private final boolean hasMath;
    private final List<String> tags;

    public RenderedMarkdown(String title, String html, List<Heading> headings, List<String> links, String text,
                            String summary, boolean hasCode, boolean hasMath, List<String> tags) {
        this(title, (Object) html, headings, links, (Object) text, summary, hasCode, hasMath, tags);
    }

    private RenderedMarkdown(String title, Object html, List<Heading> headings, List<String> links, Object text,
                             String summary, boolean hasCode, boolean hasMath, List<String> tags) {
        this.title = title;
        this.html = html;
        this.headings = List.copyOf(headings);
        this.links = List.copyOf(links);
        this.text = text;
        this.summary = summary;
        this.hasCode = hasCode;
        this.hasMath = hasMath;
        this.tags = List.copyOf(tags);
    }

    /**
     * A rendering kept from an earlier build, its HTML and text read by the suppliers whenever asked for (they are
     * not remembered: a page is rendered once, and most of a site's never are in an incremental build).
     */
    public static RenderedMarkdown kept(String title, Supplier<String> html, List<Heading> headings,
                                        List<String> links, Supplier<String> text, String summary, boolean hasCode,
                                        boolean hasMath, List<String> tags) {
        return new RenderedMarkdown(title, (Object) html, headings, links, (Object) text, summary, hasCode, hasMath,
                tags);
    }

    public String title() {
        return title;
    }

    public String html() {
        return value(html);
    }

    public List<Heading> headings() {
        return headings;
    }

    public List<String> links() {
        return links;
    }

    public String text() {
        return value(text);
    }

    public String summary() {
        return summary;
    }

    public boolean hasCode() {
        return hasCode;
    }

    public boolean hasMath() {
        return hasMath;
    }

    public List<String> tags() {
        return tags;
    }

    private static String value(Object o) {
        return o instanceof Supplier<?> s ? (String) s.get() : (String) o;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RenderedMarkdown r && Objects.equals(title, r.title) && Objects.equals(html(), r.html())
                && headings.equals(r.headings) && links.equals(r.links) && Objects.equals(text(), r.text())
                && Objects.equals(summary, r.summary) && hasCode == r.hasCode && hasMath == r.hasMath
                && tags.equals(r.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, html(), headings, links, text(), summary, hasCode, hasMath, tags);
    }

    @Override
    public String toString() {
        return "RenderedMarkdown[title=" + title + ", html=" + html() + ", headings=" + headings + ", links=" + links
                + ", text=" + text() + ", summary=" + summary + ", hasCode=" + hasCode + ", hasMath=" + hasMath
                + ", tags=" + tags + "]";
    }
}
