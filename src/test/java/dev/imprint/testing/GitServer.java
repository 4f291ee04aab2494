package dev.imprint.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A stand-in forge: bare repositories under a folder, served over real smart HTTP on 127.0.0.1 by JGit. */
public final class GitServer implements AutoCloseable {
    private final Path root;
    private final Javalin app;

    public GitServer(Path root) {
        this(root, null, null);
    }

    /**
     * A server whose every request needs HTTP Basic credentials {@code user:password} (as a forge asks for a token),
     * answering 401 with a challenge otherwise; {@code user} null for none.
     */
    public GitServer(Path root, String user, String password) {
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
            c.jetty.modifyServletContextHandler(h -> {
                if (user != null) {
                    h.addFilter(new FilterHolder(basicAuth(user, password)), "/git/*", EnumSet.of(DispatcherType.REQUEST));
                }
                h.addServlet(new ServletHolder(servlet), "/git/*");
            });
        }).start();
    }

    private static Filter basicAuth(String user, String password) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return (req, res, chain) -> {
            if (expected.equals(((HttpServletRequest) req).getHeader("Authorization"))) {
                chain.doFilter(req, res);
                return;
            }
            HttpServletResponse response = (HttpServletResponse) res;
            response.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        };
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
