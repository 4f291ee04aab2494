package dev.imprint.site;

import dev.imprint.render.ParsedNote;
import dev.imprint.source.SourceFile;

/**
 * The Markdown shown above a generated list: the home page's README/index.md, a section's _index.md. Equal when the
 * file is and the parse is the very same ({@link ParsedNote} compares by identity).
 */
public record Intro(SourceFile file, ParsedNote parsed) {
}
