package dev.imprint.publish;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

import dev.imprint.emit.Output;

/**
 * Renders the outputs a build must write and stores them, with the manifest buckets that changed, as blobs of the
 * publishing repository: what {@link BranchPublisher} then commits. An output whose fingerprint the branch's
 * manifest already has keeps the branch's blob, unread and unrendered.
 */
public final class BranchWriter {
    private BranchWriter() {
    }

    /**
     * What was written: every file's blob by path (a null blob: the file goes), and how many outputs were rendered,
     * kept and removed.
     */
    public record Written(Map<String, ObjectId> blobs, int rendered, int unchanged, int removed) {
    }

    /**
     * Every output of the site: those {@code previous} has with the same fingerprint keep their blob, the rest are
     * rendered; the result is the whole tree's files.
     *
     * @param sameRepo the publishing repository is the source's own, so an asset is already one of its blobs
     */
    public static Written write(Repository repo, Collection<Output> outputs, Manifest manifest, PublishedState state,
                                Manifest previous, boolean sameRepo) throws IOException {
        Map<String, ObjectId> blobs = new ConcurrentHashMap<>();
        List<Output> work = new ArrayList<>();
        int rendered = 0;
        int unchanged = 0;
        for (Output o : outputs) {
            var old = state.files().get(o.path());
            if (old != null && o.fingerprint().equals(previous.get(o.path()))) {
                blobs.put(o.path(), old.blob());
                unchanged++;
                continue;
            }
            rendered++;
            if (o.blob() != null && sameRepo) {
                blobs.put(o.path(), o.blob()); // an asset is already a blob of this repository
            } else {
                work.add(o);
            }
        }
        BlobWriter.insertAll(repo, work, blobs);
        // the manifest: only the bucket files that changed are written again
        Map<String, byte[]> fresh = manifest.filesChangedFrom(previous);
        try (ObjectInserter inserter = BlobWriter.inserter(repo, fresh.size())) {
            for (String path : manifest.filePaths()) {
                var old = state.files().get(path);
                if (!fresh.containsKey(path) && old != null) {
                    blobs.put(path, old.blob());
                } else {
                    byte[] bytes = fresh.containsKey(path) ? fresh.get(path) : manifest.files().get(path);
                    blobs.put(path, inserter.insert(Constants.OBJ_BLOB, bytes));
                }
            }
            inserter.flush();
        }
        int[] removed = {0};
        previous.forEachPath(p -> {
            if (manifest.get(p) == null) {
                removed[0]++;
            }
        });
        return new Written(blobs, rendered, unchanged, removed[0]);
    }

    /**
     * For a patched plan on a branch this process wrote from the plan it patched: renders only the re-planned
     * outputs whose fingerprints moved, and returns just the changed files (with the manifest buckets they touch).
     *
     * @param outputCount how many outputs the whole plan has (the rest count as unchanged)
     * @param base the manifest the plan was patched from, which the branch holds
     */
    public static Written writeChanges(Repository repo, Collection<Output> replanned, int outputCount, Manifest manifest,
                                       Manifest base, PublishedState state, boolean sameRepo) throws IOException {
        Map<String, ObjectId> changes = new ConcurrentHashMap<>();
        List<Output> work = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        for (Output o : replanned) {
            if (state.files().containsKey(o.path()) && o.fingerprint().equals(base.get(o.path()))) {
                continue;
            }
            moved.add(o.path());
            if (o.blob() != null && sameRepo) {
                changes.put(o.path(), o.blob());
            } else {
                work.add(o);
            }
        }
        BlobWriter.insertAll(repo, work, changes);
        Map<String, ObjectId> withManifest = new HashMap<>(changes);
        try (ObjectInserter inserter = BlobWriter.inserter(repo, 0)) {
            for (var f : manifest.files(moved).entrySet()) {
                withManifest.put(f.getKey(), f.getValue() == null ? null : inserter.insert(Constants.OBJ_BLOB, f.getValue()));
            }
            if (!Objects.equals(manifest.source(), base.source())) { // a preview's header names its source commit
                withManifest.put(Manifest.PATH, inserter.insert(Constants.OBJ_BLOB, manifest.header()));
            }
            inserter.flush();
        }
        return new Written(withManifest, moved.size(), outputCount - moved.size(), 0);
    }

    /**
     * Every file of a patched build with its blob, from the tree {@code publisher} last wrote with the changes: what a
     * retry on a moved tip writes in full.
     */
    public static Map<String, ObjectId> allFiles(Manifest manifest, BranchPublisher publisher) {
        Map<String, ObjectId> all = new HashMap<>();
        publisher.lastFiles().forEach((path, entry) -> {
            if (manifest.get(path) != null || path.startsWith(".imprint/")) {
                all.put(path, entry.blob());
            }
        });
        return all;
    }
}
