package dev.imprint.service;

import java.io.IOException;
import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Serves a published branch straight from Git objects: no checkout, always the branch's current tip. */
final class PublishedSite {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml; charset=utf-8"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"), Map.entry("ico", "image/x-icon"), Map.entry("woff2", "font/woff2"),
            Map.entry("woff", "font/woff"), Map.entry("ttf", "font/ttf"), Map.entry("pdf", "application/pdf"),
            Map.entry("md", "text/markdown; charset=utf-8"), Map.entry("wasm", "application/wasm"));

    /** What to answer: a file (status 200 or 404 with 404.html), a redirect to the folder, or nothing at all. */
    record Answer(int status, String contentType, byte[] body, String etag, String redirect) {
    }

    private PublishedSite() {
    }

    static Answer lookup(Repository repo, String refName, String path) throws IOException {
        Ref ref = repo.exactRef(refName);
        if (ref == null) {
            return new Answer(404, "text/plain; charset=utf-8", "Not published yet.\n".getBytes(), null, null);
        }
        try (RevWalk walk = new RevWalk(repo)) {
            var tree = walk.parseCommit(ref.getObjectId()).getTree();
            String clean = path.replaceAll("^/+", "");
            if (clean.contains("..")) {
                return notFound(repo, tree);
            }
            String file = clean.isEmpty() || clean.endsWith("/") ? clean + "index.html" : clean;
            Entry e = find(repo, tree, file);
            if (e != null && e.mode == FileMode.TREE && find(repo, tree, clean + "/index.html") != null) {
                // a folder asked for without its slash: relative links inside need the slash
                return new Answer(301, null, null, null, clean.substring(clean.lastIndexOf('/') + 1) + "/");
            }
            if (e == null || e.mode == FileMode.TREE) {
                return notFound(repo, tree);
            }
            byte[] body = repo.open(e.id, Constants.OBJ_BLOB).getBytes();
            return new Answer(200, type(file), body, "\"" + e.id.name() + "\"", null);
        }
    }

    private static Answer notFound(Repository repo, RevTree tree) throws IOException {
        Entry page = find(repo, tree, "404.html");
        byte[] body = page == null ? "Not found.\n".getBytes() : repo.open(page.id, Constants.OBJ_BLOB).getBytes();
        return new Answer(404, page == null ? "text/plain; charset=utf-8" : TYPES.get("html"), body, null, null);
    }

    private record Entry(ObjectId id, FileMode mode) {
    }

    private static Entry find(Repository repo, RevTree tree, String path) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(repo, path, tree)) {
            return tw == null ? null : new Entry(tw.getObjectId(0), tw.getFileMode(0));
        } catch (IllegalArgumentException e) {
            return null; // not a valid path
        }
    }

    static String type(String path) {
        String ext = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String t = TYPES.get(ext);
        if (t != null) {
            return t;
        }
        String guess = URLConnection.guessContentTypeFromName(path);
        return guess != null ? guess : "application/octet-stream";
    }
}
