package dev.imprint.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.transport.CredentialsProvider;

import dev.imprint.emit.Assets;
import dev.imprint.emit.Emitter;
import dev.imprint.emit.Fingerprint;
import dev.imprint.emit.Output;
import dev.imprint.emit.Output;
import dev.imprint.publish.BranchPublisher;
import dev.imprint.publish.BranchWriter;
import dev.imprint.publish.DirectoryWriter;
import dev.imprint.publish.Housekeeping;
import dev.imprint.publish.Manifest;
import dev.imprint.publish.PublishResult;
import dev.imprint.publish.PublishedState;
import dev.imprint.publish.SourceLineage;
import dev.imprint.review.Review;
import dev.imprint.review.ReviewPage;
import dev.imprint.review.ReviewReport;
import dev.imprint.source.BrokenLink;
import dev.imprint.source.OpenRepositories;
import dev.imprint.source.Renames;
import dev.imprint.source.SiteConfig;
import dev.imprint.source.Snapshot;
import dev.imprint.source.SourceException;
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

    /** Where remote repositories are mirrored. */
    private final Path mirrors;
    /** Where what builds learned is kept for the next process ({@link AnalysisCache}), or null: not kept. */
    private Path analysis;
    private final Path cacheDir;
    private final CredentialsProvider credentials;
    private final List<Emitter> emitters;
    /** Where previews are published on the branch ({@code previews.path}), ending in '/'. */
    private String previewsRoot = Preview.ROOT;
    /**
     * The warm state of each source repository this Builder has built, by its Git directory, and apart from it the
     * state its previews share: a preview's plan never displaces the site's.
     */
    private final Map<StateKey, RepositoryState> states = new ConcurrentHashMap<>();

    private record StateKey(Path gitDir, Kind kind) {
        enum Kind { SITE, PREVIEW, REVIEW_BASE }
    }
    private final OpenRepositories repositories = new OpenRepositories();
    private Housekeeping housekeeping;
    /** How many builds patched the last plan instead of planning the whole site (for tests). */
    private final AtomicInteger patched = new AtomicInteger();

    public Builder(Path cacheDir) {
        this(cacheDir, null);
    }

    /** @param credentials for fetching and pushing remote repositories (a token), or null */
    public Builder(Path cacheDir, CredentialsProvider credentials) {
        this(cacheDir, credentials, Planner.EMITTERS);
    }

    /** A Builder with other emitters than Imprint's (tests of the planner). */
    Builder(Path cacheDir, CredentialsProvider credentials, List<Emitter> emitters) {
        this.cacheDir = cacheDir;
        this.mirrors = cacheDir.resolve("repos");
        this.credentials = credentials;
        this.emitters = emitters;
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
            synchronized (state(source.repository(), request.preview()).lock) {
                return build(request, source, commit, start, t, mayPublish);
            }
        }
    }

    /** The Git directory holding the request's source on this machine: its path, or the mirror of its URL. */
    public Path sourceDir(BuildRequest request) {
        return SourceRepository.isUrl(request.source()) ? SourceRepository.mirrorDir(request.source(), mirrors)
                : Path.of(request.source());
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

    /** Publishes previews into {@code root} (a folder ending in '/') of the branch instead of {@code preview/}. */
    public Builder previewsAt(String root) {
        this.previewsRoot = root;
        return this;
    }

    public String previewsRoot() {
        return previewsRoot;
    }

    /** Packs the publishing repository when it needs it, after a publish (the service's long-lived builders). */
    public Builder housekeeping(Housekeeping housekeeping) {
        this.housekeeping = housekeeping;
        return this;
    }

    /**
     * Keeps what each build of a site learned (parsed notes, the history index) in {@code <cache dir>/analysis}, and
     * starts a fresh process's first build from it: a one-shot {@code imprint build} then parses only what is new.
     * A long-lived Builder (the service) keeps all of that in memory and needs no file.
     */
    public Builder keepAnalysis() {
        this.analysis = cacheDir.resolve("analysis");
        return this;
    }

    /** How many note blobs the site states of this Builder parsed (cache misses; for tests). */
    int parses() {
        int n = 0;
        for (var e : states.entrySet()) {
            if (e.getKey().kind() == StateKey.Kind.SITE) {
                n += e.getValue().parses();
            }
        }
        return n;
    }

    int patchedBuilds() {
        return patched.get();
    }

    private RepositoryState state(Repository repository, Preview preview) {
        return state(repository, preview == null ? StateKey.Kind.SITE : StateKey.Kind.PREVIEW);
    }

    private RepositoryState state(Repository repository, StateKey.Kind kind) {
        Path dir = repository.getDirectory().toPath().toAbsolutePath();
        if (kind == StateKey.Kind.SITE) {
            return states.computeIfAbsent(new StateKey(dir, kind), k -> new RepositoryState());
        }
        RepositoryState site = state(repository, StateKey.Kind.SITE);
        return states.computeIfAbsent(new StateKey(dir, kind), k -> new RepositoryState(site));
    }

    /** One build, source already open: plan, then write into a directory or publish onto the branch; each reports. */
    private BuildReport build(BuildRequest request, SourceRepository source, RevCommit commit,
                              long start, Timings t, BooleanSupplier mayPublish) throws SourceException, IOException {
        if (analysis == null || request.preview() != null) {
            return build(request, source, commit, plan(source, commit, request, t), start, t, mayPublish);
        }
        AnalysisCache cache = new AnalysisCache(analysis, source.repository());
        Plan plan = planWithAnalysis(cache, source, commit, request, t);
        // the file is written while the site is published (a few hundred milliseconds on 10,000 notes), then waited for
        FutureTask<String> saving = new FutureTask<>(() -> cache.save(state(source.repository(), StateKey.Kind.SITE),
                plan.snapshot().config().rawHtml(), source.repository()));
        Thread saver = new Thread(saving, "imprint-analysis-save");
        saver.setDaemon(true);
        saver.start();
        BuildReport report;
        String unsaved;
        try {
            report = build(request, source, commit, plan, start, t, mayPublish);
        } finally {
            unsaved = await(saving);
        }
        return unsaved == null ? report : report.withWarning(cache.file().toString(), unsaved);
    }

    /** What saving the analysis file said: null, or why it was not saved. */
    private static String await(FutureTask<String> saving) {
        try {
            return saving.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "analysis cache not saved: interrupted";
        } catch (ExecutionException e) {
            return "analysis cache not saved: " + e.getCause();
        }
    }

    private BuildReport build(BuildRequest request, SourceRepository source, RevCommit commit, Plan planned,
                              long start, Timings t, BooleanSupplier mayPublish) throws SourceException, IOException {
        Plan plan = planned;
        if (request.preview() != null && request.preview().base() != null) {
            RevCommit base = mergeBase(source.repository(), source.resolve(request.preview().base()), commit);
            plan = review(source, base, commit, request, plan, true, t);
        } else if (request.proposes() != null) {
            String live = liveSource(request); // null before the first proposal went live: every page is new
            plan = review(source, live == null ? null : source.resolve(live), commit, request, plan, false, t);
        }
        if (request.outDir() != null) {
            return writeDirectory(request.outDir(), commit, plan, start);
        }
        PublishTarget to = target(request);
        try (SourceRepository publishRepo = open(to)) {
            return publish(request, source, commit, plan, to, publishRepo.repository(), start, t, mayPublish);
        }
    }

    /** The plan of {@code commit}: patched from the last plan when only note text changed, else the whole site. */
    private Plan plan(SourceRepository source, RevCommit commit, BuildRequest request, Timings t) throws SourceException {
        Planner planner = planner(source.repository(), request.preview());
        Object overrides = Arrays.asList(request.baseUrl(), request.preview());
        Planner.Patch patch = planner.patch(source.repository(), commit, overrides, t);
        if (patch.plan() != null) {
            patched.incrementAndGet();
            return patch.plan();
        }
        Snapshot snapshot = snapshot(Snapshot.read(source.repository(), commit), request);
        t.mark("snapshot");
        return planner.whole(snapshot, overrides, patch.refusal(), t);
    }

    /**
     * {@link #plan}, starting a fresh state from the analysis file (the caller saves what it learned afterwards).
     * What goes wrong with the file is a warning in the report, never a failed or different build.
     */
    private Plan planWithAnalysis(AnalysisCache cache, SourceRepository source, RevCommit commit,
                                  BuildRequest request, Timings t) throws SourceException {
        Repository repo = source.repository();
        RepositoryState state = state(repo, StateKey.Kind.SITE);
        // --full parses everything again (and the file is written afresh): the user's way past any doubt
        String loaded = !request.full() && state.lastPlan == null && state.history == null
                ? cache.load(state, repo) : null;
        t.mark("analysis read");
        Plan plan = plan(source, commit, request, t);
        if (loaded != null) {
            plan.diagnostics().warn(cache.file().toString(), loaded);
        }
        return plan;
    }

    /**
     * A plan with its review: the base (for a preview, the merge base of its base branch and its head; for a
     * proposal, what the live branch shows) planned with the same settings, in a warm state of its own, and compared
     * with the head's plan page by page. A preview's review page is published with it.
     */
    private Plan review(SourceRepository source, RevCommit base, RevCommit head, BuildRequest request, Plan plan,
                        boolean withPage, Timings t) throws SourceException, IOException {
        Preview preview = request.preview();
        String label = preview != null ? preview.label() : "the proposed publish";
        Repository repo = source.repository();
        RepositoryState state = state(repo, StateKey.Kind.REVIEW_BASE);
        synchronized (state.lock) {
            Planner planner = new Planner(state, emitters, preview == null ? null : preview.label(), previewsRoot);
            Object overrides = Arrays.asList(request.baseUrl(), preview);
            Review.Side baseSide = new Review.Side(null, Map.of(), List.of(), List.of());
            if (base != null) {
                Plan basePlan = planner.same(base, overrides);
                if (basePlan == null) {
                    Planner.Patch patch = planner.patch(repo, base, overrides, t);
                    basePlan = patch.plan() != null ? patch.plan()
                            : planner.whole(snapshot(Snapshot.read(repo, base), request), overrides, patch.refusal(), t);
                }
                baseSide = side(base, basePlan);
            }
            ReviewReport report = Review.compare(label, baseSide, side(head, plan),
                    base == null ? Map.of() : Renames.between(repo, base, head), Set.of(Preview.REVIEW));
            t.mark("review");
            if (!withPage) {
                return plan.withReview(report, null); // a proposal's review goes to its pull request, not the site
            }
            byte[] page = ReviewPage.of(report, null).getBytes(StandardCharsets.UTF_8);
            return plan.withReview(report, Output.rendered(Preview.REVIEW,
                    Fingerprint.of("review", new String(page, StandardCharsets.UTF_8)), () -> page));
        }
    }

    /** The source commit the branch a request proposes to shows, or null when it shows none yet. */
    private String liveSource(BuildRequest request) throws SourceException, IOException {
        PublishTarget live = target(request.liveRequest());
        try (SourceRepository target = open(live)) {
            return new BranchPublisher(target.repository(), live.branch(), live.remoteUrl(), credentials, List.of())
                    .head().sourceCommit();
        }
    }

    /**
     * For review before publish: makes the proposals branch follow the live one (a merge commit once its last
     * proposal went live, however it was merged), so the next build proposes only what is new. Never forced.
     */
    public PublishResult followLive(BuildRequest proposal) throws SourceException, IOException {
        PublishTarget to = target(proposal);
        PublishTarget live = target(proposal.liveRequest());
        // the source opened first: a remote one's mirror, which holds the branches, is made on its first look
        try (SourceRepository source = SourceRepository.open(proposal.source(), mirrors, credentials, repositories);
             SourceRepository target = open(to)) {
            PublishedState shown = new BranchPublisher(target.repository(), live.branch(), live.remoteUrl(),
                    credentials, List.of()).head();
            String message = "Follow " + live.branch() + " after it took the last proposal\n\n"
                    + (shown.sourceCommit() == null ? "" : PublishedState.TRAILER + ": " + shown.sourceCommit() + "\n");
            return new BranchPublisher(target.repository(), to.branch(), to.remoteUrl(), credentials, List.of())
                    .follow(shown, message, imprint());
        }
    }

    /** Who commits what no build's config names an author for (a preview's removal, following the live branch). */
    private static PersonIdent imprint() {
        SiteConfig defaults = SiteConfig.defaults();
        return new PersonIdent(defaults.publishAuthorName(), defaults.publishAuthorEmail());
    }

    /** A side of a review: a plan's outputs, and what planning it found. */
    private static Review.Side side(RevCommit commit, Plan plan) {
        return new Review.Side(commit.name(), plan.byPath(), plan.diagnostics().warnings(),
                plan.diagnostics().brokenLinks());
    }

    /** The newest common ancestor of the base branch's tip and the head, or the tip when they share none. */
    private static RevCommit mergeBase(Repository repo, RevCommit tip, RevCommit head) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(tip));
            walk.markStart(walk.parseCommit(head));
            RevCommit base = walk.next();
            return base == null ? tip : base;
        }
    }

    private Planner planner(Repository repository, Preview preview) {
        return new Planner(state(repository, preview), emitters, preview == null ? null : preview.label(),
                previewsRoot);
    }

    /** {@code --out}: every output written to the directory. */
    private static BuildReport writeDirectory(Path dir, RevCommit commit, Plan plan, long start) throws IOException {
        DirectoryWriter.Result written = DirectoryWriter.write(dir, List.copyOf(plan.outputs()), plan.manifest());
        plan.diagnostics().warnAll(written.warnings());
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
        Snapshot snapshot = plan.snapshot();
        Preview preview = request.preview();
        PublishedBranch branch = state(source.repository(), preview).branch(to);
        List<String> keep = new ArrayList<>(snapshot.config().keep());
        keep.add(previewsRoot + "**"); // the site's publish leaves the previews as they are
        BranchPublisher publisher = new BranchPublisher(target, to.branch(), to.remoteUrl(), credentials, keep,
                branch.trees).scoped(to.subpath());
        if (preview == null) {
            // a pull request's head may be force-pushed to an older commit: only the site never goes back
            publisher.neverOlderThanPublished(new SourceLineage(source.repository()));
        }
        PublishedState state = branch.state(publisher, to.remoteUrl() == null);
        t.mark("state");
        if (publisher.newerPublished(state, commit.name())) {
            return report(commit.name(), state.tip().name(), SKIPPED, new BuildReport.Pages(0, 0, 0), plan, start);
        }
        Manifest previous = request.full() ? Manifest.empty() : state.manifest();
        Manifest manifest = preview == null ? plan.published() : plan.published().builtFrom(commit.name());
        boolean sameRepo = target == source.repository();
        // a patched plan against the very build it patched, on a branch this process wrote: only the changes
        boolean changesOnly = plan.patched() && !request.full() && branch.isOwn(state)
                && branch.wrote(plan.base()) && manifest.sameBuckets(state.manifest());
        BranchWriter.Written written = changesOnly
                ? BranchWriter.writeChanges(target, plan.rewritten(), plan.written().size(), manifest,
                        state.manifest(), state, sameRepo)
                : BranchWriter.write(target, plan.written(), manifest, state, previous, sameRepo);
        t.mark("render");
        String message = preview == null
                ? "Publish " + commit.abbreviate(7).name() + " from " + source.describe(request.ref())
                        + "\n\n" + PublishedState.TRAILER + ": " + commit.name() + "\n"
                : "Preview " + preview.label() + " at " + commit.abbreviate(7).name() + " from "
                        + source.describe(request.ref()) + "\n\n";
        PersonIdent ident = new PersonIdent(snapshot.config().publishAuthorName(), snapshot.config().publishAuthorEmail());
        if (!mayPublish.getAsBoolean()) {
            throw new IOException("not published: the build was abandoned");
        }
        PublishResult result = changesOnly
                ? publisher.publishChanges(written.blobs(), () -> BranchWriter.allFiles(manifest, publisher),
                        state, message, ident, commit.name())
                : publisher.publish(written.blobs(), state, message, ident, commit.name());
        branch.published(result, publisher, manifest, plan.manifest(), commit.name(), target);
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

    /**
     * The commit as the request sees it: a --base-url overrides the config's; a preview's base URL is in its folder,
     * and an untrusted preview's raw HTML is sanitized and its templates left out.
     */
    private static Snapshot snapshot(Snapshot snapshot, BuildRequest request) {
        var config = snapshot.config();
        if (request.baseUrl() != null) {
            config = config.withBaseUrl(request.baseUrl());
        }
        Preview preview = request.preview();
        if (preview == null) {
            return config == snapshot.config() ? snapshot : snapshot.withConfig(config);
        }
        if (config.base() != null) {
            config = config.withBaseUrl(config.base() + preview.folder());
        }
        if (preview.untrusted()) {
            Snapshot sanitized = snapshot.withConfig(config.withRawHtml(false));
            return preview.trustTemplates() ? sanitized : sanitized.withoutTemplates();
        }
        return snapshot.withConfig(config);
    }

    /**
     * True when the branch already holds the build of the requested commit with the same settings: the
     * level-triggered service asks this first and does nothing more when the answer is yes.
     */
    public boolean isPublished(BuildRequest request) throws SourceException, IOException {
        try (SourceRepository source = SourceRepository.open(request.source(), mirrors, credentials, repositories)) {
            var commit = source.resolve(request.ref());
            Snapshot settings = snapshot(Snapshot.settings(source.repository(), commit), request);
            PublishTarget to = target(request);
            PublishedState state;
            try (SourceRepository target = open(to)) {
                state = new BranchPublisher(target.repository(), to.branch(), to.remoteUrl(), credentials, List.of())
                        .scoped(to.subpath()).head();
            }
            Preview preview = request.preview();
            String salt = Planner.salt(settings, preview == null ? null : preview.label());
            return commit.name().equals(state.sourceCommit()) && salt.equals(state.manifest().salt())
                    || preview == null && new SourceLineage(source.repository()).isNewer(state.sourceCommit(),
                            commit.name());
        }
    }

    /**
     * Removes the request's preview folder from its branch (the pull request was closed), by compare-and-swap like a
     * publish; the site and the other previews stay as they are. {@code NO_CHANGE} when the folder is not there.
     */
    public PublishResult removePreview(BuildRequest request) throws SourceException, IOException {
        Preview preview = Objects.requireNonNull(request.preview(), "only a preview is removed");
        PublishTarget to = target(request);
        try (SourceRepository target = open(to)) {
            BranchPublisher publisher = new BranchPublisher(target.repository(), to.branch(), to.remoteUrl(),
                    credentials, List.of()).scoped(to.subpath());
            return publisher.remove(publisher.state(), "Remove the preview of " + preview.label(), imprint());
        }
    }

    /** Every output of the site with its fingerprint, in a stable order; nothing rendered yet. */
    public Plan plan(Snapshot snapshot) {
        synchronized (state(snapshot.repository(), StateKey.Kind.SITE).lock) {
            return planner(snapshot.repository(), null).whole(snapshot, null, "asked for", new Timings());
        }
    }

    /**
     * The plan of the whole site with every page rendered in memory, in parallel as a build renders, and the bytes
     * dropped: what only rendering finds (a template that fails on some pages, a URL the last look refuses) is then
     * in its {@link Plan#diagnostics()}, as in a full build's report. Assets are blobs already and are not read.
     */
    public Plan renderInMemory(Snapshot snapshot) {
        Plan plan = plan(snapshot);
        List<Output> work = plan.outputs().stream().filter(o -> o.blob() == null).toList();
        work.parallelStream().forEach(o -> o.content().get());
        return plan;
    }

    /** The report of a build: its warnings and broken links are what its plan's diagnostics hold by now. */
    private static BuildReport report(String source, String publish, String mode, BuildReport.Pages pages, Plan plan,
                                      long start) {
        List<BuildReport.WarningEntry> warnings = new ArrayList<>();
        for (Warning w : plan.diagnostics().warnings()) {
            warnings.add(new BuildReport.WarningEntry(w.path(), w.message()));
        }
        List<BuildReport.BrokenLinkEntry> broken = new ArrayList<>();
        for (BrokenLink b : plan.diagnostics().brokenLinks()) {
            broken.add(new BuildReport.BrokenLinkEntry(b.from(), b.to()));
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new BuildReport(source, publish, mode, plan.how(), pages, warnings, broken, ms, plan.review());
    }
}
