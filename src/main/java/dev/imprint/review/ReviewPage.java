package dev.imprint.review;

import java.util.List;
import java.util.function.Function;

/**
 * The whole review as a page published with the preview ({@code _review/index.html}): every group, every entry and
 * every text diff, with no size limit; the page the forge comment links to.
 */
public final class ReviewPage {
    private ReviewPage() {
    }

    /** The page, its links relative to the review page (the preview's root is {@code ../}). */
    public static String of(ReviewReport r, String sourceUrl) {
        ReviewLinks links = new ReviewLinks("../", sourceUrl);
        StringBuilder h = new StringBuilder("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"robots\" content=\"noindex\">\n")
                .append("<title>Review of ").append(Html.escape(r.label())).append("</title>\n<style>")
                .append("body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}")
                .append("del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}")
                .append(".diff{margin:.25rem 0 1rem;color:#333}li{margin:.2rem 0}code{font-size:.95em}")
                .append("</style>\n</head>\n<body>\n<main>\n");
        h.append("<h1>Review of ").append(Html.escape(r.label())).append("</h1>\n<p>")
                .append(Html.escape(r.summary())).append(". Compared <code>")
                .append(ReviewComment.shortId(r.baseCommit())).append("</code> with <code>")
                .append(ReviewComment.shortId(r.headCommit())).append("</code>; <a href=\"../\">open the preview</a>.</p>\n");
        section(h, "Text changed", r.textChanged(), m -> links.item(m.page(), false) + "<div class=\"diff\">"
                + Html.diff(m.diff(), Integer.MAX_VALUE, false) + "</div>");
        section(h, "Added", r.added(), p -> links.item(p, false));
        section(h, "Removed", r.removed(), p -> "<code>" + Html.escape(Html.pretty(p.path())) + "</code>");
        section(h, "Renamed", r.renamed(), x -> "<code>" + Html.escape(Html.pretty(x.from().path())) + "</code> → "
                + links.item(x.to(), false) + " (" + x.how() + ")");
        section(h, "Only navigation, lists or backlinks changed", r.navigationOnly(), p -> links.item(p, false));
        section(h, "New broken links and warnings", r.introduced(), f -> Html.finding(f, false));
        section(h, "Fixed broken links and warnings", r.fixed(), f -> Html.finding(f, false));
        if (r.pagesChanged() == 0 && r.introduced().isEmpty() && r.fixed().isEmpty()) {
            h.append("<p>This change does not change any page.</p>\n");
        }
        return h.append("</main>\n</body>\n</html>\n").toString();
    }

    private static <T> void section(StringBuilder h, String title, List<T> items, Function<T, String> line) {
        if (items.isEmpty()) {
            return;
        }
        h.append("<h2>").append(title).append(" (").append(items.size()).append(")</h2>\n<ul>\n");
        for (T item : items) {
            h.append("<li>").append(line.apply(item)).append("</li>\n");
        }
        h.append("</ul>\n");
    }
}
