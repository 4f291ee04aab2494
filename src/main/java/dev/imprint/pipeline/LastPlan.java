package dev.imprint.pipeline;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.imprint.emit.EmitContext;
import dev.imprint.emit.Emitter;
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
 * snapshot, the notes and the site, every output with the emitter that listed it, and the manifest. A build whose
 * change is a few notes' bodies patches these (and then they describe the new commit); any other build replaces
 * them.
 *
 * <p>Owner: the repository's {@link RepositoryState}, and only the build holding its lock. A patch takes the last
 * plan out of the state before it changes anything in place and puts it back only when the patch is complete, so a
 * patch that fails part way leaves no last plan at all, never a half-patched one. Its maps are shared, not copied,
 * with the plan it produced; no one else keeps a reference.
 */
final class LastPlan {
    /** An output that shows a note's content, and the emitter that can plan it again. */
    record Reader(String path, Emitter emitter) {
    }

    final String salt;
    final String baseUrl;
    Snapshot snapshot;
    final Map<String, SiteBuilder.Made> notes;
    final Memo memo;
    Site site;
    final Templates templates;
    /** What planning itself found (template overrides that do not compile, two outputs claiming one path). */
    final List<Warning> planWarnings;
    /** Every output of the site by path, in emitter order (patched in place). */
    final Map<String, Output> outputs;
    private Map<Emitter, List<Output>> byEmitter;
    Manifest manifest;
    List<BrokenLink> brokenLinks;
    /** The links shown as text ({@link EmitContext#linkWarnings()}), carried over by a patch like the broken ones. */
    List<Warning> linkWarnings;
    /** The warnings the emitters gave while listing (an alias that is no URL, say), carried over by a patch. */
    final List<Warning> emitWarnings;
    private Map<Note, List<Reader>> readers;
    private Map<Note, List<Reader>> showers;

    LastPlan(String salt, String baseUrl, Snapshot snapshot, Map<String, SiteBuilder.Made> notes, Memo memo, Site site,
             Templates templates, List<Warning> planWarnings, Map<String, Output> outputs,
             Map<Emitter, List<Output>> byEmitter, Manifest manifest, List<BrokenLink> brokenLinks,
             List<Warning> linkWarnings, List<Warning> emitWarnings) {
        this.salt = salt;
        this.baseUrl = baseUrl;
        this.snapshot = snapshot;
        this.notes = notes;
        this.memo = memo;
        this.site = site;
        this.templates = templates;
        this.planWarnings = planWarnings;
        this.outputs = outputs;
        this.byEmitter = byEmitter;
        this.manifest = manifest;
        this.brokenLinks = brokenLinks;
        this.linkWarnings = linkWarnings;
        this.emitWarnings = emitWarnings;
    }

    /**
     * The outputs that read a note of the last site. Built on first use from every output's declared reads
     * (outputs that lost their path to another are left out); a patch keeps every note's structure, so every
     * output keeps its reads and the index stays true once its swapped notes are {@linkplain #rekey re-keyed}.
     */
    List<Reader> readers(Note note) {
        index();
        return readers.getOrDefault(note, List.of());
    }

    /** The outputs that show the title of a note of the last site (as {@link #readers}). */
    List<Reader> showers(Note note) {
        index();
        return showers.getOrDefault(note, List.of());
    }

    /** After a patch: the new notes take the old ones' places in the index. */
    void rekey(Map<Note, Note> swaps) {
        if (readers == null) {
            return;
        }
        swaps.forEach((was, now) -> {
            List<Reader> r = readers.remove(was);
            if (r != null) {
                readers.put(now, r);
            }
            List<Reader> s = showers.remove(was);
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
        Map<Note, List<Reader>> reading = new IdentityHashMap<>();
        Map<Note, List<Reader>> showing = new IdentityHashMap<>();
        byEmitter.forEach((emitter, list) -> {
            for (Output o : list) {
                if (outputs.get(o.path()) != o) {
                    continue;
                }
                Reader reader = new Reader(o.path(), emitter);
                for (Note n : o.reads()) {
                    reading.computeIfAbsent(n, k -> new ArrayList<>(4)).add(reader);
                }
                for (Note n : o.shows()) {
                    showing.computeIfAbsent(n, k -> new ArrayList<>(4)).add(reader);
                }
            }
        });
        readers = reading;
        showers = showing;
        byEmitter = null;
    }
}
