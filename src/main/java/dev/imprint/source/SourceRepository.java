package dev.imprint.source;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.util.sha1.SHA1;

/**
 * A notes repository opened for reading: a local path (bare or not) or a URL mirrored into a cache dir.
 * Nothing here touches a work tree; everything is read from the object database.
 */
public final class SourceRepository implements AutoCloseable {
    private final Repository repository;
    private final String location;
    private final boolean remote;
    /** Kept open by an {@link OpenRepositories} for the next build: closing this does not close it. */
    private final boolean shared;

    private SourceRepository(Repository repository, String location, boolean remote, boolean shared) {
        this.repository = repository;
        this.location = location;
        this.remote = remote;
        this.shared = shared;
    }

    public static boolean isUrl(String location) {
        return location.contains("://") || location.matches("^[\\w.-]+@[\\w.-]+:.*");
    }

    /** Opens a local repository, or mirrors a remote one into {@code cacheDir} (fetching if already there). */
    public static SourceRepository open(String location, Path cacheDir) throws SourceException {
        return open(location, cacheDir, null);
    }

    /** As {@link #open(String, Path)}, authenticating to a remote with {@code credentials} (may be null). */
    public static SourceRepository open(String location, Path cacheDir, CredentialsProvider credentials) throws SourceException {
        return open(location, cacheDir, credentials, null);
    }

    /**
     * As {@link #open(String, Path, CredentialsProvider)}, taking the repository from {@code open} (which keeps it
     * open for the next build) when that is not null.
     */
    public static SourceRepository open(String location, Path cacheDir, CredentialsProvider credentials,
                                        OpenRepositories open) throws SourceException {
        if (isUrl(location)) {
            return new SourceRepository(mirror(location, cacheDir, credentials, open), location, true, open != null);
        }
        File dir = new File(location);
        if (!dir.exists()) {
            throw new SourceException("no such repository: " + location);
        }
        try {
            return new SourceRepository(open(dir, open), location, false, open != null);
        } catch (IOException e) {
            throw new SourceException("not a Git repository: " + location);
        }
    }

    private static Repository open(File dir, OpenRepositories open) throws IOException {
        return open == null ? Git.open(dir).getRepository() : open.get(dir);
    }

    /** Where {@link #open} mirrors the repository at {@code url}: a bare repository named for the URL's hash. */
    public static Path mirrorDir(String url, Path cacheDir) {
        SHA1 sha = SHA1.newInstance();
        sha.update(url.getBytes(StandardCharsets.UTF_8));
        return cacheDir.resolve(sha.toObjectId().name() + ".git");
    }

    private static Repository mirror(String url, Path cacheDir, CredentialsProvider credentials, OpenRepositories open)
            throws SourceException {
        Path dir = mirrorDir(url, cacheDir);
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                Git.cloneRepository().setURI(url).setDirectory(dir.toFile()).setBare(true)
                        .setCredentialsProvider(credentials).call().close();
            }
            Git git = Git.wrap(open(dir.toFile(), open));
            git.fetch().setRemote(url).setCredentialsProvider(credentials)
                    .setRefSpecs(List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*")))
                    .setRemoveDeletedRefs(true).call();
            return git.getRepository();
        } catch (GitAPIException | IOException e) {
            throw new SourceException("cannot fetch " + url + ": " + e.getMessage(), e);
        } catch (JGitInternalException e) {
            // what went wrong is in the cause: the exception itself only says "during execution of fetch command"
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SourceException("cannot fetch " + url + ": " + cause.getMessage(), e);
        }
    }

    public Repository repository() {
        return repository;
    }

    public String location() {
        return location;
    }

    public boolean isRemote() {
        return remote;
    }

    /** Resolves a branch, tag or sha (null or blank: the default branch, HEAD) to a commit. */
    public RevCommit resolve(String ref) throws SourceException {
        String wanted = ref == null || ref.isBlank() ? Constants.HEAD : ref;
        try {
            ObjectId id = repository.resolve(wanted + "^{commit}");
            if (id == null && ref == null) {
                id = soleBranch();
            }
            if (id == null) {
                throw new SourceException(ref == null ? "repository has no commits: " + location
                        : "no such ref '" + ref + "' in " + location);
            }
            try (RevWalk walk = new RevWalk(repository)) {
                return walk.parseCommit(id);
            }
        } catch (IOException e) {
            throw new SourceException("cannot resolve '" + wanted + "' in " + location + ": " + e.getMessage(), e);
        }
    }

    /** HEAD of a bare repo often names a branch that does not exist (JGit and old git default to master). */
    private ObjectId soleBranch() throws IOException {
        var branches = repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS);
        for (String preferred : List.of("main", "master")) {
            var ref = repository.exactRef(Constants.R_HEADS + preferred);
            if (ref != null) {
                return ref.getObjectId();
            }
        }
        return branches.size() == 1 ? branches.get(0).getObjectId() : null;
    }

    /** The short name of the ref that was asked for, for commit messages. */
    public String describe(String ref) {
        if (ref != null && !ref.isBlank()) {
            return ref;
        }
        try {
            String full = repository.getFullBranch();
            return full == null ? "HEAD" : Repository.shortenRefName(full);
        } catch (IOException e) {
            return "HEAD";
        }
    }

    @Override
    public void close() {
        if (!shared) {
            repository.close();
        }
    }
}
