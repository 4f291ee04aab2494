package dev.imprint.render;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.imprint.source.FrontMatter;

/**
 * What one note blob says on its own, before the site is known: front matter, the rendered body with link
 * placeholders, the destinations it links to, and any problem with the file. Depends only on the blob's bytes
 * (and the raw-HTML setting), so it is cached by blob id.
 *
 * @param destinations link and image destinations as written; placeholder {@code i} in {@code markdown.html()}
 *                     stands for {@code destinations.get(i)}
 * @param images the indexes of the destinations that are image sources ({@code ![alt](src)}, {@code ![[pic.png]]});
 *               a destination written both as a link and as an image has an index for each
 * @param ids the Org {@code :ID:} properties the note defines → the id of the heading that carries it, or "" for the
 *            whole note (org-roam's {@code [[id:…]]} links); empty for Markdown
 * @param problems specific, human-readable problems with the file (empty when fine)
 */
public record ParsedNote(FrontMatter frontMatter, RenderedMarkdown markdown, List<String> destinations,
                         Set<Integer> images, Map<String, String> ids, List<String> problems,
                         boolean renderable) {

    /** What every placeholder starts with: {@code __imprint_link_<i>__}. */
    public static final String PLACEHOLDER_PREFIX = "__imprint_link_";

    /** The text standing in the HTML for destination {@code i} until the site resolves it. */
    public static String placeholder(int i) {
        return PLACEHOLDER_PREFIX + i + "__";
    }

    /** True when destination {@code i} is an image's source: the one place a {@code data:} URL may go. */
    public boolean image(int i) {
        return images.contains(i);
    }

    /** Identity: every instance is one note of one build; comparing contents would be slow and never needed. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
