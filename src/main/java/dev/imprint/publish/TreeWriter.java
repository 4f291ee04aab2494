package dev.imprint.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;

import dev.imprint.source.Warning;

/**
 * Writes the tree of a set of files, remembering every folder's entries and tree id: the next write re-hashes
 * only the folders on the path of a file that was added, changed or removed, so publishing one changed page costs
 * O(depth), not O(site). The first write (or a cold process) writes every folder; the ids are the same either way.
 */
public final class TreeWriter {
    /**
     * An entry with its sort key: Git orders tree entries by name bytes, a folder's name as if it ended in '/'.
     * ({@code key} is the UTF-8 name, plus that '/' for a folder; {@code name} the name's bytes alone.)
     */
    private static final class Sorted implements Comparable<Sorted> {
        final byte[] key;
        final byte[] name;
        /** Replaced in place when only the id changes ({@link Folder#put}). */
        PublishedState.TreeEntry entry;
        /** Where the entry's id sits in its folder's formatted tree. */
        int idOffset;

        Sorted(String name, PublishedState.TreeEntry entry) {
            this.name = name.getBytes(StandardCharsets.UTF_8);
            this.key = entry.mode() == FileMode.TREE ? Arrays.copyOf(this.name, this.name.length + 1) : this.name;
            if (entry.mode() == FileMode.TREE) {
                key[key.length - 1] = '/';
            }
            this.entry = entry;
        }

        @Override
        public int compareTo(Sorted o) {
            return Arrays.compareUnsigned(key, o.key);
        }
    }

    /**
     * A folder's entries by name and in Git's order, and its tree as last formatted: when only ids change (a page
     * edited), the new tree is the old bytes with those ids overwritten, so a folder of ten thousand pages is not
     * walked and formatted again for one of them.
     */
    private static final class Folder {
        private final Map<String, Sorted> byName = new HashMap<>();
        private final TreeSet<Sorted> ordered = new TreeSet<>();
        /** Null until formatted, and again after an entry came, went or changed its mode. */
        private byte[] formatted;

        PublishedState.TreeEntry get(String name) {
            Sorted s = byName.get(name);
            return s == null ? null : s.entry;
        }

        void put(String name, PublishedState.TreeEntry entry) {
            Sorted old = byName.get(name);
            if (old != null && old.entry.mode().equals(entry.mode())) {
                old.entry = entry;
                if (formatted != null) {
                    entry.blob().copyRawTo(formatted, old.idOffset);
                }
                return;
            }
            Sorted s = new Sorted(name, entry);
            byName.put(name, s);
            if (old != null) {
                ordered.remove(old);
            }
            ordered.add(s);
            formatted = null;
        }

        void remove(String name) {
            Sorted old = byName.remove(name);
            if (old != null) {
                ordered.remove(old);
                formatted = null;
            }
        }

        boolean isEmpty() {
            return byName.isEmpty();
        }

        /** The folder's tree object (the array is this folder's own: insert it before the next change). */
        byte[] tree() {
            if (formatted == null) {
                int size = 0;
                for (Sorted e : ordered) {
                    size += TreeFormatter.entrySize(e.entry.mode(), e.name.length);
                }
                TreeFormatter formatter = new TreeFormatter(size);
                int at = 0;
                for (Sorted e : ordered) {
                    formatter.append(e.key, 0, e.name.length, e.entry.mode(), e.entry.blob());
                    at += TreeFormatter.entrySize(e.entry.mode(), e.name.length);
                    e.idOffset = at - Constants.OBJECT_ID_LENGTH; // "<mode> <name>\0<id>"
                }
                formatted = formatter.toByteArray();
            }
            return formatted;
        }
    }

    /** Every file of the last tree written, by path. */
    private final Map<String, PublishedState.TreeEntry> files = new HashMap<>();
    /** Every folder ("" is the root) → its entries: files, and sub-folders with their tree ids. */
    private final Map<String, Folder> folders = new HashMap<>();
    private ObjectId root;

    /** The tree id of {@code files} (path → mode and blob), inserting the trees that are not there yet. */
    public synchronized ObjectId write(Map<String, PublishedState.TreeEntry> files, ObjectInserter inserter) throws IOException {
        forgetIfGone(inserter);
        Map<String, PublishedState.TreeEntry> changes = new HashMap<>();
        for (var e : files.entrySet()) {
            if (!e.getValue().equals(this.files.get(e.getKey()))) {
                changes.put(e.getKey(), e.getValue());
            }
        }
        for (String old : this.files.keySet()) {
            if (!files.containsKey(old)) {
                changes.put(old, null);
            }
        }
        return updateKnown(changes, inserter);
    }

