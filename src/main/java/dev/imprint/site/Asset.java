package dev.imprint.site;

import dev.imprint.source.SourceFile;

/** A non-note file, published as it is at {@code path}. */
public record Asset(SourceFile file, String path) {
}
