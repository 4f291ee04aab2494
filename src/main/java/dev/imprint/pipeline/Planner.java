package dev.imprint.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

import dev.imprint.emit.Aliases;
import dev.imprint.emit.Assets;
import dev.imprint.emit.EmitContext;
import dev.imprint.emit.Emitter;
import dev.imprint.emit.Feeds;
import dev.imprint.emit.Fingerprint;
import dev.imprint.emit.HomePage;
import dev.imprint.emit.Memo;
import dev.imprint.emit.NotFoundPage;
import dev.imprint.emit.NotePages;
import dev.imprint.emit.Output;
import dev.imprint.emit.SearchIndex;
import dev.imprint.emit.SectionIndexes;
import dev.imprint.emit.Sitemap;
import dev.imprint.emit.StaticFiles;
import dev.imprint.emit.TagPages;
import dev.imprint.emit.VendorAssets;
import dev.imprint.publish.Manifest;
import dev.imprint.render.NoteParser;
import dev.imprint.render.TemplateException;
import dev.imprint.render.Templates;
import dev.imprint.site.Note;
import dev.imprint.site.Site;
import dev.imprint.site.SiteBuilder;
import dev.imprint.source.Diagnostics;
import dev.imprint.source.HistoryIndex;
import dev.imprint.source.Snapshot;
import dev.imprint.source.SourceException;
import dev.imprint.source.SourceFile;
import dev.imprint.source.Warning;

/**
 * Plans builds of one repository from its warm state ({@link RepositoryState}), with two entry points that share
 * their steps (history → site → templates → emit → manifest):
 * <ul>
 * <li>{@link #whole}: every output of the site, reusing from the last plan what is provably unchanged (the memo);</li>
 * <li>{@link #patch}: when a commit changes only some notes' text, just the outputs that read those notes (or show
 *     their titles) are planned again, each by the {@link Output.Replan} its emitter gave it; a patch that cannot
 *     apply says why, and the caller plans the whole site.</li>
 * </ul>
 * Either way the fingerprints decide what is written; the planner only decides what to look at. The caller holds
 * the state's lock.
 */
final class Planner {
    /** Emitters in priority order: when two claim the same path, the earlier one keeps it. */
    static final List<Emitter> EMITTERS = List.of(new HomePage(), new SectionIndexes(), new TagPages(),
            new Feeds(), new Sitemap(), new StaticFiles(), new NotFoundPage(), new NotePages(), new SearchIndex(),
            new VendorAssets(), new Assets(), new Aliases());

    private final RepositoryState state;
    private final List<Emitter> emitters;
    /** The banner label of a preview's pages, or null for the site's own. */
    private final String preview;
    /** Where previews are published on the branch (ending in '/'), which no output may claim. */
    private final String previewsRoot;

    Planner(RepositoryState state, List<Emitter> emitters, String preview, String previewsRoot) {
        this.state = state;
        this.emitters = emitters;
        this.preview = preview;
        this.previewsRoot = previewsRoot;
    }

    /**
     * What every output depends on: Imprint's version, the theme, the config and the template overrides, and what
     * a request overrides in them (the base URL, raw HTML sanitized for an untrusted preview, a preview's banner).
     */
    static String salt(Snapshot snapshot, String preview) {
        Fingerprint f = new Fingerprint("imprint").add(Builder.VERSION).add(Templates.themeHash())
                .add(snapshot.configBlob()).add(snapshot.templates()).add(snapshot.config().baseUrl())
                .add(snapshot.config().rawHtml());
        return (preview == null ? f : f.add("preview").add(preview)).hex();
    }

    private String salt(Snapshot snapshot) {
        return salt(snapshot, preview);
    }

