package dev.imprint.service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.imprint.forge.PullRequestEvent;
import dev.imprint.forge.PullRequestState;
import dev.imprint.pipeline.BuildRequest;
import dev.imprint.pipeline.Builder;
import dev.imprint.pipeline.Preview;
import dev.imprint.pipeline.PublishTarget;
import dev.imprint.source.Redact;
import dev.imprint.source.SourceRepository;

/**
 * The previews of one repository: a {@link Worker} per preview folder, made when a branch or a pull request wants
 * one and stopped, with its folder removed, when that is gone. Level-triggered like the site's worker:
 * {@link #reconcile} compares the source's branches with the preview folders on the publishing branch and brings
 * them together, so a branch deleted while Imprint was down loses its preview at the next look.
 */
final class Previews {
    private static final Logger LOG = LoggerFactory.getLogger(Previews.class);
    private static final Pattern PULL_REQUEST_FOLDER = Pattern.compile("pr-[0-9]+");

    private final String repo;
    private final BuildRequest site;
    private final Builder builder;
    private final ServiceConfig.PreviewSettings settings;
    private final Function<BuildRequest, Worker> workers;
    private final List<Pattern> branches = new ArrayList<>();
    /** The preview workers by folder ({@code preview/pr-7/}). */
    private final Map<String, Worker> running = new ConcurrentHashMap<>();
    private final Map<String, BuildRequest> requests = new ConcurrentHashMap<>();
    /** The last event of each pull request's preview, by folder; its status waits for a look that settles it. */
    private final Map<String, PullRequestEvent> events = new ConcurrentHashMap<>();
    /** The pull requests' folders whose head got a pending status that no look has settled yet. */
    private final Set<String> unsettled = ConcurrentHashMap.newKeySet();
    /** Comments and statuses on the forge, or null when no forge API is configured. */
    private final PreviewFeedback feedback;
    /** For fetching pull request heads from the source's URL (a private repository), or null. */
    private final CredentialsProvider credentials;
    /** When the forge is next asked whether the previewed pull requests are still open (not on every push). */
    private volatile long nextStateCheck;
    static final Duration STATE_CHECKS = Duration.ofMinutes(5);

    /**
     * @param site the site's own build request (its source, branch and where it publishes)
     * @param workers makes the worker of one preview's request
     */
    Previews(String repo, BuildRequest site, Builder builder, ServiceConfig.PreviewSettings settings,
             Function<BuildRequest, Worker> workers, PreviewFeedback feedback, CredentialsProvider credentials) {
        this.repo = repo;
        this.feedback = feedback;
        this.credentials = credentials;
        this.nextStateCheck = System.nanoTime(); // the first look after start asks
        this.site = site;
        this.builder = builder;
        this.settings = settings;
        this.workers = workers;
        for (String glob : settings.branches) {
            branches.add(glob(glob));
        }
    }

