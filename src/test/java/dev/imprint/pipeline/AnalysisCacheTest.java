package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;
import dev.imprint.testing.SiteTrees;

/**
 * The analysis file a cold {@code imprint build} starts from: a fresh Builder per build, sharing only the cache
 * directory, publishes the very tree a build without any cache does, parses only the notes that are new, and a file
 * that is damaged or from another Imprint is a warning and a full analysis, never a different site.
 */
class AnalysisCacheTest {
    @TempDir
    Path tmp;
    GitRepo notes;
    Path cache;
    Path bare;
    int fulls;

    @BeforeEach
    void setUp() throws Exception {
        notes = GitRepo.fromFolder(Path.of("repo-template"), tmp.resolve("notes"));
        // front matter of every kind the readers make, an Org note, notes that do not render
        notes.write("content/odd/numbers.md", "---\ntitle: Numbers\ndate: 2024-02-03\nweight: 3\nratio: 0.25\n"
                + "big: 123456789012345678901234567890\nlong: 12345678901\nnothing:\nnested:\n  a: [1, two, 3.5]\n"
                + "  b: {c: true}\ntags: [x, y]\n---\n# Heading one\n\nSome *text* with a [link](../essays/why-plain-text.md)"
                + " and ![img](../labnotes/images/diagram.svg).\n\n## Second\n\nMore text, `code`, $x$.\n");
        notes.write("content/odd/toml.md", "+++\ntitle = \"From TOML\"\ndate = 2023-05-06T07:08:09Z\nweight = 1.5\n"
                + "tags = [\"t\"]\n+++\nBody of the TOML note. [[borrowed-lines]]\n");
        notes.write("content/odd/json.md", "{\"title\": \"From JSON\", \"n\": 7, \"list\": [null, false]}\n\nJSON body.\n");
        notes.write("content/odd/surrogate.md", "---\ntitle: Odd entity\n---\nA lone surrogate &#xD800; and \uD83D\uDE00.\n");
        notes.write("content/odd/empty.md", "---\ntitle: Empty\n---\n");
        notes.write("content/odd/binary.md", new byte[] {'a', 0, 'b'});
        notes.write("content/odd/broken.md", "---\ntitle: [unclosed\n---\nBroken front matter.\n");
        notes.write("content/org/roam.org", "#+title: An Org note\n#+date: 2024-01-02\n#+filetags: :org:notes:\n"
                + ":PROPERTIES:\n:ID: abc-123\n:END:\n* A headline\nSome /text/ and [[file:../essays/against-streaks.md][a link]].\n"
                + "# more\n** Deeper\n#+begin_src java\nint x;\n#+end_src\n");
        notes.commitAll("odd notes");
        cache = tmp.resolve("cache");
        bare = tmp.resolve("full.git");
        GitRepo.run(tmp, java.util.Map.of(), "init", "-q", "--bare", bare.toString());
    }

    /** One build in a process of its own: a fresh Builder that keeps its analysis in {@link #cache}. */
    record Cold(BuildReport report, int parses) {
    }

    Cold cold() throws Exception {
        Builder builder = new Builder(cache).keepAnalysis();
        BuildReport report = builder.build(new BuildRequest(notes.dir().toString(), notes.head(), "gh-pages", null,
                null, null, false));
        return new Cold(report, builder.parses());
    }

    /** The tree a build without any cache gives (into another repository, rendering everything). */
    ObjectId fullTree() throws Exception {
        String branch = "full-" + fulls++;
        new Builder(tmp.resolve("no-cache-" + fulls)).build(new BuildRequest(notes.dir().toString(), notes.head(),
                branch, bare.toString(), null, null, true));
        return SiteTrees.state(bare, branch).tip().getTree();
    }

    ObjectId publishedTree() throws Exception {
        return SiteTrees.state(notes.dir(), "gh-pages").tip().getTree();
    }

    int noteCount() throws Exception {
        return (int) notes.git("ls-files", "content").lines()
                .filter(p -> (p.endsWith(".md") || p.endsWith(".org")) && !p.endsWith("_index.md")).count();
    }

    Path cacheFile() throws Exception {
        try (Repository repo = notes.open()) {
            return new AnalysisCache(cache.resolve("analysis"), repo).file();
        }
    }

    void editOneNote(String line) {
        notes.write("content/fragments/on-small-notes.md",
                notes.git("show", "HEAD:content/fragments/on-small-notes.md") + "\n" + line + "\n");
        notes.commitAll("edit one note: " + line);
    }

