package dev.imprint.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.CredentialsProvider;

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
import dev.imprint.publish.BranchPublisher;
import dev.imprint.publish.BranchWriter;
import dev.imprint.publish.DirectoryWriter;
import dev.imprint.publish.Housekeeping;
import dev.imprint.publish.Manifest;
import dev.imprint.publish.PublishResult;
import dev.imprint.publish.PublishedState;
import dev.imprint.publish.SourceLineage;
import dev.imprint.render.NoteParser;
import dev.imprint.render.TemplateException;
import dev.imprint.render.Templates;
import dev.imprint.site.Note;
import dev.imprint.site.Site;
import dev.imprint.site.SiteBuilder;
import dev.imprint.source.BrokenLink;
import dev.imprint.source.Diagnostics;
import dev.imprint.source.HistoryIndex;
import dev.imprint.source.OpenRepositories;
import dev.imprint.source.Snapshot;
import dev.imprint.source.SourceException;
import dev.imprint.source.SourceFile;
import dev.imprint.source.SourceRepository;
import dev.imprint.source.Warning;

/**
 * Runs the pipeline: source → site → emit → publish. One Builder can run many builds; it keeps parsed notes by
 * blob id so a warm process only renders what changed.
 */
public final class Builder {
    public static final String VERSION = version();
    /** The report's mode when the branch already shows a newer source commit: nothing was published. */
    public static final String SKIPPED = "skipped";

    /** Emitters in priority order: when two claim the same path, the earlier one keeps it. */
    private static final List<Emitter> EMITTERS = List.of(new HomePage(), new SectionIndexes(), new TagPages(),
            new Feeds(), new Sitemap(), new StaticFiles(), new NotFoundPage(), new NotePages(), new SearchIndex(),
            new VendorAssets(), new Assets(), new Aliases());

    /** Where remote repositories are mirrored. */
    private final Path mirrors;
    private final CredentialsProvider credentials;
    /** The warm state of each source repository this Builder has built, by its Git directory. */
    private final Map<Path, RepositoryState> states = new ConcurrentHashMap<>();
    private final OpenRepositories repositories = new OpenRepositories();
    private Housekeeping housekeeping;
    /** How many builds patched the last plan instead of planning the whole site (for tests). */
    private final AtomicInteger patched = new AtomicInteger();

    public Builder(Path cacheDir) {
        this(cacheDir, null);
    }

    /** @param credentials for fetching and pushing remote repositories (a token), or null */
    public Builder(Path cacheDir, CredentialsProvider credentials) {
        this.mirrors = cacheDir.resolve("repos");
        this.credentials = credentials;
    }

