package dev.imprint.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.imprint.source.FrontMatter;

/**
 * An Org note as a Markdown note would be: its keywords as front matter and its rendered body.
 *
 * @param ids      each {@code :ID:} property the note defines → the anchor id of the headline carrying it in the
 *                 HTML, or "" for the file-level property drawer before the first headline (org-roam's note id)
 * @param problems human-readable sentences about what the note got wrong (e.g. a link to a headline it lacks)
 */
public record OrgRendering(FrontMatter frontMatter, RenderedMarkdown markdown, Map<String, String> ids,
        List<String> problems) {

    public OrgRendering {
        ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids)); // in file order
        problems = List.copyOf(problems);
    }

    /** A rendering that defines no ids and has no problems. */
    public OrgRendering(FrontMatter frontMatter, RenderedMarkdown markdown) {
        this(frontMatter, markdown, Map.of(), List.of());
    }
}
