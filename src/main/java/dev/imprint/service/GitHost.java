package dev.imprint.service;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * The built-in Git host: bare repositories under {@code data/git/NAME.git}, served over smart HTTP by JGit's
 * GitServlet at {@code /git/NAME.git}, behind {@link GitAccess}. A push is checked like git's
 * {@code receive.fsckObjects}, limited in size and held to the repository's {@link PushRules}; every accepted
 * push tells the repository's worker to look.
 */
final class GitHost {
    private final Path root;
    private final Map<String, Hosted> open = new ConcurrentHashMap<>();
    private final GitAccess access = new GitAccess();
    private final Consumer<String> onPush;

    private record Hosted(Repository repo, PushRules rules, long maxPackBytes) {
    }

    GitHost(Path root, Consumer<String> onPush) {
        this.root = root;
        this.onPush = onPush;
    }

    Path path(String name) {
        return root.resolve(name + ".git");
    }

    /** Creates the bare repository if it does not exist; seeds it with the starter notes when asked. */
    void ensure(String name, String branch, boolean seed) throws IOException {
        Path dir = path(name);
        if (Files.exists(dir.resolve("HEAD"))) {
            return;
        }
        Files.createDirectories(dir);
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build()) {
            repo.create(true);
            // JGit points a new repository's HEAD at master; authors expect the configured branch
            RefUpdate head = repo.updateRef(Constants.HEAD, false);
            head.link(Constants.R_HEADS + branch);
            repo.getConfig().setBoolean("http", null, "receivepack", true);
            repo.getConfig().save();
            if (seed) {
                seed(repo, branch);
            }
        }
    }

    private static void seed(Repository repo, String branch) throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            for (var e : StarterNotes.files().entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(e.getKey());
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, e.getValue()));
                builder.add(entry);
            }
            builder.finish();
            ObjectId tree = index.writeTree(inserter);
            PersonIdent ident = new PersonIdent("Imprint", "imprint@localhost");
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage("Start from Imprint's starter notes\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
            update.setExpectedOldObjectId(ObjectId.zeroId());
            update.setNewObjectId(id);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW) {
                throw new IOException("cannot seed " + repo.getDirectory() + ": " + result);
            }
        }
    }

    /** The servlet for {@code /git/*}: clone, fetch and push with the plain git CLI. */
    GitServlet servlet() {
        GitServlet servlet = new GitServlet();
        servlet.setRepositoryResolver((request, name) -> {
            String repoName = name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
            Hosted hosted = open.get(repoName);
            if (hosted == null) {
                throw new RepositoryNotFoundException(name);
            }
            hosted.repo.incrementOpen();
            return hosted.repo;
        });
        servlet.setUploadPackFactory((request, repo) -> new UploadPack(repo));
        servlet.setReceivePackFactory((request, repo) -> {
            String name = repo.getDirectory().getName().replaceFirst("\\.git$", "");
            Hosted hosted = open.get(name);
            ReceivePack pack = new ReceivePack(repo);
            pack.setCheckReceivedObjects(true);
            pack.setMaxPackSizeLimit(hosted.maxPackBytes);
            pack.setPreReceiveHook(hosted.rules);
            pack.setPostReceiveHook((rp, commands) -> onPush.accept(name));
            return pack;
        });
        return servlet;
    }

    /** The filter for {@code /git/*}: HTTP Basic for repositories with users. */
    GitAccess access() {
        return access;
    }

    /** Makes a hosted repository reachable over HTTP, for these users (none: anyone). */
    void serve(String name, String publishBranch, ServiceConfig.GitHostSettings settings, List<GitAccess.Account> users)
            throws IOException {
        File dir = path(name).toFile();
        Repository repo = new FileRepositoryBuilder().setGitDir(dir).setBare().setMustExist(true).build();
        PushRules rules = new PushRules(Constants.R_HEADS + publishBranch, settings.allowForcePush);
        open.put(name, new Hosted(repo, rules, settings.maxPushMb * 1024L * 1024L));
        access.admit(name, users);
    }

    void close() {
        open.values().forEach(h -> h.repo.close());
    }
}
