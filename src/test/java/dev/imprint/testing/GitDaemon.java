package dev.imprint.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The real {@code git daemon} on 127.0.0.1 serving bare repositories under a folder, pushes allowed. Unlike JGit's
 * file:// transport it runs the repositories' hooks, as a forge does.
 */
public final class GitDaemon implements AutoCloseable {
    private final Path root;
    private final int port;
    private final Process process;

    public GitDaemon(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root);
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        process = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack",
                "--listen=127.0.0.1", "--port=" + port, "--base-path=" + root, root.toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("daemon.log").toFile()).start();
        await().atMost(Duration.ofSeconds(20)).until(this::listening);
    }

    private boolean listening() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates a bare repository {@code name}.git; returns its git:// URL. */
    public String create(String name) {
        GitRepo.run(root, Map.of(), "init", "-q", "--bare", "-b", "main", dir(name).toString());
        return url(name);
    }

    /** Installs an executable hook (e.g. pre-receive) in the repository. */
    public void hook(String name, String hook, String script) throws IOException {
        Path file = dir(name).resolve("hooks").resolve(hook);
        Files.writeString(file, script);
        file.toFile().setExecutable(true);
    }

    public String url(String name) {
        return "git://127.0.0.1:" + port + "/" + name + ".git";
    }

    public Path dir(String name) {
        return root.resolve(name + ".git");
    }

    @Override
    public void close() {
        process.destroy();
    }
}
