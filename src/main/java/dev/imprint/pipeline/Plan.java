package dev.imprint.pipeline;

import java.util.Collection;
import java.util.Map;

import dev.imprint.emit.EmitContext;
import dev.imprint.emit.Output;
import dev.imprint.publish.Manifest;
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
 */
public record Plan(Snapshot snapshot, Site site, EmitContext context, Collection<Output> outputs,
                   Manifest manifest, Diagnostics diagnostics, Map<String, Output> replanned, Manifest base,
                   String how) {
    /** True when only {@link #replanned} are new: every other output is the plan's {@link #base}'s. */
    boolean patched() {
        return replanned != null;
    }
}
