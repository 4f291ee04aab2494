package dev.imprint.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The notes repository at one commit, read straight from the object database: the config, the notes, the
 * assets and the template overrides. Blob contents are read on demand.
 *
 * <p>Identity equality: a snapshot is one reading of one commit, never compared; compare {@link #commit()}s.
 */
public final class Snapshot {
    public static final String TEMPLATES_DIR = "templates/";

    private final Repository repository;
    private final RevCommit commit;
    private final SiteConfig config;
    private final String contentRoot;
    private final List<SourceFile> notes;
    private final List<SourceFile> assets;
    private final Map<String, String> templates;
    private final ObjectId configBlob;
    private final List<Warning> warnings;

    private Snapshot(Repository repository, RevCommit commit, SiteConfig config, ObjectId configBlob, String contentRoot,
                     List<SourceFile> notes, List<SourceFile> assets, Map<String, String> templates, List<Warning> warnings) {
        this.repository = repository;
        this.commit = commit;
        this.config = config;
        this.configBlob = configBlob;
        this.contentRoot = contentRoot;
        this.notes = notes;
        this.assets = assets;
        this.templates = templates;
        this.warnings = warnings;
    }

    /**
     * Only the settings of {@code commit}, what every output depends on: the config and the template overrides,
     * read by path (no notes, no assets), so asking whether a commit is published costs nothing per note.
     */
    public static Snapshot settings(Repository repository, RevCommit commit) throws SourceException {
        try {
            Config found = config(repository, path -> {
                try (TreeWalk tw = TreeWalk.forPath(repository, path, commit.getTree())) {
                    return tw != null && regular(tw.getFileMode(0)) ? tw.getObjectId(0) : null;
                }
            });
            ObjectId configBlob = found.blob();
            SiteConfig config = found.config();
            Map<String, String> templates = new TreeMap<>();
            String dir = TEMPLATES_DIR.substring(0, TEMPLATES_DIR.length() - 1);
            try (TreeWalk folder = TreeWalk.forPath(repository, dir, commit.getTree())) {
                if (folder != null && folder.getFileMode(0) == FileMode.TREE) {
                    try (TreeWalk tw = new TreeWalk(repository)) {
                        tw.addTree(folder.getObjectId(0));
                        while (tw.next()) {
                            String name = tw.getPathString();
                            if (regular(tw.getFileMode(0)) && (name.endsWith(".peb") || name.endsWith(".css"))) {
                                templates.put(name, text(repository, tw.getObjectId(0)));
                            }
                        }
                    }
                }
            }
            return new Snapshot(repository, commit, config, configBlob, "", List.of(), List.of(), templates, List.of());
        } catch (IOException e) {
            throw new SourceException("cannot read the tree of " + commit.name() + ": " + e.getMessage(), e);
        }
    }

    /** A tree's config: where it was read from (null when there is none), its blob, what it says and its warnings. */
    private record Config(String path, ObjectId blob, SiteConfig config, List<String> warnings) {
    }

    /** What finds a file's blob in a tree by path, or null. */
    private interface BlobAt {
        ObjectId find(String path) throws IOException;
    }

    /** {@code imprint.yml}; without one, a Hugo site's config ({@link HugoConfig#FILES}); else the defaults. */
    private static Config config(Repository repository, BlobAt blobAt) throws IOException, SourceException {
        List<String> warnings = new ArrayList<>();
        ObjectId yml = blobAt.find(SiteConfig.FILE);
        if (yml != null) {
            return new Config(SiteConfig.FILE, yml, SiteConfigReader.parse(text(repository, yml), warnings), warnings);
        }
        for (String hugo : HugoConfig.FILES) {
            ObjectId blob = blobAt.find(hugo);
            if (blob != null) {
                return new Config(hugo, blob, HugoConfig.parse(hugo, text(repository, blob), warnings), warnings);
            }
        }
        return new Config(null, null, SiteConfig.defaults(), warnings);
    }

    /** Reads the tree of {@code commit}. Throws only when the config itself cannot be read. */
    public static Snapshot read(Repository repository, RevCommit commit) throws SourceException {
        List<Warning> warnings = new ArrayList<>();
        Map<String, ObjectId> files = new TreeMap<>();
        List<String> symlinks = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                FileMode mode = walk.getFileMode(0);
                String path = walk.getPathString();
                if (mode == FileMode.SYMLINK) {
                    symlinks.add(path);
                } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                    files.put(path, walk.getObjectId(0));
                }
                // gitlinks (submodules) have no content here; they are skipped silently like git archive does
            }
        } catch (IOException e) {
            throw new SourceException("cannot read the tree of " + commit.name() + ": " + e.getMessage(), e);
        }

        Config found;
        try {
            found = config(repository, files::get);
        } catch (IOException e) {
            throw new SourceException("cannot read the config of " + commit.name() + ": " + e.getMessage(), e);
        }
        ObjectId configBlob = found.blob();
        SiteConfig config = found.config();
        found.warnings().forEach(w -> warnings.add(new Warning(found.path(), w)));

        String root = config.contentDir();
        if (root == null) {
            root = files.keySet().stream().anyMatch(p -> p.startsWith("content/")) ? "content" : "";
        } else if (!root.isEmpty() && files.keySet().stream().noneMatch(p -> p.startsWith(config.contentDir() + "/"))) {
            warnings.add(new Warning(SiteConfig.FILE, "content_dir '" + root + "' has no files"));
        }
        String prefix = root.isEmpty() ? "" : root + "/";

        List<PathMatcher> excludes = new ArrayList<>();
        for (String glob : config.exclude()) {
            excludes.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        for (String link : symlinks) {
            if (link.startsWith(prefix) && !ignored(link.substring(prefix.length()), excludes)) {
                warnings.add(new Warning(link, "symbolic link not followed; the file is not published"));
            }
        }

        List<SourceFile> notes = new ArrayList<>();
        List<SourceFile> assets = new ArrayList<>();
        Map<String, String> templates = new TreeMap<>();
        for (var e : files.entrySet()) {
            String path = e.getKey();
            if (path.startsWith(TEMPLATES_DIR) && path.indexOf('/', TEMPLATES_DIR.length()) < 0) {
                if (path.endsWith(".peb") || path.endsWith(".css")) {
                    templates.put(path.substring(TEMPLATES_DIR.length()), text(repository, e.getValue()));
                }
                continue;
            }
            Hugo hugo = config.hugo();
            String staticPath = hugo == null ? null : hugo.staticPath(path);
            if (staticPath != null) { // a Hugo static file is copied to the site root as it is, never a note
                if (!ignored(staticPath, excludes)) {
                    assets.add(new SourceFile(path, staticPath, e.getValue()));
                }
                continue;
            }
            if (!path.startsWith(prefix) || path.equals(SiteConfig.FILE) || path.equals(found.path())) {
                continue;
            }
            String contentPath = path.substring(prefix.length());
            if (ignored(contentPath, excludes) || hugo != null && hugo.ignores(contentPath)) {
                continue;
            }
            SourceFile file = new SourceFile(path, contentPath, e.getValue());
            (file.isNote() ? notes : assets).add(file);
        }
        return new Snapshot(repository, commit, config, configBlob, root, List.copyOf(notes), List.copyOf(assets),
                templates, warnings);
    }

    private static boolean ignored(String contentPath, List<PathMatcher> excludes) {
        for (String segment : contentPath.split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        if (contentPath.startsWith(TEMPLATES_DIR)) {
            return true;
        }
        Path p = Path.of(contentPath);
        for (PathMatcher m : excludes) {
            if (m.matches(p)) {
                return true;
            }
        }
        return false;
    }

    private static String text(Repository repository, ObjectId blob) {
        return new String(bytes(repository, blob), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Repository repository, ObjectId blob) {
        try {
            return repository.open(blob, Constants.OBJ_BLOB).getBytes(Integer.MAX_VALUE - 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + blob.name(), e);
        }
    }

    /** A snapshot made from another by {@link #patch}, with the notes whose blobs changed. */
    public record Patched(Snapshot snapshot, List<SourceFile> changed) {
    }

    private Map<String, Integer> noteIndex;

    /**
     * The snapshot of {@code next} (in {@code repository}, this snapshot's repository or a newer handle on it), made
     * from this one when the only differences are new contents of notes this snapshot has: the two trees are
     * compared, skipping identical folders, so the cost follows the change. Null when anything else changed (a file
     * added, removed or renamed, the config, a template, an asset, an ignored file...): then {@link #read} it.
     */
    public Patched patch(Repository repository, RevCommit next) throws SourceException {
        Map<String, Integer> index = noteIndex();
        List<SourceFile> changed = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getTree());
            walk.addTree(next.getTree());
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            while (walk.next()) {
                String path = walk.getPathString();
                Integer i = index.get(path);
                if (i == null || !regular(walk.getFileMode(0)) || !regular(walk.getFileMode(1))) {
                    return null;
                }
                SourceFile old = notes.get(i);
                changed.add(new SourceFile(path, old.contentPath(), walk.getObjectId(1)));
            }
        } catch (MissingObjectException e) {
            return null; // this snapshot's commit is gone (a force push and a gc, or another repository at the path)
        } catch (IOException e) {
            throw new SourceException("cannot compare " + commit.name() + " with " + next.name() + ": " + e.getMessage(), e);
        }
        List<SourceFile> now = new ArrayList<>(notes);
        for (SourceFile f : changed) {
            now.set(index.get(f.path()), f);
        }
        Snapshot patched = new Snapshot(repository, next, config, configBlob, contentRoot, List.copyOf(now), assets,
                templates, warnings);
        patched.noteIndex = index; // the same paths at the same places
        return new Patched(patched, List.copyOf(changed));
    }

    /** The note at a repository path, or null. */
    public SourceFile note(String path) {
        Integer i = noteIndex().get(path);
        return i == null ? null : notes.get(i);
    }

    private static boolean regular(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    private synchronized Map<String, Integer> noteIndex() {
        if (noteIndex == null) {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < notes.size(); i++) {
                index.put(notes.get(i).path(), i);
            }
            noteIndex = index;
        }
        return noteIndex;
    }

    /** The same snapshot seen with another config (e.g. a base URL given on the command line). */
    public Snapshot withConfig(SiteConfig other) {
        return new Snapshot(repository, commit, other, configBlob, contentRoot, notes, assets, templates, warnings);
    }

    /** The same snapshot without the repository's template overrides: built with the built-in theme. */
    public Snapshot withoutTemplates() {
        return new Snapshot(repository, commit, config, configBlob, contentRoot, notes, assets, Map.of(), warnings);
    }

    /** The bytes of a blob of this repository. Thread-safe. */
    public byte[] read(ObjectId blob) {
        return bytes(repository, blob);
    }

    public Repository repository() {
        return repository;
    }

    public RevCommit commit() {
        return commit;
    }

    /**
     * The commit's committer time: what a build takes for "now" (a Hugo site's future and expired pages), so the
     * same commit always builds the same site, whenever it is built.
     */
    public Instant time() {
        return Instant.ofEpochSecond(commit.getCommitTime());
    }

    public SiteConfig config() {
        return config;
    }

    /** The blob of imprint.yml (or of a Hugo site's config without one), or null when the repository has none. */
    public ObjectId configBlob() {
        return configBlob;
    }

    /** The content root relative to the repository root, "" for the root itself. */
    public String contentRoot() {
        return contentRoot;
    }

    public List<SourceFile> notes() {
        return notes;
    }

    public List<SourceFile> assets() {
        return assets;
    }

    /** Template overrides from the repository's templates/ folder, by file name. */
    public Map<String, String> templates() {
        return templates;
    }

    public List<Warning> warnings() {
        return warnings;
    }
}