    /** A branch glob where {@code *} is any characters (slashes too) and {@code ?} one. */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }

    boolean enabled() {
        return settings.enabled;
    }

    /**
     * Brings the branch previews in line with the source's branches: a worker for every branch that wants a preview
     * (each asked to look), and the folder of every branch preview whose branch is gone removed. At most every
     * {@link #STATE_CHECKS}, the forge is asked about each pull request with a preview, and a closed one's goes.
     */
    void reconcile() {
        if (!settings.enabled) {
            return;
        }
        try {
            Map<String, String> wanted = new TreeMap<>(); // folder -> branch
            for (String branch : sourceBranches()) {
                // never the site's branch, nor the branch it is published on, nor Imprint's own (proposals)
                if (!branch.equals(site.ref()) && !branch.equals(site.branch()) && !branch.startsWith("imprint/")
                        && branches.stream().anyMatch(p -> p.matcher(branch).matches())) {
                    wanted.put(Preview.ofBranch(builder.previewsRoot(), branch, site.ref()).folder(), branch);
                }
            }
            wanted.forEach((folder, branch) -> worker(site.asPreview(Preview.ofBranch(builder.previewsRoot(), branch,
                            site.ref()))
                    .withRef(branch)).trigger("reconcile"));
            running.forEach((folder, w) -> {
                if (!wanted.containsKey(folder)) {
                    w.trigger("reconcile"); // a pull request's preview: its head is fetched again first
                }
            });
            boolean askForge = feedback != null && System.nanoTime() - nextStateCheck >= 0;
            if (askForge) {
                nextStateCheck = System.nanoTime() + STATE_CHECKS.toNanos();
            }
            for (String folder : publishedFolders()) {
                String name = folder.substring(builder.previewsRoot().length(), folder.length() - 1);
                if (!PULL_REQUEST_FOLDER.matcher(name).matches()) {
                    if (!wanted.containsKey(folder)) {
                        remove(folder, "its branch is gone");
                    }
                } else if (askForge) {
                    closedWhileAway(Integer.parseInt(name.substring(3)), folder);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: previews not reconciled: {}", repo, e.getMessage());
        }
    }

    /** A pull request was opened, pushed to or closed: its preview is built, built again, or removed. */
    void pullRequest(PullRequestEvent event) {
        Preview preview = Preview.ofPullRequest(builder.previewsRoot(), event.number(), event.fork(), event.baseBranch());
        if (event.fork() && settings.trustTemplates) {
            preview = preview.trustingTemplates();
        }
        if (event.action() == PullRequestEvent.Action.CLOSED) {
            remove(preview.folder(), event.summary());
            events.remove(preview.folder());
            if (feedback != null) {
                feedback.closed(event, preview);
            }
            return;
        }
        events.put(preview.folder(), event);
        if (feedback != null) {
            unsettled.add(preview.folder());
            feedback.building(event, preview);
        }
        BuildRequest request = site.asPreview(preview).withRef(PullRequestHead.ref(event.number()));
        worker(request, new PullRequestHead(builder.sourceDir(site), site.source(), event, credentials))
                .trigger(event.summary());
    }

    /**
     * A pull request's preview folder on the branch: when the forge says the pull request is closed or merged (its
     * webhook missed, Imprint down at the time), the folder goes and the comment says so.
     */
    private void closedWhileAway(int number, String folder) {
        PullRequestState state = feedback.state(number);
        if (state == null || state.state() == PullRequestState.State.OPEN) {
            return;
        }
        boolean merged = state.state() == PullRequestState.State.MERGED;
        PullRequestEvent closed = new PullRequestEvent(number, PullRequestEvent.Action.CLOSED, merged, state.headSha(),
                null, null, null, state.base(), null, false, null, null, null, null);
        remove(folder, closed.summary() + " (found on reconcile)");
        events.remove(folder);
        feedback.closed(closed, Preview.ofPullRequest(builder.previewsRoot(), number, false, state.base()));
    }

    /** After a look of a pull request's preview: the forge hears how it went, once per head. */
    private void looked(String folder, Worker worker) {
        PullRequestEvent event = events.get(folder);
        BuildRequest request = requests.get(folder);
        List<BuildRecord> records = worker.records();
        if (feedback == null || event == null || request == null || records.isEmpty()) {
            return;
        }
        BuildRecord last = records.get(0);
        if (last.report() != null && last.report().review() != null) {
            unsettled.remove(folder);
            feedback.published(event, request.preview(), last.report());
        } else if ("failed".equals(last.outcome())) {
            unsettled.remove(folder);
            feedback.failed(event, request.preview(), last.error());
        } else if (unsettled.remove(folder)) {
            feedback.upToDate(event, request.preview()); // built before: its comment already says what changed
        }
    }

    private Worker worker(BuildRequest request) {
        return worker(request, null);
    }

    private synchronized Worker worker(BuildRequest request, PullRequestHead head) {
        String folder = request.preview().folder();
        BuildRequest known = requests.get(folder);
        if (known != null && !known.equals(request)) {
            Worker old = running.remove(folder);
            if (old != null) {
                old.stop();
            }
        }
        requests.put(folder, request);
        return running.computeIfAbsent(folder, f -> {
            Worker w = workers.apply(request);
            if (head != null) {
                w.beforeEachLook(head::fetch);
                w.afterEachLook(() -> looked(folder, w));
            }
            return w;
        });
    }

    private synchronized void remove(String folder, String why) {
        Worker w = running.remove(folder);
        BuildRequest request = requests.remove(folder);
        if (w != null) {
            w.stop();
        }
        BuildRequest removal = request != null ? request : site.asPreview(new Preview(folder, folder, false, null, false));
        try {
            var result = builder.removePreview(removal);
            if (result.ok() && result.commit() != null) {
                LOG.info("{}: removed {} ({})", repo, folder, why);
            }
        } catch (Exception e) {
            LOG.warn("{}: could not remove {}: {}", repo, folder, e.getMessage());
        }
    }

    /** Stops every preview's worker and the forge calls (the service is closing). */
    void stop() {
        running.values().forEach(Worker::stop);
        if (feedback != null) {
            feedback.stop();
        }
    }

    /** The source's branches, short names, as this machine has them (a remote source's mirror, fetched by the site's looks). */
    private Set<String> sourceBranches() throws IOException {
        Set<String> names = new TreeSet<>();
        var dir = builder.sourceDir(site).toFile();
        if (!dir.exists()) {
            return names;
        }
        try (Repository r = Git.open(dir).getRepository()) {
            for (Ref ref : r.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                names.add(ref.getName().substring(Constants.R_HEADS.length()));
            }
        }
        return names;
    }

    /** The preview folders on the publishing branch ({@code preview/x/}). */
    private Set<String> publishedFolders() throws IOException {
        Set<String> folders = new TreeSet<>();
        PublishTarget target = builder.target(site);
        if (!target.repository().toFile().exists()) {
            return folders;
        }
        try (Repository r = Git.open(target.repository().toFile()).getRepository()) {
            Ref ref = r.exactRef(target.ref());
            if (ref == null) {
                return folders;
            }
            try (RevWalk walk = new RevWalk(r);
                 TreeWalk tw = TreeWalk.forPath(r, builder.previewsRoot().substring(0, builder.previewsRoot().length() - 1),
                         walk.parseCommit(ref.getObjectId()).getTree())) {
                if (tw == null || tw.getFileMode(0) != FileMode.TREE) {
                    return folders;
                }
                try (TreeWalk children = new TreeWalk(r)) {
                    children.addTree(tw.getObjectId(0));
                    while (children.next()) {
                        if (children.getFileMode(0) == FileMode.TREE) {
                            folders.add(builder.previewsRoot() + children.getNameString() + "/");
                        }
                    }
                }
            }
        }
        return folders;
    }

    /** The previews for the status page and the API. */
    List<Map<String, Object>> json() {
        List<Map<String, Object>> out = new ArrayList<>();
        new TreeMap<>(running).forEach((folder, w) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("folder", folder);
            BuildRequest request = requests.get(folder);
            m.put("label", request == null ? folder : request.preview().label());
            m.put("state", w.state());
            m.put("last_error", w.lastError());
            m.put("forge_problem", feedback == null ? null : feedback.lastProblem());
            m.put("review", "/site/" + repo + "/" + folder + "_review/");
            out.add(m);
        });
        return out;
    }

    /** Fetches a pull request's head into the source's repository on this machine before each look. */
    static final class PullRequestHead {
        private final Path dir;
        private final String source;
        private final PullRequestEvent event;
        private final CredentialsProvider credentials;

        /** @param credentials the source's, used only for the source's own URL, never sent to a fork's */
        PullRequestHead(Path dir, String source, PullRequestEvent event, CredentialsProvider credentials) {
            this.dir = dir;
            this.source = source;
            this.event = event;
            this.credentials = credentials;
        }

        /** Where a pull request's head is kept: never a branch, so a mirror's fetch of branches leaves it alone. */
        static String ref(int number) {
            return "refs/imprint/pr/" + number;
        }

        /** The forge's ref for the head (forks included), else the head repository's branch. */
        void fetch() throws IOException {
            try (Git git = Git.open(dir.toFile())) {
                String url = SourceRepository.isUrl(source) ? source : dir.toString();
                List<String> tried = new ArrayList<>();
                if (event.fetchRef() != null && tryFetch(git, url, event.fetchRef(), credentials, tried)) {
                    return;
                }
                if (event.headCloneUrl() != null && event.headBranch() != null
                        && tryFetch(git, event.headCloneUrl(), Constants.R_HEADS + event.headBranch(), null, tried)) {
                    return;
                }
                throw new IOException("cannot fetch the head of " + event.summary() + ": " + String.join("; ", tried));
            }
        }

        private boolean tryFetch(Git git, String url, String ref, CredentialsProvider with, List<String> tried) {
            try {
                git.fetch().setRemote(url).setCredentialsProvider(with)
                        .setRefSpecs(new RefSpec("+" + ref + ":" + ref(event.number()))).call();
                return git.getRepository().exactRef(ref(event.number())) != null;
            } catch (GitAPIException | IOException | RuntimeException e) {
                tried.add(ref + " from " + Redact.text(url) + ": " + e.getMessage());
                return false;
            }
        }
    }
}
