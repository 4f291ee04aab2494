package dev.imprint.review;

import java.util.ArrayList;
import java.util.List;

/**
 * What a change does to the generated site, page by page: the one record the review page, the forge comment and the
 * commit status are all rendered from. Paths are output paths relative to the site's root ({@code s/b/index.html});
 * every list is sorted by path.
 *
 * @param label the change, as the preview's banner names it ("#7")
 * @param baseCommit the commit the change is compared with (the merge base with the base branch)
 * @param headCommit the change's commit
 * @param textChanged pages whose own text (a note's title and body, a list's heading and intro) changed
 * @param navigationOnly pages where only navigation, lists or backlinks changed
 * @param introduced warnings and broken links the change brings in
 * @param fixed warnings and broken links the change makes go away
 */
public record ReviewReport(String label, String baseCommit, String headCommit, List<Page> added, List<Page> removed,
                           List<Renamed> renamed, List<Modified> textChanged, List<Page> navigationOnly,
                           List<Finding> introduced, List<Finding> fixed) {

    /** A generated page and the repository file it is made from (null for pages made from the whole site). */
    public record Page(String path, String source) {
    }

    /**
     * A page that moved: {@code how} is {@link #SOURCE_RENAMED} when Git says its file was renamed, or
     * {@link #SAME_TEXT} when a page went and one with the same text came at another URL.
     */
    public record Renamed(Page from, Page to, String how) {
        public static final String SOURCE_RENAMED = "source renamed";
        public static final String SAME_TEXT = "same text, new URL";
    }

    /** A page whose own text changed, with the word diff of that text. */
    public record Modified(Page page, List<WordDiff.Run> diff) {
    }

    /** A warning or a broken link, naming the repository file it is about. */
    public record Finding(Kind kind, String file, String message) {
        public enum Kind { BROKEN_LINK, WARNING }
    }

    /** How many pages the change touches in any way. */
    public int pagesChanged() {
        return added.size() + removed.size() + renamed.size() + textChanged.size() + navigationOnly.size();
    }

    public long newBrokenLinks() {
        return introduced.stream().filter(f -> f.kind() == Finding.Kind.BROKEN_LINK).count();
    }

    /** One line for a commit status (at most 140 characters): "3 pages changed, 1 added, 1 new broken link". */
    public String summary() {
        List<String> parts = new ArrayList<>();
        int modified = textChanged.size() + navigationOnly.size();
        if (modified > 0) {
            parts.add(count(modified, "page") + " changed");
        }
        if (!added.isEmpty()) {
            parts.add(added.size() + " added");
        }
        if (!removed.isEmpty()) {
            parts.add(removed.size() + " removed");
        }
        if (!renamed.isEmpty()) {
            parts.add(renamed.size() + " renamed");
        }
        long broken = newBrokenLinks();
        if (broken > 0) {
            parts.add(count(broken, "new broken link"));
        }
        long warnings = introduced.size() - broken;
        if (warnings > 0) {
            parts.add(count(warnings, "new warning"));
        }
        String line = parts.isEmpty() ? "no page changed" : String.join(", ", parts);
        return line.length() <= 140 ? line : line.substring(0, 139) + "…";
    }

    static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