    /**
     * The plan of the whole site at {@code snapshot}.
     *
     * @param overrides what the request overrides in the repository's settings (its base URL, the preview; already
     *                  in the snapshot), kept to tell a later patch
     * @param why why the whole site is planned, not patched from the last plan (the report says so)
     */
    Plan whole(Snapshot snapshot, Object overrides, String why, Timings t) {
        NoteParser parser = state.parser(snapshot.config().rawHtml());
        HistoryIndex history = history(snapshot);
        t.mark("history");
        String salt = salt(snapshot);
        LastPlan last = state.lastPlan;
        state.lastPlan = null;
        if (last != null && !last.salt.equals(salt)) {
            last = null; // a new config, theme or Imprint: nothing is reused
        }
        SiteBuilder siteBuilder = new SiteBuilder(snapshot, parser, history,
                last == null ? Map.of() : last.notes, last == null ? null : last.site);
        Site site = siteBuilder.build();
        Set<ObjectId> blobs = new HashSet<>();
        snapshot.notes().forEach(f -> blobs.add(f.blob()));
        state.retainParses(parser, blobs); // parses of notes no longer there go
        t.mark("site");
        List<Warning> warnings = new ArrayList<>(); // planning's own, kept for a warm build that patches this plan
        Templates templates = templates(snapshot, warnings);
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.warnAll(site.warnings());
        EmitContext ctx = new EmitContext(site, snapshot, templates, salt, last == null ? Memo.empty() : last.memo,
                diagnostics, preview);
        OutputClaims claims = emit(ctx);
        Map<String, Output> outputs = claims.outputs();
        warnings.addAll(claims.warnings());
        diagnostics.warnAll(warnings);
        Memo memo = ctx.finish();
        t.mark("emit");
        Map<String, String> fingerprints = new HashMap<>();
        outputs.forEach((path, o) -> fingerprints.put(path, o.fingerprint()));
        Manifest manifest = new Manifest(Builder.VERSION, salt, fingerprints);
        state.lastPlan = new LastPlan(salt, overrides, snapshot, siteBuilder.made(), memo, site, templates,
                List.copyOf(warnings), outputs, manifest, ctx.brokenLinks(), ctx.linkWarnings(), ctx.warnings());
        return new Plan(snapshot, site, outputs.values(), manifest, diagnostics, null, null, "whole site: " + why);
    }

    /** Every emitter's outputs, each path given to the first that claims it. */
    private OutputClaims emit(EmitContext ctx) {
        OutputClaims claims = new OutputClaims(previewsRoot);
        for (Emitter emitter : emitters) {
            emitter.emit(ctx).forEach(claims::claim);
        }
        return claims;
    }

    /** A plan patched from the last one, or why there is none (then the whole site is planned). */
    record Patch(Plan plan, String refusal) {
        static Patch of(Plan plan) {
            return new Patch(plan, null);
        }

        static Patch refused(String why) {
            return new Patch(null, why);
        }
    }

