package dev.imprint.site;

import java.util.List;

/** A first-level folder of the content root: its index page, its feed and its notes, newest first. */
public record Section(String name, String title, String path, String feedPath, Intro intro, List<Note> notes) {
}
