package dev.imprint.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.imprint.emit.Output;
import dev.imprint.source.BrokenLink;
import dev.imprint.source.Warning;

/**
 * Compares two builds of a site, the base and a change's head, planned with the same settings: the fingerprints
 * say which pages differ at all (nothing is rendered for the others), and for those the visible text says how.
 */
public final class Review {
    private Review() {
    }

    /**
     * One side of the comparison.
     *
     * @param outputs every output of the build by path; only the HTML pages among them are compared
     * @param warnings the build's warnings, as planning found them
     */
    public record Side(String commit, Map<String, Output> outputs, List<Warning> warnings,
                       List<BrokenLink> brokenLinks) {
    }

    /**
     * @param renamedSources repository files Git sees renamed from base to head (old path → new path)
     * @param skip output paths left out of the comparison (the review page itself)
     */
    public static ReviewReport compare(String label, Side base, Side head, Map<String, String> renamedSources,
                                       Set<String> skip) {
        Set<String> paths = new TreeSet<>();
        base.outputs().keySet().stream().filter(p -> page(p, skip)).forEach(paths::add);
        head.outputs().keySet().stream().filter(p -> page(p, skip)).forEach(paths::add);
        List<ReviewReport.Page> added = new ArrayList<>();
        List<ReviewReport.Page> removed = new ArrayList<>();
        List<ReviewReport.Modified> textChanged = new ArrayList<>();
        List<ReviewReport.Page> navigationOnly = new ArrayList<>();
        for (String path : paths) {
            Output b = base.outputs().get(path);
            Output h = head.outputs().get(path);
            if (b == null) {
                added.add(page(h));
            } else if (h == null) {
                removed.add(page(b));
            } else if (!b.fingerprint().equals(h.fingerprint())) {
                PageText before = PageText.of(b.content().get());
                PageText after = PageText.of(h.content().get());
                if (before.own().equals(after.own())) {
                    navigationOnly.add(page(h));
                } else {
                    textChanged.add(new ReviewReport.Modified(page(h), WordDiff.of(before.own(), after.own())));
                }
            }
        }
        List<ReviewReport.Renamed> renamed = renames(added, removed, base, head, renamedSources);
        return new ReviewReport(label, base.commit(), head.commit(), added, removed, renamed, textChanged,
                navigationOnly, minus(findings(head), findings(base)), minus(findings(base), findings(head)));
    }

    private static boolean page(String path, Set<String> skip) {
        return path.endsWith(".html") && !skip.contains(path);
    }

    private static ReviewReport.Page page(Output o) {
        return new ReviewReport.Page(o.path(), o.source());
    }

    /**
     * Pairs removed and added pages: first those whose files Git renamed, then those with the same own text. The
     * pairs leave the added and removed lists.
     */
    private static List<ReviewReport.Renamed> renames(List<ReviewReport.Page> added, List<ReviewReport.Page> removed,
                                                      Side base, Side head, Map<String, String> renamedSources) {
        List<ReviewReport.Renamed> renamed = new ArrayList<>();
        if (added.isEmpty() || removed.isEmpty()) {
            return renamed;
        }
        Map<String, ReviewReport.Page> addedBySource = new HashMap<>();
        for (ReviewReport.Page a : added) {
            if (a.source() != null) {
                addedBySource.putIfAbsent(a.source(), a);
            }
        }
        Set<ReviewReport.Page> paired = new HashSet<>();
        for (ReviewReport.Page r : removed) {
            String now = r.source() == null ? null : renamedSources.get(r.source());
            ReviewReport.Page a = now == null ? null : addedBySource.get(now);
            if (a != null && paired.add(a)) {
                paired.add(r);
                renamed.add(new ReviewReport.Renamed(r, a, ReviewReport.Renamed.SOURCE_RENAMED));
            }
        }
        Map<String, ReviewReport.Page> addedByText = new HashMap<>();
        for (ReviewReport.Page a : added) {
            if (!paired.contains(a)) {
                String own = PageText.of(head.outputs().get(a.path()).content().get()).own();
                if (!own.isBlank()) {
                    addedByText.putIfAbsent(own, a);
                }
            }
        }
        for (ReviewReport.Page r : removed) {
            if (!paired.contains(r) && !addedByText.isEmpty()) {
                ReviewReport.Page a = addedByText.remove(PageText.of(base.outputs().get(r.path()).content().get()).own());
                if (a != null) {
                    paired.add(a);
                    paired.add(r);
                    renamed.add(new ReviewReport.Renamed(r, a, ReviewReport.Renamed.SAME_TEXT));
                }
            }
        }
        added.removeIf(paired::contains);
        removed.removeIf(paired::contains);
        renamed.sort(Comparator.comparing(x -> x.to().path()));
        return renamed;
    }

    private static List<ReviewReport.Finding> findings(Side side) {
        List<ReviewReport.Finding> all = new ArrayList<>();
        for (BrokenLink b : side.brokenLinks()) {
            all.add(new ReviewReport.Finding(ReviewReport.Finding.Kind.BROKEN_LINK, b.from(),
                    b.to() + (b.reason() == null ? "" : ": " + b.reason())));
        }
        for (Warning w : side.warnings()) {
            all.add(new ReviewReport.Finding(ReviewReport.Finding.Kind.WARNING, w.path(), w.message()));
        }
        return all;
    }

    /** What {@code a} has and {@code b} has not, each once, in a stable order. */
    private static List<ReviewReport.Finding> minus(List<ReviewReport.Finding> a, List<ReviewReport.Finding> b) {
        Set<ReviewReport.Finding> other = new HashSet<>(b);
        return a.stream().filter(f -> !other.contains(f)).distinct()
                .sorted(Comparator.comparing(ReviewReport.Finding::file).thenComparing(ReviewReport.Finding::message)
                        .thenComparing(ReviewReport.Finding::kind))
                .toList();
    }
}
