package dev.imprint.review;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * The review as one forge comment (GitHub-flavoured Markdown with HTML details), found again by {@link #MARKER}
 * and edited in place on every push. It stays within what forges accept whatever the change: it is rendered with
 * less detail (fewer diffs, then fewer entries per group) until it fits {@link #MOST_CHARS} and {@link #MOST_BYTES},
 * and points to the review page for the rest.
 */
public final class ReviewComment {
    /** The hidden line that identifies Imprint's comment on a pull request. */
    public static final String MARKER = "<!-- imprint-review -->";
    /** GitHub refuses comment bodies over 65,536 characters; some proxies count bytes. */
    static final int MOST_CHARS = 60_000;
    static final int MOST_BYTES = 250_000;
    /** Entries shown per group before the rest folds into a details element. */
    static final int SHOWN = 10;

    private ReviewComment() {
    }

    /** The comment for {@code report}, its links from {@code links}, its heading naming {@code headShort}. */
    public static String of(ReviewReport report, ReviewLinks links) {
        // from most to least detail: diff characters per page, entries per group
        int[][] levels = {{1_500, Integer.MAX_VALUE}, {300, 200}, {0, 100}, {0, 25}, {0, 0}};
        String body = null;
        for (int[] level : levels) {
            body = render(report, links, level[0], level[1]);
            if (body.length() <= MOST_CHARS && body.getBytes(StandardCharsets.UTF_8).length <= MOST_BYTES) {
                return body;
            }
        }
        return body;
    }

    /** The comment once the pull request is closed and its preview removed. */
    public static String closed(String label, boolean merged) {
        return MARKER + "\n### Preview of " + Html.markdown(label) + "\n\nThe pull request was "
                + (merged ? "merged" : "closed") + "; its preview has been removed.\n";
    }

    private static String render(ReviewReport r, ReviewLinks links, int diffChars, int entries) {
        StringBuilder md = new StringBuilder(MARKER).append('\n');
        md.append(links.proposal() ? "### Review of " : "### Preview of ").append(Html.markdown(r.label()))
                .append(" at `").append(shortId(r.headCommit()))
                .append("`\n\n");
        md.append("**").append(r.summary()).append("**");
        if (links.proposal()) {
            md.append(" · compared with [the live site](").append(links.preview()).append(")\n");
        } else {
            md.append(" · [open the preview](").append(links.preview()).append(") · [review page](")
                    .append(links.reviewPage()).append(")\n");
        }
        boolean cut = false;
        cut |= group(md, "Text changed", r.textChanged(), entries, m -> links.item(m.page(), true)
                + (diffChars > 0 && !m.diff().isEmpty() ? " <details><summary>diff</summary>" + Html.diff(m.diff(), diffChars, true)
                + "</details>" : ""));
        cut |= group(md, "Added", r.added(), entries, p -> links.item(p, true));
        cut |= group(md, "Removed", r.removed(), entries, p -> "<code>" + Html.markdown(Html.pretty(p.path()))
                + "</code>");
        cut |= group(md, "Renamed", r.renamed(), entries, x -> "<code>" + Html.markdown(Html.pretty(x.from().path()))
                + "</code> → " + links.item(x.to(), true) + " (" + x.how() + ")");
        if (!r.navigationOnly().isEmpty()) {
            md.append("\n<details><summary>Only navigation, lists or backlinks changed: ")
                    .append(ReviewReport.count(r.navigationOnly().size(), "page")).append("</summary>\n\n");
            cut |= list(md, r.navigationOnly(), entries, p -> links.item(p, true));
            md.append("</details>\n");
        }
        cut |= group(md, "New broken links and warnings", r.introduced(), entries, f -> Html.finding(f, true));
        cut |= group(md, "Fixed broken links and warnings", r.fixed(), entries, f -> Html.finding(f, true));
        if (links.reviewPage() != null && (cut || diffChars < 1_500 && !r.textChanged().isEmpty())) {
            md.append("\nThe [review page](").append(links.reviewPage()).append(") lists every page, with every diff.\n");
        }
        return md.toString();
    }

    /** A heading and the entries; true when some were left out for space. */
    private static <T> boolean group(StringBuilder md, String title, List<T> items, int entries, Function<T, String> line) {
        if (items.isEmpty()) {
            return false;
        }
        md.append("\n#### ").append(title).append(" (").append(items.size()).append(")\n\n");
        return list(md, items, entries, line);
    }

    private static <T> boolean list(StringBuilder md, List<T> items, int entries, Function<T, String> line) {
        int shown = Math.min(items.size(), entries);
        for (int i = 0; i < shown; i++) {
            if (i == SHOWN && shown > SHOWN) {
                md.append("\n<details><summary>").append(shown - SHOWN).append(" more</summary>\n\n");
            }
            md.append("- ").append(line.apply(items.get(i))).append('\n');
        }
        if (shown > SHOWN) {
            md.append("\n</details>\n");
        }
        if (shown < items.size()) {
            md.append("- … and ").append(items.size() - shown).append(" more on the review page\n");
            return true;
        }
        return false;
    }

    public static String shortId(String commit) {
        return commit == null ? "?" : commit.substring(0, Math.min(7, commit.length()));
    }
}
