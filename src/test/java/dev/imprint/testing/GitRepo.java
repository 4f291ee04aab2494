package dev.imprint.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/** A real Git repository on disk, driven with the real {@code git} CLI the way an author would. */
public final class GitRepo implements AutoCloseable {
    private final Path dir;
    private int tick;

    private GitRepo(Path dir) {
        this.dir = dir;
    }

    /** An existing work tree, e.g. a clone. */
    public static GitRepo open(Path dir) {
        return new GitRepo(dir);
    }

    public static GitRepo init(Path dir) {
        GitRepo repo = new GitRepo(dir);
        repo.git("init", "-q", "-b", "main");
        return repo;
    }

    /** Copies a folder (e.g. repo-template/) into a new repository and commits it. */
    public static GitRepo fromFolder(Path folder, Path dir) throws IOException {
        GitRepo repo = init(dir);
        try (var files = Files.walk(folder)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = dir.resolve(folder.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        repo.commitAll("Initial notes");
        return repo;
    }

    public Path dir() {
        return dir;
    }

    public GitRepo write(String path, String content) {
        return write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public GitRepo write(String path, byte[] content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public GitRepo delete(String path) {
        git("rm", "-q", path);
        return this;
    }

    /** Stages everything and commits with a fixed, increasing date; returns the new commit id. */
    public String commitAll(String message) {
        git("add", "-A");
        tick++;
        String date = "2024-01-01T00:00:" + String.format("%02d", tick % 60) + "Z";
        gitEnv(Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date),
                "-c", "user.name=Ada Author", "-c", "user.email=ada@example.org", "-c", "commit.gpgsign=false",
                "commit", "-q", "--allow-empty", "-m", message);
        return head();
    }

    public String head() {
        return git("rev-parse", "HEAD").trim();
    }

    public String git(String... args) {
        return gitEnv(Map.of(), args);
    }

    public String gitEnv(Map<String, String> env, String... args) {
        return run(dir, env, args);
    }

    public static String run(Path dir, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", dir.toString());
        pb.environment().putAll(env);
        try {
            Files.createDirectories(dir);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Repository open() throws IOException {
        return new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).setMustExist(true).build();
    }

    /** The commit at the tip of a branch, or null. */
    public RevCommit tip(String branch) throws IOException {
        try (Repository r = open(); RevWalk w = new RevWalk(r)) {
            ObjectId id = r.resolve(Constants.R_HEADS + branch);
            return id == null ? null : w.parseCommit(id);
        }
    }

    /** The text of a file on a branch, or null when absent. */
    public String read(String branch, String path) throws IOException {
        byte[] b = readBytes(branch, path);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    public byte[] readBytes(String branch, String path) throws IOException {
        try (Repository r = open(); RevWalk w = new RevWalk(r)) {
            ObjectId id = r.resolve(Constants.R_HEADS + branch);
            if (id == null) {
                return null;
            }
            try (TreeWalk tw = TreeWalk.forPath(r, path, w.parseCommit(id).getTree())) {
                return tw == null ? null : r.open(tw.getObjectId(0)).getBytes();
            }
        }
    }

    /** Every file path on a branch. */
    public List<String> files(String branch) throws IOException {
        List<String> out = new ArrayList<>();
        try (Repository r = open(); RevWalk w = new RevWalk(r); TreeWalk tw = new TreeWalk(r)) {
            tw.addTree(w.parseCommit(r.resolve(Constants.R_HEADS + branch)).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                out.add(tw.getPathString());
            }
        }
        return out;
    }

    @Override
    public void close() {
    }
}
