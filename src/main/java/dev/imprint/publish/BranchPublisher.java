package dev.imprint.publish;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;

import dev.imprint.source.Redact;

/**
 * Commits a set of outputs on a publishing branch. The ref only ever moves by compare-and-swap from the tip the
 * tree was built on; if someone else moved it, the tree is rebuilt on the new tip (keeping the files Imprint
 * does not own) and the swap tried again. Nothing is ever force-pushed.
 */
public final class BranchPublisher {
    public static final int ATTEMPTS = 5;
    /** A ref lock older than this is left over (git holds one for milliseconds), not a concurrent writer. */
    static final Duration LOCK_PATIENCE = Duration.ofSeconds(10);
    private static final List<String> ALWAYS_KEPT = List.of("CNAME", ".nojekyll");

    private final Repository repository;
    private final String branch;
    private final String remoteUrl;
    private final CredentialsProvider credentials;
    private final List<PathMatcher> keep = new ArrayList<>();
    private final TreeWriter trees;
    private SourceLineage lineage;
    /** "" to publish the site at the branch's root, else a preview's folder ({@link #scoped}). */
    private String scope = "";

    /**
     * @param remoteUrl where the branch lives when it is not in {@code repository} itself, else null; the branch
     *                  is then tracked locally at {@code refs/imprint/publish/<branch>}
     */
    public BranchPublisher(Repository repository, String branch, String remoteUrl, CredentialsProvider credentials,
                           List<String> keepGlobs) {
        this(repository, branch, remoteUrl, credentials, keepGlobs, new TreeWriter());
    }

