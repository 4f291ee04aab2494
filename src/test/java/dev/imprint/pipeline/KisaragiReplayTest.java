package dev.imprint.pipeline;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the history of a real Hugo site written in Org mode (kisaragi-hiu.com, 1,868 commits, from
 * ../shared/corpora) with no imprint.yml: each incremental build must equal a full build of the same commit
 * ({@link HistoryReplay}).
 *
 * <p>System properties: {@code imprint.kisaragi.first} (default 150) and {@code imprint.kisaragi.last} (default 50)
 * choose the slice of first-parent commits; {@code imprint.kisaragi.all=true} replays every one;
 * {@code imprint.kisaragi.every} is K (default 10). See tests/bench/replay-kisaragi.sh.
 */
class KisaragiReplayTest {
    static final Path BUNDLE = Path.of("..", "shared", "corpora", "kisaragi-hiu.bundle");

    @TempDir
    Path tmp;

    @Test
    void incrementalBuildsAlongTheHistoryEqualFullBuilds() throws Exception {
        new HistoryReplay(BUNDLE, "kisaragi", "imprint.kisaragi").run(tmp, 150, 50, 10);
    }
}
