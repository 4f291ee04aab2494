package dev.imprint.testing;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

import io.javalin.Javalin;

/** A stand-in forge: bare repositories under a folder, served over real smart HTTP on 127.0.0.1 by JGit. */
public final class GitServer implements AutoCloseable {
    private final Path root;
    private final Javalin app;

    public GitServer(Path root) {
        this.root = root;
        GitServlet servlet = new GitServlet();
        servlet.setRepositoryResolver((req, name) -> {
            Path dir = root.resolve(name);
            if (!dir.normalize().startsWith(root) || !dir.resolve("HEAD").toFile().exists()) {
                throw new RepositoryNotFoundException(name);
            }
            try {
                return new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
            } catch (IOException e) {
                throw new RepositoryNotFoundException(name, e);
            }
        });
        servlet.setUploadPackFactory((req, repo) -> new UploadPack(repo));
        servlet.setReceivePackFactory((req, repo) -> new ReceivePack(repo));
        app = Javalin.create(c -> {
            c.jetty.host = "127.0.0.1";
            c.jetty.port = 0;
            c.startup.showJavalinBanner = false;
            c.jetty.modifyServletContextHandler(h -> h.addServlet(new ServletHolder(servlet), "/git/*"));
        }).start();
    }

    /** Creates a bare repository {@code name}.git whose HEAD is main; returns its clone URL. */
    public String create(String name) {
        Path dir = root.resolve(name + ".git");
        GitRepo.run(root, java.util.Map.of(), "init", "-q", "--bare", "-b", "main", dir.toString());
        return url(name);
    }

    public String url(String name) {
        return "http://127.0.0.1:" + app.port() + "/git/" + name + ".git";
    }

    public Path dir(String name) {
        return root.resolve(name + ".git");
    }

    public Repository open(String name) throws IOException {
        return new FileRepositoryBuilder().setGitDir(dir(name).toFile()).setBare().setMustExist(true).build();
    }

    @Override
    public void close() {
        app.stop();
    }
}