    /** @param trees remembers the folders of the last publish to this branch (a warm process keeps one per branch) */
    public BranchPublisher(Repository repository, String branch, String remoteUrl, CredentialsProvider credentials,
                           List<String> keepGlobs, TreeWriter trees) {
        this.trees = trees;
        this.repository = repository;
        this.branch = branch;
        this.remoteUrl = remoteUrl;
        this.credentials = credentials;
        for (String glob : concat(ALWAYS_KEPT, keepGlobs)) {
            keep.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * From now on, publishes into {@code folder} (e.g. {@code preview/pr-7/}) of the branch instead of its root:
     * outputs are paths inside it, everything outside it is kept as it is, and the commits say {@code Preview:}
     * with the folder, so the site's own state stays the commit that last published it. Use a publisher (and its
     * tree writer) per scope.
     */
    public BranchPublisher scoped(String folder) {
        if (!folder.isEmpty() && (!folder.endsWith("/") || folder.startsWith("/") || folder.contains("//"))) {
            throw new IllegalArgumentException("not a folder of the branch: " + folder);
        }
        this.scope = folder;
        return this;
    }

    /** "" for the site at the root, else the preview folder this publisher writes. */
    public String scope() {
        return scope;
    }

    /** From now on, refuses to publish a source commit when the branch already shows one of its descendants. */
    public BranchPublisher neverOlderThanPublished(SourceLineage lineage) {
        this.lineage = lineage;
        return this;
    }

    /** True when the branch, as {@code state} shows it, was built from a descendant of {@code sourceCommit}. */
    public boolean newerPublished(PublishedState state, String sourceCommit) throws IOException {
        return lineage != null && lineage.isNewer(state.sourceCommit(), sourceCommit);
    }

    public String branch() {
        return branch;
    }

    public Repository repository() {
        return repository;
    }

    /** The ref that holds the branch in {@link #repository()}. */
    public String localRef() {
        return localRef(branch, remoteUrl);
    }

    /** The ref that holds {@code branch} locally: the branch itself, or where a remote one is tracked. */
    public static String localRef(String branch, String remoteUrl) {
        return remoteUrl == null ? Constants.R_HEADS + branch : "refs/imprint/publish/" + branch;
    }

    /** Reads the branch's state, fetching it first when it lives in another repository. */
    public PublishedState state() throws IOException {
        if (remoteUrl != null) {
            fetch();
        }
        return PublishedState.read(repository, localRef(), scope, true);
    }

    /** The branch's tip, source commit and manifest (fetching first when remote), without listing its files. */
    public PublishedState head() throws IOException {
        if (remoteUrl != null) {
            fetch();
        }
        return PublishedState.read(repository, localRef(), scope, false);
    }

    private void fetch() throws IOException {
        try (Transport transport = Transport.open(repository, new URIish(remoteUrl))) {
            transport.setCredentialsProvider(credentials);
            Ref remote;
            try (FetchConnection c = transport.openFetch()) {
                remote = c.getRef(Constants.R_HEADS + branch);
            }
            if (remote == null) {
                RefUpdate delete = repository.updateRef(localRef());
                delete.setForceUpdate(true);
                if (repository.exactRef(localRef()) != null) {
                    delete.delete();
                }
                return;
            }
            transport.fetch(NullProgressMonitor.INSTANCE,
                    List.of(new RefSpec("+" + Constants.R_HEADS + branch + ":" + localRef())));
        } catch (URISyntaxException e) {
            throw new IOException("not a Git URL: " + remoteUrl, e);
        } catch (TransportException e) {
            throw new IOException("cannot read " + branch + " from " + remoteUrl + ": " + explained(e), e);
        }
    }

    /**
     * JGit's words for a refused login ("Authentication is required but no CredentialsProvider has been
     * registered") read as if none were given; say what happened, keeping the remote's words.
     */
    private String explained(TransportException e) {
        String words = String.valueOf(e.getMessage());
        if (!words.contains("Authentication is required") && !words.contains("not authorized")) {
            return words;
        }
        return (Redact.hasCredentials(remoteUrl) ? "the remote refused the credentials in the URL (a wrong or expired token, "
                + "or one that may not push)" : "the remote wants credentials; put them in the URL (https://user:token@host/…)")
                + " — " + words;
    }

    /**
     * The files of this publisher's scope in the tree the last {@link #publish} wrote (without reading it back; at the
     * root a live view).
     */
    public Map<String, PublishedState.TreeEntry> lastFiles() {
        return scope.isEmpty() ? trees.files() : written(null, null, Manifest.empty()).files();
    }

    /** The state the last {@link #publish} left, as {@link #state()} would read it back at {@code tip}. */
    public PublishedState written(RevCommit tip, String source, Manifest manifest) {
        if (scope.isEmpty()) {
            return new PublishedState(tip, source, manifest, trees.files());
        }
        Map<String, PublishedState.TreeEntry> files = new HashMap<>();
        Map<String, PublishedState.TreeEntry> outside = new HashMap<>();
        trees.files().forEach((path, entry) -> {
            if (path.startsWith(scope)) {
                files.put(path.substring(scope.length()), entry);
            } else {
                outside.put(path, entry);
            }
        });
        return new PublishedState(tip, source, manifest, files, scope, outside);
    }

    /**
     * Makes this branch a descendant of {@code other}'s tip (another branch of the same repository, already read), by a
     * merge commit with {@code other}'s tree, or by starting the branch at that tip when it does not exist; by
     * compare-and-swap, never forced. Nothing happens when it already descends from it. A review-before-publish
     * branch uses this to start again from the live site once its last proposal was merged, however it was merged.
     */
    public PublishResult follow(PublishedState other, String message, PersonIdent ident) throws IOException {
        if (!other.exists()) {
            return new PublishResult(PublishResult.Status.NO_CHANGE, null, null, 1, "nothing to follow");
        }
        PublishedState state = head();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                state = head();
            }
            if (state.exists() && descends(state.tip(), other.tip())) {
                return new PublishResult(PublishResult.Status.NO_CHANGE, state.tip(), state.tip().getTree(), attempt,
                        "already follows");
            }
            ObjectId commit;
            if (!state.exists()) {
                commit = other.tip();
            } else {
                CommitBuilder merge = new CommitBuilder();
                merge.setTreeId(other.tip().getTree());
                merge.setParentIds(state.tip(), other.tip());
                merge.setAuthor(ident);
                merge.setCommitter(ident);
                merge.setMessage(message);
                try (ObjectInserter inserter = BlobWriter.inserter(repository, 0)) {
                    commit = inserter.insert(merge);
                    inserter.flush();
                }
            }
            Swap swap = remoteUrl == null ? swapLocal(state, commit) : push(state, commit);
            if (swap != Swap.RACE) {
                return new PublishResult(swap.status, swap.status == PublishResult.Status.NEW
                        || swap.status == PublishResult.Status.FAST_FORWARD ? commit : null, null, attempt, swap.message);
            }
            backoff(attempt);
        }
        return new PublishResult(PublishResult.Status.KEPT_MOVING, null, null, ATTEMPTS,
                "the branch " + branch + " kept moving; gave up after " + ATTEMPTS + " attempts");
    }

    private boolean descends(ObjectId tip, ObjectId ancestor) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(tip));
        }
    }

    /**
     * Removes this publisher's folder from the branch (a closed pull request's preview), by the same
     * compare-and-swap as a publish; everything else on the branch stays. No commit when the folder is not there.
     */
    public PublishResult remove(PublishedState expected, String message, PersonIdent ident) throws IOException {
        if (scope.isEmpty()) {
            throw new IllegalStateException("only a preview folder is removed, never the site");
        }
        PublishedState state = expected;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                state = state();
            }
            if (!state.exists() || state.files().isEmpty()) {
                return new PublishResult(PublishResult.Status.NO_CHANGE, state.tip(),
                        state.exists() ? state.tip().getTree() : null, attempt, "no " + scope + " to remove");
            }
            ObjectId tree;
            try (ObjectInserter inserter = BlobWriter.inserter(repository, 0)) {
                tree = trees.write(new HashMap<>(state.outside()), inserter);
                inserter.flush();
            }
            ObjectId commit = writeCommit(tree, state, message + "\n\n" + PublishedState.PREVIEW_TRAILER + ": " + scope
                    + "\n", ident);
            Swap swap = remoteUrl == null ? swapLocal(state, commit) : push(state, commit);
            if (swap != Swap.RACE) {
                return new PublishResult(swap.status, swap.status == PublishResult.Status.NEW
                        || swap.status == PublishResult.Status.FAST_FORWARD ? commit : null, tree, attempt, swap.message);
            }
            backoff(attempt);
        }
        return new PublishResult(PublishResult.Status.KEPT_MOVING, null, null, ATTEMPTS,
                "the branch " + branch + " kept moving; gave up after " + ATTEMPTS + " attempts");
    }

    /**
     * Publishes {@code outputs} (path → blob id, all blobs already in the repository) as one commit.
     *
     * @param expected the state the outputs were planned against; its tip is the first compare-and-swap's old id
     */
    public PublishResult publish(Map<String, ObjectId> outputs, PublishedState expected, String message, PersonIdent ident)
            throws IOException {
        return publish(outputs, expected, message, ident, null);
    }

    /**
     * As {@link #publish(Map, PublishedState, String, PersonIdent)}, for the build of {@code sourceCommit}: a new
     * source commit is recorded by a new commit even when the site is the same (say, only a draft changed), so the
     * branch always says which commit it shows; only the same source and the same tree make no commit.
     */
    public PublishResult publish(Map<String, ObjectId> outputs, PublishedState expected, String message, PersonIdent ident,
                                 String sourceCommit) throws IOException {
        return publish(null, () -> outputs, expected, message, ident, sourceCommit);
    }

    /**
     * Publishes the files this publisher's last tree had with {@code changes} applied (path → blob id, or null to
     * remove): the cost follows the change, not the site. Only for a state this publisher wrote itself (its tree
     * writer holds exactly that tree); when the branch moved meanwhile, the retry rebuilds from {@code outputs}.
     */
    public PublishResult publishChanges(Map<String, ObjectId> changes, Supplier<Map<String, ObjectId>> outputs,
                                        PublishedState expected, String message, PersonIdent ident, String sourceCommit)
            throws IOException {
        return publish(changes, outputs, expected, message, ident, sourceCommit);
    }

    private PublishResult publish(Map<String, ObjectId> changes, Supplier<Map<String, ObjectId>> outputs,
                                  PublishedState expected, String message, PersonIdent ident, String sourceCommit)
            throws IOException {
        PublishedState state = expected;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                state = state();
            }
            // checked on every attempt: a newer build may have landed while this one was rendering
            if (sourceCommit != null && newerPublished(state, sourceCommit)) {
                return new PublishResult(PublishResult.Status.NEWER_PUBLISHED, state.tip(), state.tip().getTree(), attempt,
                        "already published a newer commit (" + state.sourceCommit() + ")");
            }
            ObjectId tree = attempt == 1 && changes != null ? writeChanges(changes) : writeTree(outputs.get(), state);
            boolean sameSource = sourceCommit == null || sourceCommit.equals(state.sourceCommit());
            if (state.exists() && state.tip().getTree().equals(tree) && sameSource) {
                return new PublishResult(PublishResult.Status.NO_CHANGE, state.tip(), tree, attempt, "already published");
            }
            ObjectId commit = writeCommit(tree, state, scope.isEmpty() ? message
                    : message.stripTrailing() + "\n" + PublishedState.PREVIEW_TRAILER + ": " + scope + "\n", ident);
            Swap swap = remoteUrl == null ? swapLocal(state, commit) : push(state, commit);
            if (swap != Swap.RACE) {
                return new PublishResult(swap.status, swap.status == PublishResult.Status.NEW
                        || swap.status == PublishResult.Status.FAST_FORWARD ? commit : null, tree, attempt, swap.message);
            }
            backoff(attempt);
        }
        String lock = lockHeld();
        if (lock != null) {
            return new PublishResult(PublishResult.Status.LOCKED, null, null, ATTEMPTS, lock);
        }
        return new PublishResult(PublishResult.Status.KEPT_MOVING, null, null, ATTEMPTS,
                "the branch " + branch + " kept moving; gave up after " + ATTEMPTS + " attempts");
    }

    /** How one compare-and-swap ended; {@link #RACE} when the branch moved first (worth another attempt). */
    private record Swap(PublishResult.Status status, String message) {
        static final Swap RACE = new Swap(null, null);
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(2000, 50L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ObjectId writeTree(Map<String, ObjectId> outputs, PublishedState state) throws IOException {
        // a preview keeps everything outside its folder and nothing inside it but its outputs
        Map<String, PublishedState.TreeEntry> files = new HashMap<>(state.outside());
        for (var e : state.files().entrySet()) {
            // what the last build wrote is Imprint's own: gone from the outputs, it goes
            if (scope.isEmpty() && !outputs.containsKey(e.getKey()) && state.manifest().get(e.getKey()) == null
                    && kept(e.getKey())) {
                files.put(e.getKey(), e.getValue());
            }
        }
        for (var e : outputs.entrySet()) {
            files.put(scope + e.getKey(), new PublishedState.TreeEntry(e.getValue(), FileMode.REGULAR_FILE));
        }
        // a process's first tree of the site writes every folder: into a pack, not one file per folder
        try (ObjectInserter inserter = BlobWriter.inserter(repository, trees.files().isEmpty() ? files.size() : 0)) {
            ObjectId tree = trees.write(files, inserter);
            inserter.flush();
            return tree;
        }
    }

    private ObjectId writeChanges(Map<String, ObjectId> changes) throws IOException {
        Map<String, PublishedState.TreeEntry> entries = new HashMap<>();
        changes.forEach((path, blob) -> entries.put(scope + path,
                blob == null ? null : new PublishedState.TreeEntry(blob, FileMode.REGULAR_FILE)));
        try (ObjectInserter inserter = BlobWriter.inserter(repository, 0)) {
            ObjectId tree = trees.update(entries, inserter);
            inserter.flush();
            return tree;
        }
    }

    private boolean kept(String path) {
        Path p = Path.of(path);
        for (PathMatcher m : keep) {
            if (m.matches(p)) {
                return true;
            }
        }
        return false;
    }

    private ObjectId writeCommit(ObjectId tree, PublishedState state, String message, PersonIdent ident) throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        if (state.exists()) {
            commit.setParentId(state.tip());
        }
        commit.setAuthor(ident);
        commit.setCommitter(ident);
        commit.setMessage(message);
        try (ObjectInserter inserter = BlobWriter.inserter(repository, 0)) {
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    /**
     * Compare-and-swap on the local ref. JGit answers LOCK_FAILURE both when the ref moved and when its {@code .lock}
     * file exists: only the first is a race; a lock older than {@link #LOCK_PATIENCE} is left over, not contention.
     */
    private Swap swapLocal(PublishedState state, ObjectId commit) throws IOException {
        RefUpdate update = repository.updateRef(localRef());
        update.setExpectedOldObjectId(state.exists() ? state.tip() : ObjectId.zeroId());
        update.setNewObjectId(commit);
        update.setRefLogMessage("imprint: publish", false);
        RefUpdate.Result result = update.update();
        return switch (result) {
            case NEW -> new Swap(PublishResult.Status.NEW, null);
            case FAST_FORWARD, FORCED -> new Swap(PublishResult.Status.FAST_FORWARD, null);
            case LOCK_FAILURE -> {
                if (localMoved(state)) {
                    yield Swap.RACE;
                }
                File lock = lockFile();
                yield lock.exists() && age(lock).compareTo(LOCK_PATIENCE) > 0
                        ? new Swap(PublishResult.Status.LOCKED, lockMessage(lock)) : Swap.RACE;
            }
            case REJECTED, REJECTED_CURRENT_BRANCH, REJECTED_MISSING_OBJECT, REJECTED_OTHER_REASON -> localMoved(state)
                    ? Swap.RACE : new Swap(PublishResult.Status.REFUSED, "cannot update " + localRef() + ": " + result);
            default -> new Swap(PublishResult.Status.FAILED, "cannot update " + localRef() + ": " + result);
        };
    }

    private boolean localMoved(PublishedState state) throws IOException {
        Ref now = repository.exactRef(localRef());
        ObjectId id = now == null ? null : now.getObjectId();
        return !Objects.equals(id, state.exists() ? state.tip().getId() : null);
    }

    /** The file git (and JGit) create to lock the local ref while moving it. */
    private File lockFile() {
        return new File(repository.getDirectory(), localRef() + ".lock");
    }

    /** Why the local ref cannot move, when a lock file is still there after every attempt; else null. */
    private String lockHeld() throws IOException {
        File lock = lockFile();
        return remoteUrl == null && lock.exists() ? lockMessage(lock) : null;
    }

    private static Duration age(File file) throws IOException {
        return Duration.between(Files.getLastModifiedTime(file.toPath()).toInstant(), Instant.now());
    }

    private String lockMessage(File lock) throws IOException {
        long minutes = age(lock).toMinutes();
        return localRef() + " is locked: " + lock.getAbsolutePath() + " exists (" + (minutes < 1 ? "just made"
                : "made " + minutes + " minute" + (minutes == 1 ? "" : "s") + " ago")
                + "); remove it if no other git process is running";
    }

    /**
     * Pushes with the expected old id. Only a remote tip that moved is a race; any other refusal (a pre-receive hook,
     * a protected branch, a lock on the remote's side) is final and reported in the remote's own words.
     */
    private Swap push(PublishedState state, ObjectId commit) throws IOException {
        String remoteRef = Constants.R_HEADS + branch;
        ObjectId expectedOld = state.exists() ? state.tip() : ObjectId.zeroId();
        try (Transport transport = Transport.open(repository, new URIish(remoteUrl))) {
            transport.setCredentialsProvider(credentials);
            RemoteRefUpdate update = new RemoteRefUpdate(repository, commit.name(), remoteRef, false, null, expectedOld);
            PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
            RemoteRefUpdate answer = result.getRemoteUpdate(remoteRef);
            switch (answer.getStatus()) {
                case OK, UP_TO_DATE -> {
                    RefUpdate local = repository.updateRef(localRef());
                    local.setNewObjectId(commit);
                    local.setForceUpdate(true);
                    local.update();
                    return new Swap(state.exists() ? PublishResult.Status.FAST_FORWARD : PublishResult.Status.NEW, null);
                }
                case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
                    return Swap.RACE; // JGit compared the advertised tip with the one we built on
                }
                case REJECTED_OTHER_REASON -> {
                    // the remote's own compare-and-swap failing looks like any refusal: ask where the tip is now
                    if (remoteMoved(state)) {
                        return Swap.RACE;
                    }
                    return new Swap(PublishResult.Status.REFUSED, refusal(answer, result));
                }
                default -> {
                    return new Swap(PublishResult.Status.FAILED, "push to " + remoteUrl + " failed: "
                            + answer.getStatus() + " " + String.valueOf(answer.getMessage()));
                }
            }
        } catch (URISyntaxException e) {
            throw new IOException("not a Git URL: " + remoteUrl, e);
        } catch (TransportException e) {
            throw new IOException("push to " + remoteUrl + " failed: " + explained(e), e);
        }
    }

    private boolean remoteMoved(PublishedState state) throws IOException {
        try (Transport transport = Transport.open(repository, new URIish(remoteUrl))) {
            transport.setCredentialsProvider(credentials);
            try (FetchConnection c = transport.openFetch()) {
                Ref now = c.getRef(Constants.R_HEADS + branch);
                ObjectId id = now == null ? null : now.getObjectId();
                return !Objects.equals(id, state.exists() ? state.tip().getId() : null);
            }
        } catch (URISyntaxException e) {
            throw new IOException("not a Git URL: " + remoteUrl, e);
        }
    }

    /** The remote's reason and whatever it printed (a hook's output comes as "remote:" lines), on one line. */
    private String refusal(RemoteRefUpdate answer, PushResult result) {
        StringBuilder why = new StringBuilder(remoteUrl + " refused the push to " + branch);
        if (answer.getMessage() != null && !answer.getMessage().isBlank()) {
            why.append(": ").append(answer.getMessage().trim());
        }
        String printed = result.getMessages() == null ? "" : result.getMessages().lines().map(String::strip)
                .filter(l -> !l.isEmpty()).collect(Collectors.joining(" / "));
        if (!printed.isEmpty()) {
            why.append(" (remote: ").append(printed).append(')');
        }
        return why.toString();
    }
}