    @Test
    void aColdBuildFromTheCacheParsesOnlyTheChangedNoteAndPublishesTheSameTree() throws Exception {
        Cold first = cold();
        assertThat(first.parses()).isGreaterThanOrEqualTo(noteCount() - 1); // each distinct blob once
        assertThat(first.report().warnings()).noneMatch(w -> w.message().contains("analysis cache"));
        assertThat(Files.size(cacheFile())).isPositive();
        assertThat(publishedTree()).isEqualTo(fullTree());

        editOneNote("A new line.");
        Cold second = cold();
        assertThat(second.parses()).isEqualTo(1);
        assertThat(second.report().mode()).isEqualTo("incremental");
        assertThat(second.report().warnings()).noneMatch(w -> w.message().contains("analysis cache"));
        assertThat(publishedTree()).isEqualTo(fullTree());

        // a commit that changes no note: nothing parsed, and the history index still moves on
        notes.write("content/labnotes/images/other.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        notes.commitAll("an asset");
        editOneNote("And another.");
        Cold third = cold();
        assertThat(third.parses()).isEqualTo(1);
        assertThat(publishedTree()).isEqualTo(fullTree());
    }

    @Test
    void aCorruptOrForeignCacheIsAWarningAndAFullAnalysis() throws Exception {
        cold();
        byte[] good = Files.readAllBytes(cacheFile());
        int all = noteCount();
        List<byte[]> bad = List.of(
                flip(good, good.length / 2),                             // a byte of the content
                flip(good, good.length - 1),                             // the last byte
                Arrays.copyOf(good, good.length - 100),                  // truncated
                Arrays.copyOf(good, AnalysisCache.MAGIC.length + 3),     // truncated in the header
                withStamp(good, "0.0.1 some-other-build"),               // another Imprint
                withFormat(good, AnalysisCache.FORMAT + 1),              // a newer layout
                "not a cache at all".getBytes(StandardCharsets.UTF_8),
                new byte[0]);
        List<String> reasons = List.of("checksum mismatch", "checksum mismatch", "truncated", "truncated",
                "written by another Imprint (0.0.1 some-other-build)", "format " + (AnalysisCache.FORMAT + 1),
                "not an Imprint analysis file", "not an Imprint analysis file");
        String file = cacheFile().toString();
        for (int i = 0; i < bad.size(); i++) {
            editOneNote("Edit " + i + ".");
            Files.write(cacheFile(), bad.get(i));
            Cold c = cold();
            String reason = reasons.get(i);
            assertThat(c.report().warnings()).as(reason)
                    .anyMatch(w -> w.path().equals(file) && w.message().startsWith("analysis cache ignored: ")
                            && w.message().contains(reason) && w.message().endsWith("; full analysis"));
            assertThat(c.parses()).as(reasons.get(i)).isGreaterThanOrEqualTo(all - 1);
            assertThat(publishedTree()).as(reasons.get(i)).isEqualTo(fullTree());
            // and the build wrote a good file again
            editOneNote("After " + i + ".");
            Cold next = cold();
            assertThat(next.parses()).isEqualTo(1);
            assertThat(next.report().warnings()).noneMatch(w -> w.message().contains("analysis cache"));
        }
    }

    /**
     * A cache made for another repository: its parses are of blobs, good anywhere, but its history index is of a
     * commit this repository does not have, so the history is read in full.
     */
    @Test
    void anotherRepositorysHistoryIndexIsNotUsed() throws Exception {
        GitRepo other = GitRepo.fromFolder(Path.of("repo-template"), tmp.resolve("other"));
        other.write("content/extra.md", "---\ntitle: Only in the other one\n---\nText.\n");
        other.commitAll("another history");
        new Builder(cache).keepAnalysis().build(new BuildRequest(other.dir().toString(), other.head(), "gh-pages",
                null, null, null, false));
        Path otherFile;
        try (Repository repo = other.open()) {
            otherFile = new AnalysisCache(cache.resolve("analysis"), repo).file();
        }
        Files.createDirectories(cacheFile().getParent());
        Files.copy(otherFile, cacheFile());

        Cold c = cold();
        assertThat(c.report().warnings()).anyMatch(w -> w.message().contains("its history index ignored: its commit "
                + other.head() + " is not in this repository; history read in full"));
        assertThat(publishedTree()).isEqualTo(fullTree());
    }

    /**
     * Shallow clones (CI checkouts) at one path, run after run: an index depends on the clone's depth, not only on
     * the commit (a file is "created" at the boundary), so the saved one is not extended (and that is no warning);
     * the parses are used all the same. Here the first clone is deeper than the second, whose boundary is the commit
     * the first built: extending the saved index would date the notes before the second clone's history begins.
     */
    @Test
    void aShallowClonesHistoryIsReadAgainQuietly() throws Exception {
        editOneNote("A second commit.");
        editOneNote("A third commit.");
        Path clone = tmp.resolve("checkout");
        GitRepo.run(tmp, java.util.Map.of(), "clone", "-q", "--depth", "3", "file://" + notes.dir(), clone.toString());
        new Builder(cache).keepAnalysis().build(new BuildRequest(clone.toString(), GitRepo.open(clone).head(),
                "gh-pages", null, null, null, false));

        editOneNote("A commit for the next run.");
        deleteTree(clone);
        GitRepo.run(tmp, java.util.Map.of(), "clone", "-q", "--depth", "2", "file://" + notes.dir(), clone.toString());
        String head = GitRepo.open(clone).head();
        Builder next = new Builder(cache).keepAnalysis();
        BuildReport report = next.build(new BuildRequest(clone.toString(), head, "gh-pages", null, null, null, false));
        assertThat(report.warnings()).noneMatch(w -> w.message().contains("analysis cache")
                || w.message().contains("history index"));
        assertThat(next.parses()).isEqualTo(1);
        new Builder(tmp.resolve("no-cache-shallow")).build(new BuildRequest(clone.toString(), head, "full-shallow",
                bare.toString(), null, null, true));
        assertThat(SiteTrees.state(clone, "gh-pages").tip().getTree())
                .isEqualTo(SiteTrees.state(bare, "full-shallow").tip().getTree());

        // the clone made whole (git fetch --unshallow): nothing a shallow build saved dates its notes
        editOneNote("After the unshallow.");
        GitRepo.run(clone, java.util.Map.of(), "fetch", "-q", "--unshallow");
        GitRepo.run(clone, java.util.Map.of(), "reset", "-q", "--hard", "origin/main");
        head = GitRepo.open(clone).head();
        new Builder(cache).keepAnalysis().build(new BuildRequest(clone.toString(), head, "gh-pages", null, null, null,
                false));
        new Builder(tmp.resolve("no-cache-whole")).build(new BuildRequest(clone.toString(), head, "full-whole",
                bare.toString(), null, null, true));
        assertThat(SiteTrees.state(clone, "gh-pages").tip().getTree())
                .isEqualTo(SiteTrees.state(bare, "full-whole").tip().getTree());
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** --full parses every note again, whatever the file holds, and writes it afresh. */
    @Test
    void aFullBuildParsesEverythingAgain() throws Exception {
        cold();
        editOneNote("Then a full build.");
        Builder builder = new Builder(cache).keepAnalysis();
        BuildReport full = builder.build(new BuildRequest(notes.dir().toString(), notes.head(), "gh-pages", null,
                null, null, true));
        assertThat(builder.parses()).isGreaterThanOrEqualTo(noteCount() - 1);
        assertThat(full.warnings()).noneMatch(w -> w.message().contains("analysis cache"));
        assertThat(publishedTree()).isEqualTo(fullTree());
        editOneNote("And a cold one after it.");
        assertThat(cold().parses()).isEqualTo(1);
    }

    /** A cache directory that cannot be written: the build publishes all the same, and says the file was not saved. */
    @Test
    void anUnwritableCacheIsAWarningNotAFailedBuild() throws Exception {
        Files.createDirectories(cache);
        Files.writeString(cache.resolve("analysis"), "a file where the folder should be");
        Cold c = cold();
        assertThat(c.report().warnings()).anyMatch(w -> w.message().startsWith("analysis cache not saved: "));
        assertThat(publishedTree()).isEqualTo(fullTree());
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x5A;
        return copy;
    }

    /** The file with another stamp in its header (its content and checksum as they were). */
    private static byte[] withStamp(byte[] good, String stamp) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(good);
        b.position(AnalysisCache.MAGIC.length + 4);
        int oldLength = 2 + (b.getShort() & 0xffff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(out);
        data.write(good, 0, AnalysisCache.MAGIC.length + 4);
        data.writeUTF(stamp);
        int rest = AnalysisCache.MAGIC.length + 4 + oldLength;
        data.write(good, rest, good.length - rest);
        return out.toByteArray();
    }

    private static byte[] withFormat(byte[] good, int format) {
        byte[] copy = good.clone();
        ByteBuffer.wrap(copy).putInt(AnalysisCache.MAGIC.length, format);
        return copy;
    }
}