    /**
     * The plan of {@code commit} patched from the last plan, when the commits differ only in some notes' bodies or
     * titles (their {@linkplain Note#structure() structures} are the same): only the outputs that read those notes
     * (or show their titles, for a new title) are planned again.
     *
     * @param overrides as for {@link #whole}: a patch applies only to a last plan made with equal ones
     */
    Patch patch(Repository repository, RevCommit commit, Object overrides, Timings t) throws SourceException {
        LastPlan last = state.lastPlan;
        if (last == null) {
            return Patch.refused("no earlier plan of this repository in this process");
        }
        if (!Objects.equals(last.overrides, overrides)) {
            return Patch.refused("another base URL or preview than the last plan's");
        }
        if (last.snapshot.commit().equals(commit)) {
            return Patch.refused("the same commit as the last plan");
        }
        Snapshot.Patched patched = last.snapshot.patch(repository, commit);
        if (patched == null) {
            return Patch.refused("more changed than the text of existing notes (files added, removed or renamed, "
                    + "assets, templates or imprint.yml)");
        }
        if (patched.changed().isEmpty()) {
            return Patch.refused("no note changed");
        }
        Snapshot snapshot = patched.snapshot();
        if (!last.site.window().contains(snapshot.time())) {
            return Patch.refused("the commit's time passed a page's publishDate or expiryDate");
        }
        t.mark("snapshot");
        NoteParser parser = state.parser(snapshot.config().rawHtml());
        HistoryIndex before = state.history;
        if (before == null || !before.head().equals(last.snapshot.commit())) {
            return Patch.refused("the history index is not at the last plan's commit");
        }
        HistoryIndex history = history(snapshot);
        if (history == null || history.touched() == null) {
            return Patch.refused("the history since the last plan could not be read");
        }
        // notes whose history moved though their blob is the same (changed and changed back) are made again too
        List<SourceFile> changed = new ArrayList<>(patched.changed());
        Set<String> seen = new HashSet<>();
        changed.forEach(f -> seen.add(f.path()));
        for (String path : new TreeSet<>(history.touched())) {
            SourceFile note = snapshot.note(path);
            if (note != null && seen.add(path)) {
                changed.add(note);
            }
        }
        t.mark("history");
        SiteBuilder siteBuilder = new SiteBuilder(snapshot, parser, history, last.notes, last.site);
        Site site = siteBuilder.patch(last.site, changed);
        if (site == null) {
            return Patch.refused("a changed note's place in the site changed (its date, tags, links, draft state, "
                    + "slug or a heading another note links to)");
        }
        // from here on the last plan is patched in place; if anything fails it is dropped, never half-used
        state.lastPlan = null;
        t.mark("site");
        Set<String> todo = new TreeSet<>();
        for (var swap : siteBuilder.swaps().entrySet()) {
            Note was = swap.getKey();
            todo.addAll(last.readers(was));
            if (!was.shown().equals(swap.getValue().shown())) {
                todo.addAll(last.showers(was));
            }
        }
        last.rekey(siteBuilder.swaps());
        siteBuilder.swaps().forEach((was, now) -> {
            if (!was.file().blob().equals(now.file().blob())) {
                state.forgetParse(parser, was.file().blob()); // the cache holds what the site has (a twin parses again)
            }
        });
        Set<String> files = new HashSet<>();
        changed.forEach(f -> files.add(f.path()));
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.warnAll(site.warnings());
        diagnostics.warnAll(last.planWarnings);
        EmitContext ctx = EmitContext.continuing(site, snapshot, last.templates, last.salt, last.memo, last.brokenLinks,
                last.linkWarnings, last.emitWarnings, files, diagnostics, preview);
        Map<String, Output> replanned = new LinkedHashMap<>();
        Map<String, String> fingerprints = new HashMap<>();
        for (String path : todo) {
            Output.Replan replan = last.outputs.get(path).replan();
            Output o = replan == null ? null : replan.again(ctx);
            if (o == null || !o.path().equals(path)) {
                return Patch.refused(path + " cannot be planned again alone");
            }
            replanned.put(path, o);
            if (!o.fingerprint().equals(last.manifest.get(path))) {
                fingerprints.put(path, o.fingerprint());
            }
        }
        ctx.finish();
        last.outputs.putAll(replanned);
        Manifest base = last.manifest;
        Manifest manifest = base.with(fingerprints);
        if (EmitContext.VERIFY) {
            verify(site, snapshot, last.templates, last.salt, manifest);
        }
        last.snapshot = snapshot;
        last.site = site;
        last.manifest = manifest;
        last.brokenLinks = ctx.brokenLinks();
        last.linkWarnings = ctx.linkWarnings();
        state.lastPlan = last;
        t.mark("emit (" + replanned.size() + " outputs re-planned)");
        return Patch.of(new Plan(snapshot, site, last.outputs.values(), manifest, diagnostics, replanned, base,
                "patched: " + replanned.size() + " of " + last.outputs.size() + " outputs planned again"));
    }

