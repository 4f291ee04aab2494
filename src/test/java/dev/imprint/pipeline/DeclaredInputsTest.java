package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.emit.EmitContext;
import dev.imprint.emit.Emitter;
import dev.imprint.emit.UndeclaredInputEmitter;
import dev.imprint.testing.GitRepo;

/**
 * Each input an emitter declares reaches its output in a warm build (which plans only what the declarations say
 * changed), and an input an emitter reads without declaring it fails the build by name instead of leaving a stale
 * page that only warm builds show.
 */
class DeclaredInputsTest {
    @TempDir
    Path tmp;
    GitRepo notes;

    @BeforeEach
    void fourNotesInOneSection() {
        assertThat(EmitContext.VERIFY).as("the tests run with -Dimprint.verify=true (pom.xml)").isTrue();
        notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("content/s/_index.md", "---\ntitle: Stories\n---\n");
        notes.write("content/s/a.md", note("Ay", "2024-01-01", "Apple."));
        notes.write("content/s/b.md", note("Bee", "2024-01-02", "Banana."));
        notes.write("content/s/c.md", note("Cee", "2024-01-03", "Cherry."));
        notes.write("content/s/d.md", note("Dee", "2024-01-04", "Date, see [Bee](b.md)."));
        notes.commitAll("four notes");
    }

    private static String note(String title, String date, String body) {
        return "---\ntitle: " + title + "\ndate: " + date + "\n---\n" + body + "\n";
    }

    private static BuildRequest toBranch(GitRepo repo, String branch, boolean full) {
        return new BuildRequest(repo.dir().toString(), null, branch, null, null, null, full);
    }

    @Test
    void everyDeclaredInputOfANotePageReachesItInAWarmBuild() throws Exception {
        Builder warm = new Builder(tmp.resolve("cache"));
        warm.build(toBranch(notes, "gh-pages", false));
        String b = "s/b/index.html";

        // reads: the note itself
        edit("content/s/b.md", note("Bee", "2024-01-02", "Banana, edited."), warm, b, "Banana, edited.");
        // shows: the titles of Previously, Next and a backlink
        edit("content/s/a.md", note("Ay renamed", "2024-01-01", "Apple."), warm, b, "Ay renamed");
        edit("content/s/c.md", note("Cee renamed", "2024-01-03", "Cherry."), warm, b, "Cee renamed");
        edit("content/s/d.md", note("Dee renamed", "2024-01-04", "Date, see [Bee](b.md)."), warm, b, "Dee renamed");
        // shows: a neighbour's subtitle, beside its title in Next (a body edit of that note, no new title)
        edit("content/s/c.md", "---\ntitle: Cee renamed\nsubtitle: the third\ndate: 2024-01-03\n---\nCherry.\n", warm, b,
                "<span class=\"pager-subtitle\">the third</span>");
        assertThat(notes.read("gh-pages", "s/c/index.html")).contains("<p class=\"note-subtitle\">the third</p>");
        // values: the sections in the navigation, and which note is Previously
        edit("content/s/_index.md", "---\ntitle: Tales\n---\n", warm, b, "Tales");
        edit("content/s/a2.md", note("Ay two", "2024-01-01T12:00:00Z", "Apricot."), warm, b, "Ay two");
        // the section index and the feed read the notes' text too
        edit("content/s/c.md", note("Cee renamed", "2024-01-03", "Cherry, edited."), warm, "s/feed.xml",
                "Cherry, edited.");
        assertThat(warm.patchedBuilds()).as("the body and title edits were patched, not planned whole").isEqualTo(6);
    }

    /** Commits one edit, builds warm, and checks the page shows it and the whole tree equals a cold full build. */
    private void edit(String file, String text, Builder warm, String page, String shown) throws Exception {
        notes.write(file, text);
        notes.commitAll("edit " + file);
        warm.build(toBranch(notes, "gh-pages", false));
        assertThat(notes.read("gh-pages", page)).as(page + " after editing " + file).contains(shown);
        new Builder(tmp.resolve("cold-" + notes.head())).build(toBranch(notes, "cold", true));
        assertThat(notes.tip("gh-pages").getTree()).as("warm tree = cold tree after editing " + file)
                .isEqualTo(notes.tip("cold").getTree());
    }

    private Builder withUndeclaredInput() {
        List<Emitter> emitters = new ArrayList<>(Planner.EMITTERS);
        emitters.add(new UndeclaredInputEmitter());
        return new Builder(tmp.resolve("cache"), null, emitters);
    }

    @Test
    void anUndeclaredInputFailsAPatchedBuildByName() throws Exception {
        Builder builder = withUndeclaredInput();
        builder.build(toBranch(notes, "gh-pages", false));
        notes.write("content/s/c.md", note("Cee renamed", "2024-01-03", "Cherry.")); // b's echo shows c's title
        notes.commitAll("retitle c");

        assertThatThrownBy(() -> builder.build(toBranch(notes, "gh-pages", false)))
                .hasMessageContaining("a patch kept [echo/1.txt] as they were though they changed")
                .hasMessageContaining("does not declare an input");
    }

    @Test
    void anUndeclaredInputFailsAWarmWholeSiteBuildByName() throws Exception {
        Builder builder = withUndeclaredInput();
        builder.build(toBranch(notes, "gh-pages", false));
        notes.write("content/s/c.md", note("Cee renamed", "2024-01-03", "Cherry."));
        notes.write("content/s/e.md", note("Eee", "2024-01-05", "Elderberry.")); // a new note: no patch
        notes.commitAll("retitle c, add e");

        assertThatThrownBy(() -> builder.build(toBranch(notes, "gh-pages", false)))
                .hasMessageContaining("echo/1.txt was reused from the last build though what it is made from changed");
    }
}
