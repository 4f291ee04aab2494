package dev.imprint.site;

import java.util.List;

/**
 * A tag with its page and its notes, newest first. Value equality; its notes compare by identity ({@link Note}).
 *
 * @param intro Hugo's term page, {@code tags/<tag>/_index.md|org}: its title names the tag, its body opens the
 *              tag's page; or null
 */
public record Tag(String name, String slug, String path, List<Note> notes, Intro intro) {
}
