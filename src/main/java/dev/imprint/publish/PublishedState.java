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
 * What the publishing branch says about the last build of one site on it: its tip, the source commit it was built
 * from, the manifest of fingerprints and the files of its tree. All state lives here, so a new process or a second
 * instance needs nothing else.
 *
 * <p>A branch holds the site at its root and, in folders of their own, previews ({@code preview/pr-7/}): each is a
 * {@code scope}. The site's source commit is the {@code Source-Commit} trailer of the newest commit that published
 * the site (a preview's commit says {@code Preview:} instead and is passed over); a preview's is in its own
 * manifest ({@link Manifest#source()}).
 *
 * @param files the files of the scope, by path relative to it (at the root: every file of the tree)
 * @param scope "" for the site at the root, else the preview's folder, ending in '/'
 * @param outside for a preview, every file of the tree outside its folder (full paths), which its publish keeps
 */
public record PublishedState(RevCommit tip, String sourceCommit, Manifest manifest, Map<String, TreeEntry> files,
                             String scope, Map<String, TreeEntry> outside) {
    public static final String TRAILER = "Source-Commit";
    /** The trailer of a commit that published a preview: its folder. */
    public static final String PREVIEW_TRAILER = "Preview";
    /** How many preview commits in a row are passed over looking for the site's own; past this, unknown. */
    private static final int MOST_PREVIEW_COMMITS = 10_000;

    /** The state of the site at the branch's root. */
    public PublishedState(RevCommit tip, String sourceCommit, Manifest manifest, Map<String, TreeEntry> files) {
        this(tip, sourceCommit, manifest, files, "", Map.of());
    }

    public record TreeEntry(ObjectId blob, FileMode mode) {
    }

    public static PublishedState none() {
        return none("");
    }

    static PublishedState none(String scope) {
        return new PublishedState(null, null, Manifest.empty(), Map.of(), scope, Map.of());
    }

    /** Reads the state at a full ref name, e.g. refs/heads/gh-pages, with every file of its tree. */
    public static PublishedState read(Repository repository, String refName) throws IOException {
        return read(repository, refName, "", true);
    }

    /**
     * Only what the branch says about its last build (tip, source commit, the manifest's header: version and salt,
     * no fingerprints), without listing its files: enough to tell whether a source commit is already published.
     */
    public static PublishedState readHead(Repository repository, String refName) throws IOException {
        return read(repository, refName, "", false);
    }

    /** The state of {@code scope} ("" or a preview's folder ending in '/') on the branch at {@code refName}. */
    public static PublishedState read(Repository repository, String refName, String scope, boolean listFiles)
            throws IOException {
        Ref ref = repository.exactRef(refName);
        if (ref == null || ref.getObjectId() == null) {
            return none(scope);
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit tip = walk.parseCommit(ref.getObjectId());
            Manifest manifest = manifest(repository, tip, scope, !listFiles);
            String source = scope.isEmpty() ? siteSource(walk, tip) : manifest.source();
            Map<String, TreeEntry> files = new HashMap<>();
            Map<String, TreeEntry> outside = new HashMap<>();
            if (listFiles) {
                try (TreeWalk tw = new TreeWalk(repository)) {
                    tw.addTree(tip.getTree());
                    tw.setRecursive(true);
                    while (tw.next()) {
                        String path = tw.getPathString();
                        TreeEntry entry = new TreeEntry(tw.getObjectId(0), tw.getFileMode(0));
                        if (path.startsWith(scope)) {
                            files.put(path.substring(scope.length()), entry);
                        } else {
                            outside.put(path, entry);
                        }
                    }
                }
            }
            return new PublishedState(tip, source, manifest, files, scope, outside);
        }
    }

    /** The Source-Commit of the newest commit from {@code tip} back that published the site, not a preview. */
    private static String siteSource(RevWalk walk, RevCommit tip) throws IOException {
        RevCommit c = tip;
        for (int i = 0; i < MOST_PREVIEW_COMMITS && c != null; i++) {
            if (c.getFooterLines(PREVIEW_TRAILER).isEmpty()) {
                List<String> trailer = c.getFooterLines(TRAILER);
                return trailer.isEmpty() ? null : trailer.get(trailer.size() - 1).trim();
            }
            c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
        }
        return null;
    }

    /** The manifest stored in a published commit for {@code scope}: its header and its bucket files. */
    private static Manifest manifest(Repository repository, RevCommit tip, String scope, boolean headerOnly)
            throws IOException {
        ObjectId header;
        try (TreeWalk tw = TreeWalk.forPath(repository, scope + Manifest.PATH, tip.getTree())) {
            if (tw == null) {
                return Manifest.empty();
            }
            header = tw.getObjectId(0);
        }
        Map<String, ObjectId> buckets = new HashMap<>();
        if (headerOnly) {
            return Manifest.parse(blob(repository, header), path -> null);
        }
        String dir = scope + Manifest.DIR.substring(0, Manifest.DIR.length() - 1);
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
