package dev.imprint.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Git servers on 127.0.0.1 started for one test and stopped after it, newest first. Register it with
 * {@code @RegisterExtension final Forges forges = new Forges();} instead of closing servers by hand.
 */
public final class Forges implements AfterEachCallback {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** A smart-HTTP server for the bare repositories under {@code root} (JGit's, no hooks run). */
    public GitServer http(Path root) {
        GitServer server = new GitServer(root);
        started.push(server);
        return server;
    }

    /** {@code git daemon} for the bare repositories under {@code root}: pushes to it run their hooks. */
    public GitDaemon daemon(Path root) throws IOException {
        GitDaemon daemon = new GitDaemon(root);
        started.push(daemon);
        return daemon;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }
}
