package dev.imprint.site;

import java.util.List;

/** A tag with its page and its notes, newest first. */
public record Tag(String name, String slug, String path, List<Note> notes) {
}
