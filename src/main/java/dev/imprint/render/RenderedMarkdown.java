package dev.imprint.render;

import java.util.List;

/**
 * Result of rendering one note.
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
public record RenderedMarkdown(
        String title,
        String html,
        List<Heading> headings,
        List<String> links,
        String text,
        String summary,
        boolean hasCode,
        boolean hasMath,
        List<String> tags) {

    public RenderedMarkdown {
        headings = List.copyOf(headings);
        links = List.copyOf(links);
        tags = List.copyOf(tags);
    }
}
