package dev.imprint.publish;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

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
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;

/**
 * Commits a set of outputs on a publishing branch. The ref only ever moves by compare-and-swap from the tip the
 * tree was built on; if someone else moved it, the tree is rebuilt on the new tip (keeping the files Imprint
 * does not own) and the swap tried again. Nothing is ever force-pushed.
 */
public final class BranchPublisher {
    public static final int ATTEMPTS = 5;
    private static final List<String> ALWAYS_KEPT = List.of("CNAME", ".nojekyll", "preview/**");

    private final Repository repository;
    private final String branch;
    private final String remoteUrl;
    private final CredentialsProvider credentials;
    private final List<PathMatcher> keep = new ArrayList<>();
    private final TreeWriter trees;

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

    public String branch() {
        return branch;
    }

    public Repository repository() {
        return repository;
    }

    /** The ref that holds the branch in {@link #repository()}. */
    public String localRef() {
        return remoteUrl == null ? Constants.R_HEADS + branch : "refs/imprint/publish/" + branch;
    }

    /** Reads the branch's state, fetching it first when it lives in another repository. */
    public PublishedState state() throws IOException {
        if (remoteUrl != null) {
            fetch();
        }
        return PublishedState.read(repository, localRef());
    }

    /** The branch's tip, source commit and manifest (fetching first when remote), without listing its files. */
    public PublishedState head() throws IOException {
        if (remoteUrl != null) {
            fetch();
        }
        return PublishedState.readHead(repository, localRef());
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
        } catch (java.net.URISyntaxException e) {
            throw new IOException("not a Git URL: " + remoteUrl, e);
        }
    }

    /** The files of the tree the last {@link #publish} wrote (its state, without reading it back; a live view). */
    public Map<String, PublishedState.TreeEntry> lastFiles() {
        return trees.files();
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
    public PublishResult publishChanges(Map<String, ObjectId> changes, java.util.function.Supplier<Map<String, ObjectId>> outputs,
                                        PublishedState expected, String message, PersonIdent ident, String sourceCommit)
            throws IOException {
        return publish(changes, outputs, expected, message, ident, sourceCommit);
    }

    private PublishResult publish(Map<String, ObjectId> changes, java.util.function.Supplier<Map<String, ObjectId>> outputs,
                                  PublishedState expected, String message, PersonIdent ident, String sourceCommit)
            throws IOException {
        PublishedState state = expected;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                state = state();
            }
            ObjectId tree = attempt == 1 && changes != null ? writeChanges(changes) : writeTree(outputs.get(), state);
            boolean sameSource = sourceCommit == null || sourceCommit.equals(state.sourceCommit());
            if (state.exists() && state.tip().getTree().equals(tree) && sameSource) {
                return new PublishResult(PublishResult.Status.NO_CHANGE, state.tip(), tree, attempt, "already published");
            }
            ObjectId commit = writeCommit(tree, state, message, ident);
            PublishResult.Status status = remoteUrl == null ? swapLocal(state, commit) : push(state, commit);
            if (status != null) {
                return new PublishResult(status, commit, tree, attempt, null);
            }
            backoff(attempt);
        }
        return new PublishResult(PublishResult.Status.REJECTED, null, null, ATTEMPTS,
                "the branch " + branch + " kept moving; gave up after " + ATTEMPTS + " attempts");
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(2000, 50L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ObjectId writeTree(Map<String, ObjectId> outputs, PublishedState state) throws IOException {
        Map<String, PublishedState.TreeEntry> files = new HashMap<>();
        for (var e : state.files().entrySet()) {
            // what the last build wrote is Imprint's own: gone from the outputs, it goes
            if (!outputs.containsKey(e.getKey()) && state.manifest().get(e.getKey()) == null && kept(e.getKey())) {
                files.put(e.getKey(), e.getValue());
            }
        }
        for (var e : outputs.entrySet()) {
            files.put(e.getKey(), new PublishedState.TreeEntry(e.getValue(), FileMode.REGULAR_FILE));
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
        changes.forEach((path, blob) -> entries.put(path, blob == null ? null : new PublishedState.TreeEntry(blob, FileMode.REGULAR_FILE)));
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

    /** Compare-and-swap on the local ref; null when someone else moved it first. */
    private PublishResult.Status swapLocal(PublishedState state, ObjectId commit) throws IOException {
        RefUpdate update = repository.updateRef(localRef());
        update.setExpectedOldObjectId(state.exists() ? state.tip() : ObjectId.zeroId());
        update.setNewObjectId(commit);
        update.setRefLogMessage("imprint: publish", false);
        RefUpdate.Result result = update.update();
        return switch (result) {
            case NEW -> PublishResult.Status.NEW;
            case FAST_FORWARD, FORCED -> PublishResult.Status.FAST_FORWARD;
            case LOCK_FAILURE, REJECTED, REJECTED_CURRENT_BRANCH -> null;
            default -> throw new IOException("cannot update " + localRef() + ": " + result);
        };
    }

    /** Pushes with the expected old id; null when the remote branch moved (the caller fetches and retries). */
    private PublishResult.Status push(PublishedState state, ObjectId commit) throws IOException {
        String remoteRef = Constants.R_HEADS + branch;
        ObjectId expectedOld = state.exists() ? state.tip() : ObjectId.zeroId();
        try (Transport transport = Transport.open(repository, new URIish(remoteUrl))) {
            transport.setCredentialsProvider(credentials);
            RemoteRefUpdate update = new RemoteRefUpdate(repository, commit.name(), remoteRef, false, null, expectedOld);
            PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
            RemoteRefUpdate.Status status = result.getRemoteUpdate(remoteRef).getStatus();
            switch (status) {
                case OK, UP_TO_DATE -> {
                    RefUpdate local = repository.updateRef(localRef());
                    local.setNewObjectId(commit);
                    local.setForceUpdate(true);
                    local.update();
                    return state.exists() ? PublishResult.Status.FAST_FORWARD : PublishResult.Status.NEW;
                }
                case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED, REJECTED_OTHER_REASON -> {
                    return null;
                }
                default -> throw new IOException("push to " + remoteUrl + " failed: " + status + " "
                        + String.valueOf(result.getRemoteUpdate(remoteRef).getMessage()));
            }
        } catch (java.net.URISyntaxException e) {
            throw new IOException("not a Git URL: " + remoteUrl, e);
        } catch (TransportException e) {
            throw new IOException("push to " + remoteUrl + " failed: " + e.getMessage(), e);
        }
    }
}
