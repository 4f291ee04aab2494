package dev.imprint.site;

import java.util.List;

/**
 * A first-level folder of the content root: its index page, its feed and its notes, newest first. Value equality;
 * its notes (and its intro's parse) compare by identity, which is what "the same section" means within a build.
 */
public record Section(String name, String title, String path, String feedPath, Intro intro, List<Note> notes) {
}
