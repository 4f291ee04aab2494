package dev.imprint.pipeline;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.imprint.emit.EmitContext;
import dev.imprint.emit.Memo;
import dev.imprint.emit.Output;
import dev.imprint.publish.Manifest;
import dev.imprint.render.Templates;
import dev.imprint.site.Note;
import dev.imprint.site.Site;
import dev.imprint.site.SiteBuilder;
import dev.imprint.source.BrokenLink;
import dev.imprint.source.Snapshot;
import dev.imprint.source.Warning;

/**
 * What the last plan of a repository made, kept by a warm process so the next build can start from it: the
 * snapshot, the notes and the site, every output (each knows how to plan itself again), and the manifest. A build whose
 * change is a few notes' bodies patches these (and then they describe the new commit); any other build replaces
 * them.
 *
 * <p>Owner: the repository's {@link RepositoryState}, and only the build holding its lock. A patch takes the last
 * plan out of the state before it changes anything in place and puts it back only when the patch is complete, so a
 * patch that fails part way leaves no last plan at all, never a half-patched one. Its maps are shared, not copied,
 * with the plan it produced; no one else keeps a reference.
 */
final class LastPlan {
    final String salt;
    /** What the request overrode in the repository's settings (base URL, preview): a patch needs the same. */
    final Object overrides;
    Snapshot snapshot;
    final Map<String, SiteBuilder.Made> notes;
    final Memo memo;
    Site site;
    final Templates templates;
    /** What planning itself found (template overrides that do not compile, two outputs claiming one path). */
    final List<Warning> planWarnings;
    /** Every output of the site by path, in emitter order (patched in place). */
    final Map<String, Output> outputs;
    Manifest manifest;
    List<BrokenLink> brokenLinks;
    /** The links shown as text ({@link EmitContext#linkWarnings()}), carried over by a patch like the broken ones. */
    List<Warning> linkWarnings;
    /** The warnings the emitters gave while listing (an alias that is no URL, say), carried over by a patch. */
    final List<Warning> emitWarnings;
    /** The paths of the outputs that read (show) each note, by note identity; made on first use. */
    private Map<Note, List<String>> readers;
    private Map<Note, List<String>> showers;

    LastPlan(String salt, Object overrides, Snapshot snapshot, Map<String, SiteBuilder.Made> notes, Memo memo, Site site,
             Templates templates, List<Warning> planWarnings, Map<String, Output> outputs,
             Manifest manifest, List<BrokenLink> brokenLinks,
             List<Warning> linkWarnings, List<Warning> emitWarnings) {
        this.salt = salt;
        this.overrides = overrides;
        this.snapshot = snapshot;
        this.notes = notes;
        this.memo = memo;
        this.site = site;
        this.templates = templates;
        this.planWarnings = planWarnings;
        this.outputs = outputs;
        this.manifest = manifest;
        this.brokenLinks = brokenLinks;
        this.linkWarnings = linkWarnings;
        this.emitWarnings = emitWarnings;
    }

    /**
     * The paths of the outputs that read a note of the last site. Built on first use from every output's declared
     * {@link dev.imprint.emit.Inputs} (outputs that lost their path to another are not in the plan); a patch keeps every note's structure, so every
     * output keeps its reads and the index stays true once its swapped notes are {@linkplain #rekey re-keyed}.
     */
    List<String> readers(Note note) {
        index();
        return readers.getOrDefault(note, List.of());
    }

    /** The outputs that show the title of a note of the last site (as {@link #readers}). */
    List<String> showers(Note note) {
        index();
        return showers.getOrDefault(note, List.of());
    }

    /** After a patch: the new notes take the old ones' places in the index. */
    void rekey(Map<Note, Note> swaps) {
        if (readers == null) {
            return;
        }
        swaps.forEach((was, now) -> {
            List<String> r = readers.remove(was);
            if (r != null) {
                readers.put(now, r);
            }
            List<String> s = showers.remove(was);
            if (s != null) {
                showers.put(now, s);
            }
        });
    }

    private void index() {
        if (readers != null) {
            return;
        }
        // by note identity: no path to look up for each of the many reads
        Map<Note, List<String>> reading = new IdentityHashMap<>();
        Map<Note, List<String>> showing = new IdentityHashMap<>();
        for (Output o : outputs.values()) {
            for (Note n : o.reads()) {
                reading.computeIfAbsent(n, k -> new ArrayList<>(4)).add(o.path());
            }
            for (Note n : o.shows()) {
                showing.computeIfAbsent(n, k -> new ArrayList<>(4)).add(o.path());
            }
        }
        readers = reading;
        showers = showing;
    }
}
