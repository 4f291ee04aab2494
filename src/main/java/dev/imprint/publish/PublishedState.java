package dev.imprint.publish;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * What the publishing branch says about the last build: its tip, the source commit it was built from (the
 * {@code Source-Commit} trailer), the manifest of fingerprints and the files of its tree. All state lives here,
 * so a new process or a second instance needs nothing else.
 */
public record PublishedState(RevCommit tip, String sourceCommit, Manifest manifest, Map<String, TreeEntry> files) {
    public static final String TRAILER = "Source-Commit";

    public record TreeEntry(ObjectId blob, FileMode mode) {
    }

    public static PublishedState none() {
        return new PublishedState(null, null, Manifest.empty(), Map.of());
    }

    /** Reads the state at a full ref name, e.g. refs/heads/gh-pages, with every file of its tree. */
    public static PublishedState read(Repository repository, String refName) throws IOException {
        return read(repository, refName, true);
    }

    /**
     * Only what the branch says about its last build (tip, source commit, the manifest's header: version and salt,
     * no fingerprints), without listing its files: enough to tell whether a source commit is already published.
     */
    public static PublishedState readHead(Repository repository, String refName) throws IOException {
        return read(repository, refName, false);
    }

    private static PublishedState read(Repository repository, String refName, boolean listFiles) throws IOException {
        Ref ref = repository.exactRef(refName);
        if (ref == null || ref.getObjectId() == null) {
            return none();
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit tip = walk.parseCommit(ref.getObjectId());
            List<String> trailer = tip.getFooterLines(TRAILER);
            String source = trailer.isEmpty() ? null : trailer.get(trailer.size() - 1).trim();
            Manifest manifest = manifest(repository, tip, !listFiles);
            Map<String, TreeEntry> files = new HashMap<>();
            if (listFiles) {
                try (TreeWalk tw = new TreeWalk(repository)) {
                    tw.addTree(tip.getTree());
                    tw.setRecursive(true);
                    while (tw.next()) {
                        files.put(tw.getPathString(), new TreeEntry(tw.getObjectId(0), tw.getFileMode(0)));
                    }
                }
            }
            return new PublishedState(tip, source, manifest, files);
        }
    }

    /** The manifest stored in a published commit: its header and its bucket files, read from the tree. */
    private static Manifest manifest(Repository repository, RevCommit tip, boolean headerOnly) throws IOException {
        ObjectId header;
        try (TreeWalk tw = TreeWalk.forPath(repository, Manifest.PATH, tip.getTree())) {
            if (tw == null) {
                return Manifest.empty();
            }
            header = tw.getObjectId(0);
        }
        Map<String, ObjectId> buckets = new HashMap<>();
        if (headerOnly) {
            return Manifest.parse(blob(repository, header), path -> null);
        }
        String dir = Manifest.DIR.substring(0, Manifest.DIR.length() - 1);
        try (TreeWalk folder = TreeWalk.forPath(repository, dir, tip.getTree())) {
            if (folder != null && folder.getFileMode(0) == FileMode.TREE) {
                try (TreeWalk tw = new TreeWalk(repository)) {
                    tw.addTree(folder.getObjectId(0));
                    while (tw.next()) {
                        buckets.put(Manifest.DIR + tw.getPathString(), tw.getObjectId(0));
                    }
                }
            }
        }
        return Manifest.parse(blob(repository, header), path -> {
            ObjectId id = buckets.get(path);
            return id == null ? null : blob(repository, id);
        });
    }

    private static byte[] blob(Repository repository, ObjectId id) throws IOException {
        return repository.open(id, Constants.OBJ_BLOB).getCachedBytes(64 << 20);
    }

    public boolean exists() {
        return tip != null;
    }
}
