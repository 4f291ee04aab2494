package dev.imprint.source;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Per-file Git history facts (created, updated, contributors) for every path at a commit, computed in one
 * pass over history instead of one {@code git log} per file.
 *
 * <h2>How</h2>
 * The first-parent chain from the head is walked oldest-first; each commit is diffed against its first
 * parent (or the empty tree for a root commit) with one reused {@link TreeWalk} filtered by
 * {@link TreeFilter#ANY_DIFF}, so identical subtrees are skipped and a commit costs O(its change). One
 * {@link ObjectReader} serves the whole walk. The state is a map from path to its facts, updated per
 * change:
 * <ul>
 *   <li>add: a new history (created = updated = this commit), or, if the path existed before and was
 *       deleted, its old history continues, the deleting commit counted as a change (like
 *       {@code git log -- path}, which lists the commits of every earlier life of the path);</li>
 *   <li>modify (content or mode): updated = this commit, its author counted once more;</li>
 *   <li>rename: the history moves to the new path (created and contributors carry over) and the rename
 *       commit counts as a change; copy: the new path starts from a copy of the source's history.</li>
 * </ul>
 *
 * <h2>Choices</h2>
 * <ul>
 *   <li><b>Merges</b>: only the first-parent chain is walked and a merge is diffed against its first
 *       parent, like {@code git log --first-parent}. Whatever a merged branch changed is attributed to the
 *       merge commit: its author time (when the change landed on the published branch) and its author
 *       (for a GitHub pull request, the person who merged it, not the one who wrote it). This keeps one
 *       linear state, makes every commit cost one diff, and makes {@link #extend} a plain continuation.</li>
 *   <li><b>Dates</b> are the commit's author time ({@link PersonIdent#getWhenAsInstant()}), which survives
 *       rebases and cherry-picks, unlike the committer time.</li>
 *   <li><b>Contributors</b> are author names exactly as git records them (no mailmap, no emails), so one
 *       person who committed under two spellings appears twice.</li>
 *   <li><b>Renames</b> are found by JGit's {@link RenameDetector} only in commits that both add and delete
 *       files, with git's default similarity (50%) and rename limit (1000, or {@code diff.renameLimit});
 *       exact renames (same blob) are always found, content renames are skipped past the limit and for
 *       binary files. Like {@code git log --follow}, a rename is only recognised within one commit.</li>
 *   <li><b>Contributor order</b>: most commits first, ties by name in plain {@link String} order (code
 *       points, so "Zed" sorts before "ada").</li>
 *   <li><b>Shallow clones</b> (e.g. a CI checkout with depth 1): the walk stops at the shallow boundary,
 *       so every file older than it is "created" there. History facts need the full history.</li>
 *   <li>Every non-tree entry is indexed: regular files, symlinks and submodule links.</li>
 * </ul>
 * Instances are immutable and safe to share; {@link #extend} returns a new index.
 */
public final class HistoryIndex {
    /** git's default similarity for {@code -M}. */
    private static final int RENAME_SCORE = 50;
    /** git's default {@code diff.renameLimit}. */
    private static final int DEFAULT_RENAME_LIMIT = 1000;

    private final ObjectId head;
    /** Paths present at head. */
    private final Map<String, Entry> live;
    /** Paths deleted (or renamed away) earlier, remembered so that a re-added path continues its history. */
    private final Map<String, Entry> dead;

    /** Paths whose facts changed since the index this one was extended from; null for a full pass. */
    private final Set<String> touched;

    private HistoryIndex(ObjectId head, Map<String, Entry> live, Map<String, Entry> dead, Set<String> touched) {
        this.head = head;
        this.live = live;
        this.dead = dead;
        this.touched = touched;
    }

    /** Full pass over the history reachable from head (its first-parent chain). */
    public static HistoryIndex compute(Repository repo, ObjectId head) throws IOException {
        return build(repo, head, null, false);
    }

    /**
     * Extends this index (computed for {@link #head()}) with only the commits between it and {@code head}.
     * If {@link #head()} is not on the first-parent chain of {@code head} (a force push, or a merge that
     * brought it in as a second parent), this falls back to a full compute. The result always equals
     * {@code compute(repo, head)}.
     */
    public HistoryIndex extend(Repository repo, ObjectId head) throws IOException {
        return build(repo, head, this, false);
    }

    /**
     * As {@link #extend}, taking over this index's state instead of copying it, so the cost follows the new
     * commits only, not the number of files: this index must not be used afterwards (a warm process's own).
     */
    public HistoryIndex advance(Repository repo, ObjectId head) throws IOException {
        return build(repo, head, this, true);
    }

    /**
     * The paths whose facts changed since the index this one was {@linkplain #extend extended} from; null when this
     * index was computed by a full pass (or fell back to one).
     */
    public Set<String> touched() {
        return touched;
    }

    /** The commit this index describes. */
    public ObjectId head() {
        return head;
    }

    /** History of a path at head (repo-relative, e.g. "content/notes/a.md"), or null if the path does not exist at head. */
    public FileHistory get(String path) {
        Entry e = live.get(path);
        return e == null ? null : e.history();
    }

    /** Number of paths at head. */
    public int size() {
        return live.size();
    }

    /** Every path at head with its history, sorted by path. */
    public SortedMap<String, FileHistory> asMap() {
        SortedMap<String, FileHistory> out = new TreeMap<>();
        live.forEach((path, e) -> out.put(path, e.history()));
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * Writes the index (its head, every present and every earlier deleted path's facts) for {@link #read}: a cold
     * process that reads it back and {@linkplain #extend extends} it walks only the commits made since.
     */
    public void write(DataOutput out) throws IOException {
        byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
        head.copyRawTo(raw, 0);
        out.write(raw);
        writeEntries(out, live);
        writeEntries(out, dead);
    }

    /** An index {@linkplain #write written} earlier; its {@link #touched()} is null, as after a full pass. */
    public static HistoryIndex read(DataInput in) throws IOException {
        byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
        in.readFully(raw);
        ObjectId head = ObjectId.fromRaw(raw);
        Map<String, Entry> live = readEntries(in);
        Map<String, Entry> dead = readEntries(in);
        return new HistoryIndex(head, live, dead, null);
    }

    private static void writeEntries(DataOutput out, Map<String, Entry> entries) throws IOException {
        out.writeInt(entries.size());
        for (Map.Entry<String, Entry> e : new TreeMap<>(entries).entrySet()) { // sorted: the same index, the same bytes
            FileHistory h = e.getValue().history();
            out.writeUTF(e.getKey());
            out.writeLong(h.created().getEpochSecond());
            out.writeInt(h.created().getNano());
            out.writeLong(h.updated().getEpochSecond());
            out.writeInt(h.updated().getNano());
            out.writeInt(h.contributors().size());
            for (String c : h.contributors()) {
                out.writeUTF(c);
            }
            out.writeUTF(h.createdCommit());
            out.writeUTF(h.updatedCommit());
            Map<String, Integer> counts = new TreeMap<>(e.getValue().counts());
            out.writeInt(counts.size());
            for (Map.Entry<String, Integer> c : counts.entrySet()) {
                out.writeUTF(c.getKey());
                out.writeInt(c.getValue());
            }
        }
    }

    private static Map<String, Entry> readEntries(DataInput in) throws IOException {
        int n = in.readInt();
        Map<String, Entry> entries = new HashMap<>(Math.max(16, n * 4 / 3 + 1));
        for (int i = 0; i < n; i++) {
            String path = in.readUTF();
            Instant created = Instant.ofEpochSecond(in.readLong(), in.readInt());
            Instant updated = Instant.ofEpochSecond(in.readLong(), in.readInt());
            int m = in.readInt();
            List<String> contributors = new ArrayList<>(m);
            for (int j = 0; j < m; j++) {
                contributors.add(in.readUTF());
            }
            FileHistory h = new FileHistory(created, updated, contributors, in.readUTF(), in.readUTF());
            int k = in.readInt();
            Map<String, Integer> counts = new HashMap<>();
            for (int j = 0; j < k; j++) {
                counts.put(in.readUTF(), in.readInt());
            }
            entries.put(path, new Entry(h, Collections.unmodifiableMap(counts)));
        }
        return entries;
    }

    private static HistoryIndex build(Repository repo, ObjectId headId, HistoryIndex base, boolean takeOver)
            throws IOException {
        try (ObjectReader reader = repo.newObjectReader(); RevWalk revWalk = new RevWalk(reader)) {
            RevCommit head = revWalk.parseCommit(headId);
            if (base != null && base.head.equals(head)) {
                return base;
            }
            // The first-parent chain, newest first, down to the base head (or the root).
            List<RevCommit> chain = new ArrayList<>();
            boolean reachedBase = false;
            for (RevCommit c = head; c != null; c = c.getParentCount() == 0 ? null : revWalk.parseCommit(c.getParent(0))) {
                if (base != null && c.equals(base.head)) {
                    reachedBase = true;
                    break;
                }
                chain.add(c);
            }
            Pass pass = !reachedBase ? new Pass(repo, reader, new HashMap<>(), new HashMap<>())
                    : takeOver ? new Pass(repo, reader, base.live, base.dead)
                    : new Pass(repo, reader, new HashMap<>(base.live), new HashMap<>(base.dead));
            for (int i = chain.size() - 1; i >= 0; i--) {
                RevCommit c = chain.get(i);
                pass.apply(c, c.getParentCount() == 0 ? null : revWalk.parseCommit(c.getParent(0)));
            }
            return new HistoryIndex(head.copy(), pass.live, pass.dead, reachedBase ? pass.touched : null);
        }
    }

    /** The mutable state of one walk; entries themselves are immutable, so maps can be copied shallowly. */
    private static final class Pass {
        final Map<String, Entry> live;
        final Map<String, Entry> dead;
        final TreeWalk treeWalk;
        final RenameDetector renames;
        final ObjectReader reader;
        final Set<String> touched = new HashSet<>();

        Pass(Repository repo, ObjectReader reader, Map<String, Entry> live, Map<String, Entry> dead) {
            this.live = live;
            this.dead = dead;
            this.reader = reader;
            this.treeWalk = new TreeWalk(reader);
            this.renames = new RenameDetector(reader, repo.getConfig().get(DiffConfig.KEY));
            renames.setRenameScore(RENAME_SCORE);
            renames.setRenameLimit(repo.getConfig().getInt("diff", "renamelimit", DEFAULT_RENAME_LIMIT));
            renames.setSkipContentRenamesForBinaryFiles(true);
        }

        void apply(RevCommit commit, RevCommit parent) throws IOException {
            treeWalk.reset();
            treeWalk.setRecursive(true);
            treeWalk.setFilter(TreeFilter.ANY_DIFF);
            if (parent == null) {
                treeWalk.addTree(new EmptyTreeIterator());
            } else {
                treeWalk.addTree(parent.getTree());
            }
            treeWalk.addTree(commit.getTree());
            List<DiffEntry> diffs = DiffEntry.scan(treeWalk);
            if (diffs.isEmpty()) {
                return;
            }
            boolean adds = false;
            boolean deletes = false;
            for (DiffEntry d : diffs) {
                adds |= d.getChangeType() == DiffEntry.ChangeType.ADD;
                deletes |= d.getChangeType() == DiffEntry.ChangeType.DELETE;
            }
            if (adds && deletes) {
                renames.reset();
                renames.addAll(diffs);
                try {
                    diffs = renames.compute(reader, NullProgressMonitor.INSTANCE);
                } catch (CanceledException e) {
                    throw new IOException(e);
                }
            }

            PersonIdent author = commit.getAuthorIdent();
            Change change = new Change(author.getName(), author.getWhenAsInstant(), commit.name());

            // Sources first (a rename a->b next to a delete of b must see the old histories), then destinations.
            // A source that goes away is touched too: `git log -- old` lists the commit that deleted or moved it.
            List<Entry> moved = new ArrayList<>(diffs.size());
            for (DiffEntry d : diffs) {
                Entry source = null;
                switch (d.getChangeType()) {
                    case DELETE, RENAME -> {
                        Entry gone = live.remove(d.getOldPath());
                        touched.add(d.getOldPath());
                        if (gone != null) {
                            source = gone.touch(change);
                            dead.put(d.getOldPath(), source);
                        }
                    }
                    case COPY -> {
                        Entry original = live.get(d.getOldPath());
                        source = original == null ? null : original.touch(change);
                    }
                    default -> { }
                }
                moved.add(source);
            }
            for (int i = 0; i < diffs.size(); i++) {
                DiffEntry d = diffs.get(i);
                String path = d.getNewPath();
                if (d.getChangeType() != DiffEntry.ChangeType.DELETE) {
                    touched.add(path);
                }
                switch (d.getChangeType()) {
                    case ADD -> {
                        Entry earlier = dead.remove(path);
                        live.put(path, earlier == null ? Entry.create(change) : earlier.touch(change));
                    }
                    case MODIFY -> {
                        Entry before = live.get(path);
                        live.put(path, before == null ? Entry.create(change) : before.touch(change));
                    }
                    case RENAME, COPY -> {
                        dead.remove(path);
                        Entry source = moved.get(i);
                        live.put(path, source == null ? Entry.create(change) : source);
                    }
                    case DELETE -> { }
                }
            }
        }
    }

    private record Change(String author, Instant when, String commit) {
    }

    /** Immutable facts of one path; {@code counts} is the number of commits per author name. */
    private record Entry(FileHistory history, Map<String, Integer> counts) {
        private static final Comparator<Map.Entry<String, Integer>> ORDER =
                Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

        static Entry create(Change c) {
            return new Entry(new FileHistory(c.when(), c.when(), List.of(c.author()), c.commit(), c.commit()),
                    Map.of(c.author(), 1));
        }

        Entry touch(Change c) {
            Map<String, Integer> next = new HashMap<>(counts);
            next.merge(c.author(), 1, Integer::sum);
            List<String> contributors = next.size() == 1 ? history.contributors()
                    : next.entrySet().stream().sorted(ORDER).map(Map.Entry::getKey).toList();
            FileHistory h = new FileHistory(history.created(), c.when(), contributors,
                    history.createdCommit(), c.commit());
            return new Entry(h, Collections.unmodifiableMap(next));
        }
    }
}
