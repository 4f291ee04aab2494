package dev.imprint.review;

/**
 * Where a review's entries link to: the preview's pages (at the preview's URL) and their source files on the forge.
 *
 * @param preview the preview's root URL, ending in '/', absolute for a forge comment or relative for the review page
 * @param source the forge's URL of the head's files ending in '/' ({@code https://github.com/o/r/blob/<sha>/}), or
 *               null when no forge is known
 * @param proposal true for a proposed publish: {@code preview} is then the live site, and there is no review page
 */
public record ReviewLinks(String preview, String source, boolean proposal) {
    /** Links into a preview, which has a review page. */
    public ReviewLinks(String preview, String source) {
        this(preview, source, false);
    }

    String page(String path) {
        return preview + Html.pretty(path);
    }

    String sourceOf(String repositoryPath) {
        return source == null || repositoryPath == null ? null : source + repositoryPath;
    }

    /** The review page, or null for a proposal (its pull request's description is its review). */
    String reviewPage() {
        return proposal ? null : preview + "_review/";
    }

    /** A page as a link to it (and to its source file when known); for a comment the text escaped for Markdown. */
    String item(ReviewReport.Page p, boolean markdown) {
        String name = Html.pretty(p.path());
        name = name.isEmpty() ? "/" : name;
        String s = "<a href=\"" + Html.escape(page(p.path())) + "\"><code>"
                + (markdown ? Html.markdown(name) : Html.escape(name)) + "</code></a>";
        String source = sourceOf(p.source());
        return source == null ? s : s + " · <a href=\"" + Html.escape(source) + "\">source</a>";
    }
}
