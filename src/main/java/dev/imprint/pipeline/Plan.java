package dev.imprint.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.imprint.emit.Output;
import dev.imprint.publish.Manifest;
import dev.imprint.review.ReviewReport;
import dev.imprint.site.Site;
import dev.imprint.source.Diagnostics;
import dev.imprint.source.Snapshot;

/**
 * The plan of one build: every output of the site with its fingerprint, nothing rendered yet. Made by the
 * {@link Planner}; the build writes it into a directory or onto a branch.
 *
 * <p>Equality is the record's; plans are not compared (each build makes one and hands it on).
 *
 * @param replanned for a plan patched from the last one, the outputs planned again (the others are the last
 *                  plan's); null for a plan of everything
 * @param diagnostics every warning and broken link of the build: planning's now, rendering's and writing's as
 *                    they come
 * @param base for a patched plan, the manifest it was patched from
 * @param how how it was planned: "patched: …", or "whole site: " and why it could not be patched
 * @param review for a preview, what it changes compared with its base; else null
 * @param reviewPage the page showing {@code review} ({@link Preview#REVIEW}), or null
 */
public record Plan(Snapshot snapshot, Site site, Collection<Output> outputs,
                   Manifest manifest, Diagnostics diagnostics, Map<String, Output> replanned, Manifest base,
                   String how, ReviewReport review, Output reviewPage) {
    Plan(Snapshot snapshot, Site site, Collection<Output> outputs, Manifest manifest, Diagnostics diagnostics,
         Map<String, Output> replanned, Manifest base, String how) {
        this(snapshot, site, outputs, manifest, diagnostics, replanned, base, how, null, null);
    }

    /** True when only {@link #replanned} are new: every other output is the plan's {@link #base}'s. */
    boolean patched() {
        return replanned != null;
    }

    /** Every output by path. */
    Map<String, Output> byPath() {
        Map<String, Output> all = new HashMap<>(outputs.size() * 2);
        outputs.forEach(o -> all.put(o.path(), o));
        return all;
    }

    /** This plan with a preview's review page, published with the preview though it is no output of the site. */
    Plan withReview(ReviewReport report, Output page) {
        return new Plan(snapshot, site, outputs, manifest, diagnostics, replanned, base, how, report, page);
    }

    /** The outputs to write: the plan's, and the review page when there is one. */
    Collection<Output> written() {
        if (reviewPage == null) {
            return outputs;
        }
        List<Output> all = new ArrayList<>(outputs);
        all.add(reviewPage);
        return all;
    }

    /** For a patched plan, the outputs planned again and the review page when there is one. */
    Collection<Output> rewritten() {
        if (reviewPage == null) {
            return replanned.values();
        }
        List<Output> all = new ArrayList<>(replanned.values());
        all.add(reviewPage);
        return all;
    }

    /** The manifest published: the plan's, with the review page's entry when there is one. */
    Manifest published() {
        return reviewPage == null ? manifest : manifest.with(Map.of(reviewPage.path(), reviewPage.fingerprint()));
    }
}