    private static String version() {
        String v = Builder.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Builds and publishes. Throws only when there is nothing to build (no repo, no ref, bad config). */
    public BuildReport build(BuildRequest request) throws SourceException, IOException {
        return build(request, () -> true);
    }

    /**
     * Like {@link #build(BuildRequest)}, asking {@code mayPublish} once, just before the branch moves: false stops the
     * build there, unpublished. A caller that gave up waiting for a build says no, so the build cannot publish late.
     */
    public BuildReport build(BuildRequest request, BooleanSupplier mayPublish) throws SourceException, IOException {
        long start = System.nanoTime();
        Timings t = new Timings();
        try (SourceRepository source = SourceRepository.open(request.source(), mirrors, credentials, repositories)) {
            var commit = source.resolve(request.ref());
            t.mark("open");
            // one build of a repository at a time: its warm state is patched in place
            synchronized (state(source.repository()).lock) {
                return build(request, source, commit, start, t, mayPublish);
            }
        }
    }

    /** Where {@code request}'s outputs go (a request for a branch, not a directory). */
    public PublishTarget target(BuildRequest request) {
        return PublishTarget.of(request, mirrors);
    }

    /**
     * The target's repository, opened. When it is the source's own (or its mirror) this is the very instance the
     * source has: {@link OpenRepositories} keeps one per directory, and assets are then reused as blobs.
     */
    private SourceRepository open(PublishTarget target) throws SourceException {
        return SourceRepository.open(target.repository().toString(), mirrors, null, repositories);
    }

    /** Packs the publishing repository when it needs it, after a publish (the service's long-lived builders). */
    public Builder housekeeping(Housekeeping housekeeping) {
        this.housekeeping = housekeeping;
        return this;
    }

    int patchedBuilds() {
        return patched.get();
    }

    private RepositoryState state(Repository repository) {
        return states.computeIfAbsent(repository.getDirectory().toPath().toAbsolutePath(), k -> new RepositoryState());
    }

    /** One build, source already open: plan, then write into a directory or publish onto the branch; each reports. */
    private BuildReport build(BuildRequest request, SourceRepository source, RevCommit commit,
                              long start, Timings t, BooleanSupplier mayPublish) throws SourceException, IOException {
        Plan plan = plan(source, commit, request, t);
        if (request.outDir() != null) {
            return writeDirectory(request.outDir(), commit, plan, start);
        }
        PublishTarget to = target(request);
        try (SourceRepository publishRepo = open(to)) {
            return publish(request, source, commit, plan, to, publishRepo.repository(), start, t, mayPublish);
        }
    }

    /** The plan of {@code commit}: patched from the last plan when only note bodies changed, else the whole site. */
    private Plan plan(SourceRepository source, RevCommit commit, BuildRequest request, Timings t) throws SourceException {
        Patch patch = patch(source, commit, request, t);
        if (patch.plan() != null) {
            patched.incrementAndGet();
            return patch.plan();
        }
        Snapshot snapshot = snapshot(source, commit, request);
        t.mark("snapshot");
        return plan(snapshot, request.baseUrl(), t, patch.refusal());
    }

    /** {@code --out}: every output written to the directory. */
    private static BuildReport writeDirectory(Path dir, RevCommit commit, Plan plan, long start) throws IOException {
        DirectoryWriter.Result written = DirectoryWriter.write(dir, List.copyOf(plan.outputs), plan.manifest);
        plan.diagnostics.warnAll(written.warnings());
        return report(commit.name(), null, "full", new BuildReport.Pages(written.written(), 0, written.removed()),
                plan, start);
    }

    /**
     * Onto the branch: read what it holds (and stop if it already shows a newer commit), write what moved, commit on
     * its tip by compare-and-swap, then pack the repositories if they need it.
     */
    private BuildReport publish(BuildRequest request, SourceRepository source, RevCommit commit, Plan plan,
                                PublishTarget to, Repository target, long start, Timings t,
                                BooleanSupplier mayPublish) throws IOException {
        Snapshot snapshot = plan.snapshot;
        PublishedBranch branch = state(source.repository()).branch(to);
        BranchPublisher publisher = new BranchPublisher(target, to.branch(), to.remoteUrl(), credentials,
                snapshot.config().keep(), branch.trees).neverOlderThanPublished(new SourceLineage(source.repository()));
        PublishedState state = branch.state(publisher, to.remoteUrl() == null);
        t.mark("state");
        if (publisher.newerPublished(state, commit.name())) {
            return report(commit.name(), state.tip().name(), SKIPPED, new BuildReport.Pages(0, 0, 0), plan, start);
        }
        Manifest previous = request.full() ? Manifest.empty() : state.manifest();
        boolean sameRepo = target == source.repository();
        // a patched plan against the very build it patched, on a branch this process wrote: only the changes
        boolean changesOnly = plan.replanned != null && !request.full() && branch.isOwn(state)
                && state.manifest() == plan.base && plan.manifest.sameBuckets(plan.base);
        BranchWriter.Written written = changesOnly
                ? BranchWriter.writeChanges(target, plan.replanned.values(), plan.outputs.size(), plan.manifest, plan.base,
                        state, sameRepo)
                : BranchWriter.write(target, plan.outputs, plan.manifest, state, previous, sameRepo);
        t.mark("render");
        String message = "Publish " + commit.abbreviate(7).name() + " from " + source.describe(request.ref())
                + "\n\n" + PublishedState.TRAILER + ": " + commit.name() + "\n";
        PersonIdent ident = new PersonIdent(snapshot.config().publishAuthorName(), snapshot.config().publishAuthorEmail());
        if (!mayPublish.getAsBoolean()) {
            throw new IOException("not published: the build was abandoned");
        }
        PublishResult result = changesOnly
                ? publisher.publishChanges(written.blobs(), () -> BranchWriter.allFiles(plan.manifest, publisher), state,
                        message, ident, commit.name())
                : publisher.publish(written.blobs(), state, message, ident, commit.name());
        branch.published(result, publisher, plan.manifest, commit.name(), target);
        t.mark("publish");
        t.print();
        if (!result.ok()) {
            throw new IOException("could not publish to " + to.branch() + ": " + result.message());
        }
        if (housekeeping != null) {
            housekeeping.afterBuild(target);
            if (target != source.repository()) {
                housekeeping.afterBuild(source.repository());
            }
        }
        String mode = result.status() == PublishResult.Status.NEWER_PUBLISHED ? SKIPPED
                : previous.isEmpty() ? "full" : "incremental";
        return report(commit.name(), result.commit().name(), mode,
                new BuildReport.Pages(written.rendered(), written.unchanged(), written.removed()), plan, start);
    }

    private NoteParser parser(Snapshot snapshot) {
        return state(snapshot.repository()).parser(snapshot.config().rawHtml());
    }

    /** Git facts for the snapshot's commit; a warm Builder extends the last index with only the new commits. */
    private HistoryIndex history(Snapshot snapshot) {
        RepositoryState state = state(snapshot.repository());
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

    /** The commit as the request sees it: a --base-url overrides the config's. */
    private static Snapshot snapshot(SourceRepository source, RevCommit commit,
                                     BuildRequest request) throws SourceException {
        Snapshot snapshot = Snapshot.read(source.repository(), commit);
        return request.baseUrl() == null ? snapshot : snapshot.withConfig(snapshot.config().withBaseUrl(request.baseUrl()));
    }

    /** What every output depends on: Imprint's version, the theme, the config and the template overrides. */
    static String salt(Snapshot snapshot) {
        return new Fingerprint("imprint").add(VERSION).add(Templates.themeHash()).add(snapshot.configBlob())
                .add(snapshot.templates()).add(snapshot.config().baseUrl()).hex();
    }

    /**
     * True when the branch already holds the build of the requested commit with the same settings: the
     * level-triggered service asks this first and does nothing more when the answer is yes.
     */
    public boolean isPublished(BuildRequest request) throws SourceException, IOException {
        try (SourceRepository source = SourceRepository.open(request.source(), mirrors, credentials, repositories)) {
            var commit = source.resolve(request.ref());
            Snapshot settings = Snapshot.settings(source.repository(), commit);
            if (request.baseUrl() != null) {
                settings = settings.withConfig(settings.config().withBaseUrl(request.baseUrl()));
            }
            PublishTarget to = target(request);
            PublishedState state;
            try (SourceRepository target = open(to)) {
                state = new BranchPublisher(target.repository(), to.branch(), to.remoteUrl(), credentials, List.of()).head();
            }
            return commit.name().equals(state.sourceCommit()) && salt(settings).equals(state.manifest().salt())
                    || new SourceLineage(source.repository()).isNewer(state.sourceCommit(), commit.name());
        }
    }

    /** Every output of the site with its fingerprint, in a stable order; nothing rendered yet. */
    public Plan plan(Snapshot snapshot) {
        synchronized (state(snapshot.repository()).lock) {
            return plan(snapshot, null, new Timings(), "asked for");
        }
    }

    /**
     * The plan of the whole site with every page rendered in memory, in parallel as a build renders, and the bytes
     * dropped: what only rendering finds (a template that fails on some pages, a URL the last look refuses) is then
     * in its {@link Plan#diagnostics()}, as in a full build's report. Assets are blobs already and are not read.
     */
    public Plan renderInMemory(Snapshot snapshot) {
        Plan plan = plan(snapshot);
        List<Output> work = plan.outputs.stream().filter(o -> o.blob() == null).toList();
        work.parallelStream().forEach(o -> o.content().get());
        return plan;
    }

    /** @param why why the whole site is planned, not patched from the last plan (the report says so) */
    private Plan plan(Snapshot snapshot, String baseUrl, Timings t, String why) {
        NoteParser parser = parser(snapshot);
        HistoryIndex history = history(snapshot);
        t.mark("history");
        String salt = salt(snapshot);
        RepositoryState state = state(snapshot.repository());
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
        parser.retain(blobs); // parses of notes no longer there go
        t.mark("site");
        List<Warning> warnings = new ArrayList<>(); // planning's own, kept for a warm build that patches this plan
        Templates templates = templates(snapshot, warnings);
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.warnAll(site.warnings());
        EmitContext ctx = new EmitContext(site, snapshot, templates, salt, last == null ? Memo.empty() : last.memo,
                diagnostics);
        Map<Emitter, List<Output>> byEmitter = new LinkedHashMap<>();
        OutputClaims claims = new OutputClaims();
        for (Emitter emitter : EMITTERS) {
            List<Output> listed = emitter.emit(ctx);
            byEmitter.put(emitter, listed);
            listed.forEach(claims::claim);
        }
        Map<String, Output> outputs = claims.outputs();
        warnings.addAll(claims.warnings());
        diagnostics.warnAll(warnings);
        Memo memo = ctx.finish();
        t.mark("emit");
        Map<String, String> fingerprints = new HashMap<>();
        outputs.forEach((path, o) -> fingerprints.put(path, o.fingerprint()));
        Manifest manifest = new Manifest(VERSION, salt, fingerprints);
        state.lastPlan = new LastPlan(salt, baseUrl, snapshot, siteBuilder.made(), memo, site, templates,
                List.copyOf(warnings), outputs, byEmitter, manifest, ctx.brokenLinks(), ctx.linkWarnings(), ctx.warnings());
        return new Plan(snapshot, site, ctx, outputs.values(), manifest, diagnostics, null, null, "whole site: " + why);
    }

    /**
     * The plan of {@code commit} patched from the last plan of the same repository, when the commits differ only in
     * some notes' bodies or titles (their {@linkplain dev.imprint.site.Note#structure() structures} are the same):
     * only the outputs that read those notes (or show their titles, for a new title) are planned again. The fingerprints decide what is written, as always; this only
     * decides what to look at. When the change reaches further, the refusal says why, and everything is planned.
     */
    private Patch patch(SourceRepository source, RevCommit commit, BuildRequest request,
                        Timings t) throws SourceException {
        RepositoryState state = state(source.repository());
        LastPlan last = state.lastPlan;
        if (last == null) {
            return Patch.refused("no earlier plan of this repository in this process");
        }
        if (!Objects.equals(last.baseUrl, request.baseUrl())) {
            return Patch.refused("another base URL than the last plan's");
        }
        if (last.snapshot.commit().equals(commit)) {
            return Patch.refused("the same commit as the last plan");
        }
        Snapshot.Patched patched = last.snapshot.patch(source.repository(), commit);
        if (patched == null) {
            return Patch.refused("more changed than the text of existing notes (files added, removed or renamed, "
                    + "assets, templates or imprint.yml)");
        }
        if (patched.changed().isEmpty()) {
            return Patch.refused("no note changed");
        }
        Snapshot snapshot = patched.snapshot();
        t.mark("snapshot");
        NoteParser parser = parser(snapshot);
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
        Set<String> files = new HashSet<>();
        Map<String, LastPlan.Reader> todo = new LinkedHashMap<>();
        changed.forEach(f -> files.add(f.path()));
        for (var swap : siteBuilder.swaps().entrySet()) {
            Note was = swap.getKey();
            for (LastPlan.Reader r : last.readers(was)) {
                todo.putIfAbsent(r.path(), r);
            }
            if (!was.title().equals(swap.getValue().title())) {
                for (LastPlan.Reader r : last.showers(was)) {
                    todo.putIfAbsent(r.path(), r);
                }
            }
        }
        last.rekey(siteBuilder.swaps());
        siteBuilder.swaps().forEach((was, now) -> {
            if (!was.file().blob().equals(now.file().blob())) {
                parser.forget(was.file().blob()); // the cache holds what the site has (a twin note parses again)
            }
        });
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.warnAll(site.warnings());
        diagnostics.warnAll(last.planWarnings);
        EmitContext ctx = EmitContext.continuing(site, snapshot, last.templates, last.salt, last.memo, last.brokenLinks,
                last.linkWarnings, last.emitWarnings, files, diagnostics);
        Map<String, Output> replanned = new LinkedHashMap<>();
        Map<String, String> fingerprints = new HashMap<>();
        for (LastPlan.Reader r : todo.values()) {
            Output o = r.emitter().replan(ctx, last.outputs.get(r.path()));
            if (o == null || !o.path().equals(r.path())) {
                return Patch.refused(r.path() + " cannot be planned again alone");
            }
            replanned.put(o.path(), o);
            if (!o.fingerprint().equals(last.manifest.get(o.path()))) {
                fingerprints.put(o.path(), o.fingerprint());
            }
        }
        ctx.finish();
        last.outputs.putAll(replanned);
        Manifest base = last.manifest;
        Manifest manifest = base.with(fingerprints);
        last.snapshot = snapshot;
        last.site = site;
        last.manifest = manifest;
        last.brokenLinks = ctx.brokenLinks();
        last.linkWarnings = ctx.linkWarnings();
        state.lastPlan = last;
        t.mark("emit (" + replanned.size() + " outputs re-planned)");
        return Patch.of(new Plan(snapshot, site, ctx, last.outputs.values(), manifest, diagnostics, replanned, base,
                "patched: " + replanned.size() + " of " + last.outputs.size() + " outputs planned again"));
    }

    /** A plan patched from the last one, or why there is none (then the whole site is planned). */
    private record Patch(Plan plan, String refusal) {
        static Patch of(Plan plan) {
            return new Patch(plan, null);
        }

        static Patch refused(String why) {
            return new Patch(null, why);
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

    /**
     * The plan of one build.
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
    }

    /** The report of a build: its warnings and broken links are what its plan's diagnostics hold by now. */
    private static BuildReport report(String source, String publish, String mode, BuildReport.Pages pages, Plan plan,
                                      long start) {
        List<BuildReport.WarningEntry> warnings = new ArrayList<>();
        for (Warning w : plan.diagnostics.warnings()) {
            warnings.add(new BuildReport.WarningEntry(w.path(), w.message()));
        }
        List<BuildReport.BrokenLinkEntry> broken = new ArrayList<>();
        for (BrokenLink b : plan.diagnostics.brokenLinks()) {
            broken.add(new BuildReport.BrokenLinkEntry(b.from(), b.to()));
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new BuildReport(source, publish, mode, plan.how, pages, warnings, broken, ms);
    }
}
