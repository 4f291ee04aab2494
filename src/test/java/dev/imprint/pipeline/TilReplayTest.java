package dev.imprint.pipeline;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the history of a real notes repository (jbranchaud/til, 2,369 commits, from ../shared/corpora) commit by
 * commit: each incremental build must equal a full build of the same commit ({@link HistoryReplay}).
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
        new HistoryReplay(BUNDLE, "til", "imprint.replay").run(tmp, 300, 50, 10);
    }
}
