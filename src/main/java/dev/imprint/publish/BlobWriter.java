package dev.imprint.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.pack.PackConfig;

import dev.imprint.emit.Output;

/**
 * Renders outputs and stores them as blobs, in parallel. A large batch (a full build) goes into packs, one per
 * worker, instead of one loose object file per page: a loose object costs a file, a directory entry and a zlib
 * stream of its own, which made inserting 10,000 pages 14 % of a full build. The blob ids, and so the trees and
 * commits, are the same either way; only how the objects sit in {@code objects/} differs.
 */
public final class BlobWriter {
    /** From this many blobs on, write packs; fewer (an incremental build) stay loose objects, as Git does. */
    static final int PACK_THRESHOLD = 256;

    private BlobWriter() {
    }

    /** Renders each output and puts its blob id into {@code blobs} by path. */
    public static void insertAll(Repository repo, List<Output> work, Map<String, ObjectId> blobs) throws IOException {
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), work.size() / 64 + 1));
        List<List<Output>> slices = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            slices.add(new ArrayList<>());
        }
        for (int i = 0; i < work.size(); i++) {
            slices.get(i % workers).add(work.get(i));
        }
        boolean pack = work.size() >= PACK_THRESHOLD && repo instanceof FileRepository;
        try {
            slices.parallelStream().forEach(slice -> {
                // each worker has its own inserter: ObjectInserter is not thread-safe
                try (ObjectInserter inserter = pack ? packInserter((FileRepository) repo) : LooseObjectInserter.of(repo)) {
                    for (Output o : slice) {
                        blobs.put(o.path(), inserter.insert(Constants.OBJ_BLOB, o.content().get()));
                    }
                    inserter.flush(); // a pack inserter writes its pack and index here, then opens the pack
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * An inserter for {@code expected} new objects: a pack inserter from {@link #PACK_THRESHOLD} on (the trees of a
     * whole site), else one writing loose objects ({@link LooseObjectInserter}).
     */
    public static ObjectInserter inserter(Repository repo, int expected) {
        return expected >= PACK_THRESHOLD && repo instanceof FileRepository file ? packInserter(file)
                : LooseObjectInserter.of(repo);
    }

    /**
     * A pack inserter compressing like the repository's own packs ({@code core.compression} /
     * {@code pack.compression}; JGit's inserter would otherwise use the slowest level).
     */
    private static PackInserter packInserter(FileRepository repo) {
        PackInserter inserter = repo.getObjectDatabase().newPackInserter();
        inserter.setCompressionLevel(new PackConfig(repo).getCompressionLevel());
        return inserter;
    }
}
