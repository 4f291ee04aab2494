package dev.imprint.source;

import java.util.regex.Pattern;

import org.eclipse.jgit.lib.ObjectId;

/**
 * One file of the notes repository at a commit.
 *
 * @param path repository-relative path
 * @param contentPath path relative to the content root (what URLs are made from)
 * @param blob the blob id: two files with the same id have the same bytes
 */
public record SourceFile(String path, String contentPath, ObjectId blob) {
    /** A note's file name ending: Markdown ({@code .md}, {@code .markdown}) or Org mode ({@code .org}). */
    public static final Pattern NOTE_EXTENSION = Pattern.compile("\\.(md|markdown|org)$", Pattern.CASE_INSENSITIVE);

    public boolean isNote() {
        return isNotePath(path);
    }

    /** True for an Org mode note; every other note is Markdown. */
    public boolean isOrg() {
        return isOrgPath(path);
    }

    public static boolean isNotePath(String path) {
        return NOTE_EXTENSION.matcher(path).find();
    }

    public static boolean isOrgPath(String path) {
        return path.regionMatches(true, path.length() - 4, ".org", 0, 4);
    }

    /** The path without its note extension: {@code a/b.org} → {@code a/b}. */
    public static String stem(String path) {
        return NOTE_EXTENSION.matcher(path).replaceFirst("");
    }
}
