package dev.imprint.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * Writes the tree of a set of files, remembering the tree of every folder: the next write re-hashes only the
 * folders on the path of a file that was added, changed or removed, so publishing one changed page costs
 * O(depth), not O(site). The first write (or a cold process) writes every folder; the ids are the same either way.
 */
public final class TreeWriter {
    /** Git orders tree entries by name bytes, a folder's name as if it ended in '/'. */
    private static final Comparator<Map.Entry<String, PublishedState.TreeEntry>> GIT_ORDER = (a, b) -> compare(
            a.getKey(), a.getValue().mode() == FileMode.TREE, b.getKey(), b.getValue().mode() == FileMode.TREE);

    private Map<String, PublishedState.TreeEntry> lastFiles = Map.of();
    private Map<String, ObjectId> lastTrees = Map.of();

    /** The tree id of {@code files} (path → mode and blob), inserting the trees that are not there yet. */
    public synchronized ObjectId write(Map<String, PublishedState.TreeEntry> files, ObjectInserter inserter) throws IOException {
        Set<String> dirty = new HashSet<>();
        dirty.add("");
        for (var e : files.entrySet()) {
            if (!e.getValue().equals(lastFiles.get(e.getKey()))) {
                markParents(e.getKey(), dirty);
            }
        }
        for (String old : lastFiles.keySet()) {
            if (!files.containsKey(old)) {
                markParents(old, dirty);
            }
        }
        // the children of every dirty folder: files, and sub-folders (whose ids come later, deepest first)
        Map<String, Map<String, PublishedState.TreeEntry>> children = new HashMap<>();
        Map<String, Set<String>> subfolders = new HashMap<>();
        for (var e : files.entrySet()) {
            String path = e.getKey();
            int slash = path.lastIndexOf('/');
            String dir = slash < 0 ? "" : path.substring(0, slash);
            if (dirty.contains(dir)) {
                children.computeIfAbsent(dir, d -> new HashMap<>()).put(path.substring(slash + 1), e.getValue());
            }
            // register each folder with its parent (once: its ancestors are then registered too)
            String child = dir;
            while (!child.isEmpty()) {
                int s = child.lastIndexOf('/');
                String parent = s < 0 ? "" : child.substring(0, s);
                if (!subfolders.computeIfAbsent(parent, p -> new HashSet<>()).add(child)) {
                    break;
                }
                child = parent;
            }
        }
        List<String> order = new ArrayList<>(dirty);
        order.sort(Comparator.comparingInt(TreeWriter::depth).reversed().thenComparing(Comparator.naturalOrder()));
        Map<String, ObjectId> trees = new HashMap<>(lastTrees);
        for (String dir : order) {
            Map<String, PublishedState.TreeEntry> entries = new HashMap<>(children.getOrDefault(dir, Map.of()));
            for (String sub : subfolders.getOrDefault(dir, Set.of())) {
                ObjectId id = trees.get(sub);
                if (id != null) {
                    entries.put(sub.substring(sub.lastIndexOf('/') + 1), new PublishedState.TreeEntry(id, FileMode.TREE));
                }
            }
            if (entries.isEmpty() && !dir.isEmpty()) {
                trees.remove(dir);
                continue;
            }
            List<Map.Entry<String, PublishedState.TreeEntry>> sorted = new ArrayList<>(entries.entrySet());
            sorted.sort(GIT_ORDER);
            TreeFormatter formatter = new TreeFormatter();
            for (var e : sorted) {
                formatter.append(e.getKey(), e.getValue().mode(), e.getValue().blob());
            }
            trees.put(dir, inserter.insert(formatter));
        }
        Set<String> folders = new HashSet<>();
        folders.add("");
        subfolders.values().forEach(folders::addAll);
        trees.keySet().retainAll(folders); // forget folders that are gone
        lastFiles = new HashMap<>(files);
        lastTrees = trees;
        return trees.get("");
    }

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

    static int compare(String a, boolean aTree, String b, boolean bTree) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        int cx = x.length > n ? x[n] & 0xff : aTree ? '/' : 0;
        int cy = y.length > n ? y[n] & 0xff : bTree ? '/' : 0;
        return Integer.compare(cx, cy);
    }

}