    /**
     * The tree id of the last tree written with {@code changes} applied (path → new entry, or null to remove the
     * file): the cost follows the number of changes, not the size of the tree.
     */
    public synchronized ObjectId update(Map<String, PublishedState.TreeEntry> changes, ObjectInserter inserter)
            throws IOException {
        forgetIfGone(inserter);
        return updateKnown(changes, inserter);
    }

    /** As {@link #update}, once {@link #forgetIfGone} has run. */
    private ObjectId updateKnown(Map<String, PublishedState.TreeEntry> changes, ObjectInserter inserter) throws IOException {
        if (changes.isEmpty() && root != null) {
            return root;
        }
        try {
            return apply(changes, inserter);
        } catch (IOException | RuntimeException e) {
            forget(); // folders may be half updated: the next write writes every folder
            throw e;
        }
    }

    private ObjectId apply(Map<String, PublishedState.TreeEntry> changes, ObjectInserter inserter) throws IOException {
        for (var e : changes.entrySet()) {
            if (e.getValue() != null) {
                checkPath(e.getKey());
            }
        }
        Set<String> dirty = new HashSet<>();
        dirty.add("");
        for (var e : changes.entrySet()) {
            String path = e.getKey();
            int slash = path.lastIndexOf('/');
            String dir = slash < 0 ? "" : path.substring(0, slash);
            String name = path.substring(slash + 1);
            if (e.getValue() == null) {
                files.remove(path);
                Folder folder = folders.get(dir);
                if (folder != null) {
                    folder.remove(name);
                }
            } else {
                files.put(path, e.getValue());
                folders.computeIfAbsent(dir, d -> new Folder()).put(name, e.getValue());
            }
            markParents(path, dirty);
        }
        List<String> order = new ArrayList<>(dirty);
        order.sort(Comparator.comparingInt(TreeWriter::depth).reversed().thenComparing(Comparator.naturalOrder()));
        for (String dir : order) {
            Folder folder = folders.get(dir);
            int slash = dir.lastIndexOf('/');
            String parent = slash < 0 ? "" : dir.substring(0, slash);
            String name = dir.substring(slash + 1);
            if ((folder == null || folder.isEmpty()) && !dir.isEmpty()) {
                folders.remove(dir); // an empty folder is no entry of its parent
                Folder up = folders.get(parent);
                if (up != null && up.get(name) != null && up.get(name).mode() == FileMode.TREE) {
                    up.remove(name); // (a file that took the folder's name stays)
                }
                continue;
            }
            ObjectId id = inserter.insert(Constants.OBJ_TREE, folder == null ? new byte[0] : folder.tree());
            if (dir.isEmpty()) {
                root = id;
            } else {
                folders.computeIfAbsent(parent, p -> new Folder()).put(name, new PublishedState.TreeEntry(id, FileMode.TREE));
            }
        }
        return root;
    }

    /**
     * Forgets the last tree when the repository no longer has it (another repository made at the same path, or a
     * tree that was never published and has been pruned): its folders' ids must not be reused there.
     */
    private void forgetIfGone(ObjectInserter inserter) throws IOException {
        if (root != null) {
            try (ObjectReader reader = inserter.newReader()) {
                if (!reader.has(root)) {
                    forget();
                }
            }
        }
    }

    private void forget() {
        files.clear();
        folders.clear();
        root = null;
    }

    /** The files of the last tree written (a live, read-only view: the next write changes it). */
    public synchronized Map<String, PublishedState.TreeEntry> files() {
        return Collections.unmodifiableMap(files);
    }

    /** Git's own rules for a path in a tree (no empty, ".", ".." or ".git" segment, no NUL), checked before any write. */
    private void checkPath(String path) throws IOException {
        try {
            pathChecker.checkPath(path);
        } catch (CorruptObjectException e) {
            throw new IOException("refusing to write the path '" + Warning.printable(path)
                    + "' into a tree: " + e.getMessage(), e);
        }
    }

    /** HFS+ rules too: a branch is checked out on Macs, and git fsck applies them everywhere. */
    private final ObjectChecker pathChecker = new ObjectChecker().setSafeForMacOS(true);

    private static void markParents(String path, Set<String> dirty) {
        int slash = path.lastIndexOf('/');
        while (slash >= 0) {
            String dir = path.substring(0, slash);
            if (!dirty.add(dir)) {
                return;
            }
            slash = dir.lastIndexOf('/');
        }
    }

    private static int depth(String dir) {
        if (dir.isEmpty()) {
            return 0;
        }
        int d = 1;
        for (int i = 0; i < dir.length(); i++) {
            if (dir.charAt(i) == '/') {
                d++;
            }
        }
        return d;
    }
}
