package dev.imprint.source;

import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;

/**
 * Repositories a long-lived process keeps open between builds. Opening a repository anew reads its pack indexes
 * again on the first object read, which costs time in proportion to the repository's size on every build; an open
 * {@link Repository} notices new packs, loose objects, refs and config by itself.
 */
public final class OpenRepositories {
    private final Map<File, Repository> open = new ConcurrentHashMap<>();

    /** The repository at {@code dir} (a work tree or a Git directory), opened once; never closed by its users. */
    Repository get(File dir) throws IOException {
        File key = dir.getCanonicalFile();
        Repository repository = open.get(key);
        if (repository != null && repository.getObjectDatabase().exists()) {
            return repository;
        }
        // first use, or the repository was deleted (and perhaps made again) since
        if (repository != null) {
            open.remove(key, repository);
            repository.close();
        }
        Repository fresh = Git.open(key).getRepository();
        Repository raced = open.putIfAbsent(key, fresh);
        if (raced != null) {
            fresh.close();
            return raced;
        }
        return fresh;
    }
}
