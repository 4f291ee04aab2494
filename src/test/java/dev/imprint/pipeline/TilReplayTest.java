package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.publish.PublishedState;
import dev.imprint.testing.GitRepo;
import dev.imprint.testing.SiteTrees;

/**
 * Replays the history of a real notes repository (jbranchaud/til, 2,369 commits, from ../shared/corpora) commit by
 * commit: every commit is built incrementally onto gh-pages, on top of the previous commit's build, and at every
 * K-th commit (and always the last) the tree is compared with a full build of the same commit published to a
 * separate bare repository.
 *
 * <p>System properties: {@code imprint.replay.first} (default 300) and {@code imprint.replay.last} (default 50)
 * choose the slice of first-parent commits; {@code imprint.replay.all=true} replays every one;
 * {@code imprint.replay.every} is K (default 10). See tests/bench/replay-til.sh.
 */
class TilReplayTest {
    static final Path BUNDLE = Path.of("..", "shared", "corpora", "til.bundle");

    @TempDir
    Path tmp;

    @Test
    void incrementalBuildsAlongTheHistoryEqualFullBuilds() throws Exception {
        assumeTrue(Files.isRegularFile(BUNDLE), "skipped: " + BUNDLE.toAbsolutePath().normalize()
                + " not found (the shared corpora are not next to this checkout)");
        int first = Integer.getInteger("imprint.replay.first", 300);
        int last = Integer.getInteger("imprint.replay.last", 50);
        int every = Math.max(1, Integer.getInteger("imprint.replay.every", 10));
        boolean all = Boolean.getBoolean("imprint.replay.all");

        Path source = tmp.resolve("til.git");
        GitRepo.run(tmp, Map.of(), "clone", "-q", "--bare", BUNDLE.toAbsolutePath().toString(), source.toString());
        Path target = tmp.resolve("full.git");
        GitRepo.run(tmp, Map.of(), "init", "-q", "--bare", target.toString());
        String head = GitRepo.run(source, Map.of(), "rev-parse", "HEAD").trim();
        List<String> history = List.of(GitRepo.run(source, Map.of(), "rev-list", "--first-parent", "--reverse", head)
                .trim().split("\n"));
        List<String> commits = new ArrayList<>();
        if (all || first + last >= history.size()) {
            commits.addAll(history);
        } else {
            commits.addAll(history.subList(0, first));
            commits.addAll(history.subList(history.size() - last, history.size()));
        }

        Builder incremental = new Builder(tmp.resolve("cache-incr"));
        Builder full = new Builder(tmp.resolve("cache-full")); // its own parse cache: nothing shared with the other
        List<Long> incrementalMs = new ArrayList<>();
        List<Long> fullMs = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int compared = 0;
        long start = System.nanoTime();
        for (int i = 0; i < commits.size(); i++) {
            String sha = commits.get(i);
            long t0 = System.nanoTime();
            BuildReport inc = incremental.build(new BuildRequest(source.toString(), sha, "gh-pages", null, null, null, false));
            incrementalMs.add((System.nanoTime() - t0) / 1_000_000);
            assertThat(inc.mode()).isEqualTo(i == 0 ? "full" : "incremental");
            if (i % every != 0 && i != commits.size() - 1) {
                continue;
            }
            compared++;
            String branch = "full-" + i;
            long t1 = System.nanoTime();
            BuildReport f = full.build(new BuildRequest(source.toString(), sha, branch, target.toString(), null, null, true));
            fullMs.add((System.nanoTime() - t1) / 1_000_000);
            PublishedState mine = SiteTrees.state(source, "gh-pages");
            PublishedState theirs = SiteTrees.state(target, branch);
            int outputs = mine.manifest().fingerprints().size();
            if (inc.pages().rendered() + inc.pages().unchanged() != outputs) {
                failures.add("commit #" + i + " " + sha + ": report says " + inc.pages() + " for " + outputs + " outputs");
            }
            if (f.pages().rendered() != outputs) {
                failures.add("commit #" + i + " " + sha + ": full build rendered " + f.pages().rendered() + " of " + outputs);
            }
            ObjectId a = mine.tip().getTree();
            ObjectId b = theirs.tip().getTree();
            if (!a.equals(b)) {
                failures.add("commit #" + i + " " + sha + ":\n" + SiteTrees.diff(source, a, "incremental", target, b, "full"));
                if (failures.size() >= 5) {
                    break;
                }
            }
        }
        long totalMs = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("til replay: %d of %d first-parent commits built incrementally, %d compared with a full build "
                        + "(every %d), total %.1f s; incremental per commit: median %d ms, p90 %d ms, max %d ms; "
                        + "full build median %d ms%n",
                incrementalMs.size(), history.size(), compared, every, totalMs / 1000.0, percentile(incrementalMs, 50),
                percentile(incrementalMs, 90), percentile(incrementalMs, 100), percentile(fullMs, 50));
        assertThat(failures).as("incremental builds that differ from a full build of the same commit").isEmpty();
    }

    static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
