package dev.imprint.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Git servers and forge API simulators on 127.0.0.1 started for one test and stopped after it, newest first. Register
 * it with {@code @RegisterExtension final Forges forges = new Forges();} instead of closing servers by hand.
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

    /** GitHub's REST API for repository {@code owner/name}, taking {@code token}. */
    public GitHubSimulator github(String repository, String token) {
        return started(new GitHubSimulator(repository, token));
    }

    /** Gitea's (Forgejo's) API for repository {@code owner/name}, taking {@code token}. */
    public GiteaSimulator gitea(String repository, String token) {
        return started(new GiteaSimulator(repository, token));
    }

    /** GitLab's REST API for the project at {@code path} ({@code group/name}), taking {@code token}. */
    public GitLabSimulator gitlab(String path, String token) {
        return started(new GitLabSimulator(path, token));
    }

    private <T extends AutoCloseable> T started(T server) {
        started.push(server);
        return server;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }
}
