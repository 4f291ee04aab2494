package dev.imprint.render;

/**
 * A heading of a rendered note.
 *
 * @param level 1..6
 * @param id    the {@code id} attribute emitted for this heading in the HTML ("" if the heading has no text)
 * @param text  plain text of the heading
 */
public record Heading(int level, String id, String text) {}
