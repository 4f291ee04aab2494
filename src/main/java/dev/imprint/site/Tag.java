package dev.imprint.site;

import java.util.List;

/** A tag with its page and its notes, newest first. Value equality; its notes compare by identity ({@link Note}). */
public record Tag(String name, String slug, String path, List<Note> notes) {
}
