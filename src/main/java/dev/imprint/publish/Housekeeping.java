package dev.imprint.publish;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the repositories a long-running service writes into from growing without bound. Every build leaves
 * loose objects (or, for a large change, packs), and a process killed mid-write leaves its temporary files behind.
 * {@link #afterBuild} packs a repository with JGit's GC when git's own {@code gc --auto} would ({@code gc.auto}
 * loose objects, default 6,700, or {@code gc.autoPackLimit} packs, default 50; 0 turns either off), so the cost is
 * that of git's, paid once every few hundred pushes. Run it between builds of the repository, never during one.
 */
public final class Housekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    /** A temporary file this old has no writer any more: writing a pack or an object takes seconds at most. */
    public static final Duration STALE = Duration.ofHours(1);
    /**
     * Temporary files of Imprint (imprint_obj_), JGit (noz, insert_, incoming_, gc_*_tmp) and git (tmp_obj_,
     * tmp_pack_, tmp_idx_, tmp_rev_), under objects/, objects/pack/ or objects/xx/. Never a finished object or pack.
     */
    private static final Pattern TEMP = Pattern.compile(
            "imprint_obj_.*\\.tmp|noz.*\\.tmp|insert_.*|incoming_.*|gc_.*_tmp|.*\\.pack_tmp|tmp_(obj|pack|idx|rev)_.*");

    /** Packs {@code repository} if git's auto-gc thresholds say it needs it; a failure is logged, never thrown. */
    public void afterBuild(Repository repository) {
        if (!(repository instanceof FileRepository file)) {
            return;
        }
        GC gc = new GC(file);
        gc.setAuto(true);
        if (repository.getConfig().getString("gc", null, "prunePackExpire") == null) {
            // as git's repack -d: packs whose objects are all in the new pack go now, not after JGit's default hour
            // (while they stayed, the pack count stayed over the limit and every build packed again)
            gc.setPackExpireAgeMillis(0);
        }
        try {
            long start = System.nanoTime();
            var packs = gc.gc().get();
            if (packs != null && !packs.isEmpty()) {
                LOG.info("packed {} in {} ms", repository.getDirectory(), (System.nanoTime() - start) / 1_000_000);
            }
        } catch (IOException | ParseException | GitAPIException | ExecutionException e) {
            LOG.warn("could not pack {}: {}", repository.getDirectory(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Deletes the temporary files older than {@link #STALE} that killed writers left in a repository's (bare or not) object
     * database. Returns how many; a repository that is not there is skipped.
     */
    public static int removeStaleTempFiles(Path repository) throws IOException {
        Path gitDir = Files.isDirectory(repository.resolve(".git")) ? repository.resolve(".git") : repository;
        Path objects = gitDir.resolve("objects");
        if (!Files.isDirectory(objects)) {
            return 0;
        }
        Instant cutoff = Instant.now().minus(STALE);
        int removed = 0;
        try (DirectoryStream<Path> top = Files.newDirectoryStream(objects)) {
            for (Path p : top) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) && (name.equals("pack") || name.matches("[0-9a-f]{2}"))) {
                    removed += removeIn(p, cutoff);
                } else if (removeIfStale(p, cutoff)) {
                    removed++;
                }
            }
        }
        if (removed > 0) {
            LOG.info("removed {} stale temporary file{} from {}", removed, removed == 1 ? "" : "s", objects);
        }
        return removed;
    }

    private static int removeIn(Path dir, Instant cutoff) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                if (removeIfStale(p, cutoff)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private static boolean removeIfStale(Path p, Instant cutoff) throws IOException {
        return Files.isRegularFile(p) && TEMP.matcher(p.getFileName().toString()).matches()
                && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff) && Files.deleteIfExists(p);
    }
}
