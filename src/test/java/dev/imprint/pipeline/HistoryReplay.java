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

import dev.imprint.publish.PublishedState;
import dev.imprint.testing.GitRepo;
import dev.imprint.testing.SiteTrees;

/**
 * Replays the history of a real repository (a Git bundle from ../shared/corpora) commit by commit: every commit is
 * built incrementally onto gh-pages, on top of the previous commit's build, and at every K-th commit (and always the
 * last) the tree is compared with a full build of the same commit published to a separate bare repository.
 *
 * <p>System properties, under the replay's prefix (e.g. {@code imprint.replay}): {@code .first} and {@code .last}
 * choose the slice of first-parent commits; {@code .all=true} replays every one; {@code .every} is K.
 */
final class HistoryReplay {
    private final Path bundle;
    private final String name;
    private final String prefix;
    private boolean cold;

    HistoryReplay(Path bundle, String name, String prefix) {
        this.bundle = bundle;
        this.name = name;
        this.prefix = prefix;
    }

    /**
     * Builds every commit as a new process would (a CI job): a fresh Builder each time, sharing with the one before
     * only the cache directory and its analysis file, nothing held in memory.
     */
    HistoryReplay cold() {
        this.cold = true;
        return this;
    }

    void run(Path tmp, int firstDefault, int lastDefault, int everyDefault) throws Exception {
        assumeTrue(Files.isRegularFile(bundle), "skipped: " + bundle.toAbsolutePath().normalize()
                + " not found (the shared corpora are not next to this checkout)");
        int first = Integer.getInteger(prefix + ".first", firstDefault);
        int last = Integer.getInteger(prefix + ".last", lastDefault);
        int every = Math.max(1, Integer.getInteger(prefix + ".every", everyDefault));
        boolean all = Boolean.getBoolean(prefix + ".all");

        Path source = tmp.resolve(name + ".git");
        GitRepo.run(tmp, Map.of(), "clone", "-q", "--bare", bundle.toAbsolutePath().toString(), source.toString());
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

        Builder warm = new Builder(tmp.resolve("cache-incr"));
        Builder full = new Builder(tmp.resolve("cache-full")); // its own parse cache: nothing shared with the other
        List<Long> incrementalMs = new ArrayList<>();
        List<Long> fullMs = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int compared = 0;
        long start = System.nanoTime();
        for (int i = 0; i < commits.size(); i++) {
            String sha = commits.get(i);
            long t0 = System.nanoTime();
            Builder incremental = cold ? new Builder(tmp.resolve("cache-incr")).keepAnalysis() : warm;
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
        System.out.printf("%s replay: %d of %d first-parent commits built incrementally, %d compared with a full build "
                        + "(every %d), total %.1f s; incremental per commit: median %d ms, p90 %d ms, max %d ms; "
                        + "full build median %d ms%n",
                name, incrementalMs.size(), history.size(), compared, every, totalMs / 1000.0,
                percentile(incrementalMs, 50), percentile(incrementalMs, 90), percentile(incrementalMs, 100),
                percentile(fullMs, 50));
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