    /**
     * The last plan again when it was of {@code commit} with the same overrides (nothing planned, nothing replanned),
     * else null: the base of a preview's review is mostly the same commit push after push.
     */
    Plan same(RevCommit commit, Object overrides) {
        LastPlan last = state.lastPlan;
        if (last == null || !last.snapshot.commit().equals(commit) || !Objects.equals(last.overrides, overrides)) {
            return null;
        }
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.warnAll(last.site.warnings());
        diagnostics.warnAll(last.planWarnings);
        diagnostics.brokenLinks(last.brokenLinks);
        diagnostics.warnAll(last.linkWarnings);
        diagnostics.warnAll(last.emitWarnings);
        return new Plan(last.snapshot, last.site, last.outputs.values(), last.manifest, diagnostics, Map.of(),
                last.manifest, "the same as the last plan");
    }

    /**
     * With {@link EmitContext#VERIFY} (the tests): a patched plan must list what planning the whole patched site
     * afresh lists. An output the patch left as it was though it changed reads something it does not declare.
     */
    private void verify(Site site, Snapshot snapshot, Templates templates, String salt, Manifest patched) {
        EmitContext fresh = new EmitContext(site, snapshot, templates, salt, Memo.empty(), new Diagnostics(), preview);
        Map<String, Output> outputs = emit(fresh).outputs();
        List<String> stale = new ArrayList<>();
        outputs.forEach((path, o) -> {
            if (!o.fingerprint().equals(patched.get(path))) {
                stale.add(path);
            }
        });
        if (!stale.isEmpty() || outputs.size() != patched.size()) {
            throw new IllegalStateException("a patch kept " + stale + " as they were though they changed (of "
                    + outputs.size() + " outputs, the patch has " + patched.size()
                    + "): an emitter does not declare an input they read (see Inputs)");
        }
    }

    /** Git facts for the snapshot's commit; a warm planner extends the last index with only the new commits. */
    private HistoryIndex history(Snapshot snapshot) {
        try {
            HistoryIndex previous = state.history;
            state.history = null; // advancing takes the previous index over; a failure drops it
            HistoryIndex index = previous == null ? HistoryIndex.compute(snapshot.repository(), snapshot.commit())
                    : previous.head().equals(snapshot.commit()) ? previous
                    : previous.advance(snapshot.repository(), snapshot.commit());
            state.history = index;
            return index;
        } catch (IOException e) {
            return null; // without history, notes keep their front matter dates
        }
    }

    /**
     * The repository's templates that compile and do not run away. Each page template is tried once on a sample
     * page (base.peb first, which the others extend): one that recurses without end or passes
     * {@code templates.max_render_ms} there would on every page, so the built-in one is used for the whole build.
     * The outcome depends only on the templates and the limit, both in the salt, so full and incremental builds
     * agree.
     */
    private static Templates templates(Snapshot snapshot, List<Warning> warnings) {
        int limit = snapshot.config().maxRenderMs();
        Map<String, String> overrides = new TreeMap<>();
        snapshot.templates().forEach((name, text) -> {
            if (!name.endsWith(".peb")) {
                return;
            }
            List<TemplateException> problems = new Templates(Map.of(name, text), limit).validate();
            if (problems.isEmpty()) {
                overrides.put(name, text);
            } else {
                warnings.add(new Warning(Snapshot.TEMPLATES_DIR + name,
                        problems.get(0).getMessage() + "; the built-in template is used"));
            }
        });
        List<String> tried = new ArrayList<>(Templates.names());
        tried.remove("base.peb");
        tried.add(0, "base.peb");
        for (String name : tried) {
            if (overrides.containsKey(name)) {
                TemplateException runaway = new Templates(overrides, limit).runaway(name);
                if (runaway != null) {
                    overrides.remove(name);
                    warnings.add(new Warning(Snapshot.TEMPLATES_DIR + name,
                            runaway.getMessage() + "; the built-in template is used"));
                }
            }
        }
        return new Templates(overrides, limit);
    }
}
