package dev.imprint.source;

import java.util.Locale;

import org.eclipse.jgit.lib.ObjectId;

/**
 * One file of the notes repository at a commit.
 *
 * @param path repository-relative path
 * @param contentPath path relative to the content root (what URLs are made from)
 * @param blob the blob id: two files with the same id have the same bytes
 */
public record SourceFile(String path, String contentPath, ObjectId blob) {
    public boolean isNote() {
        return isNotePath(path);
    }

    public static boolean isNotePath(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".md") || p.endsWith(".markdown");
    }
}
