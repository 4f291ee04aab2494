package dev.imprint.pipeline;

import java.nio.file.Path;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import dev.imprint.testing.GitRepo;

/** Builds a test repository's site onto its own gh-pages branch, and reads its pages back as a reader would. */
final class GhPages {
    private GhPages() {
    }

    /** A build of the repository's HEAD onto its gh-pages branch, with the parse cache in {@code cache}. */
    static BuildReport build(Path cache, GitRepo notes) throws Exception {
        return new Builder(cache).build(new BuildRequest(notes.dir().toString(), null, "gh-pages", null, null, null, false));
    }

    /** A published page, parsed. */
    static Document page(GitRepo notes, String path) throws Exception {
        return Jsoup.parse(notes.read("gh-pages", path));
    }
}
