package dev.imprint.pipeline;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The til history built cold, as CI jobs build it: each commit by a fresh Builder that shares only the cache
 * directory (its analysis file) with the one before; each build must equal a full build of the same commit
 * ({@link HistoryReplay}).
 *
 * <p>System properties: {@code imprint.cold.first} (default 40) and {@code imprint.cold.last} (default 20) choose
 * the slice; {@code imprint.cold.all=true} replays every commit; {@code imprint.cold.every} is K (default 10).
 * See tests/bench/replay-til-cold.sh.
 */
class TilColdReplayTest {
    @TempDir
    Path tmp;

    @Test
    void coldBuildsAlongTheHistoryEqualFullBuilds() throws Exception {
        new HistoryReplay(TilReplayTest.BUNDLE, "til-cold", "imprint.cold").cold().run(tmp, 40, 20, 10);
    }
}
