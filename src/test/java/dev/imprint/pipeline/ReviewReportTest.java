package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.review.ReviewComment;
import dev.imprint.review.ReviewLinks;
import dev.imprint.review.ReviewReport;
import dev.imprint.testing.GitRepo;

/**
 * The review of a pull request, each part from a real edit on a real branch: what the report groups, what the
 * review page published with the preview lists, and what the forge comment says within the forges' limits.
 */
class ReviewReportTest {
    @TempDir
    Path tmp;
    GitRepo notes;

    @BeforeEach
    void fiveNotes() {
        notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("content/s/a.md", note("Ay", "2024-01-01", "Apple, see [Bee](b.md)."));
        notes.write("content/s/b.md", note("Bee", "2024-01-02", "Banana."));
        notes.write("content/s/c.md", note("Cee", "2024-01-03", "Cherry, see [the lost one](lost.md)."));
        notes.write("content/s/d.md", note("Dee", "2024-01-04", "Date palms grow slowly in the desert sun."));
        notes.write("content/s/e.md", note("Eee", "2024-01-05", "Elderberry."));
        notes.commitAll("five notes");
        notes.git("checkout", "-q", "-b", "topic");
    }

    private static String note(String title, String date, String body) {
        return "---\ntitle: " + title + "\ndate: " + date + "\n---\n" + body + "\n";
    }

    private BuildReport preview(int number) throws Exception {
        notes.git("checkout", "-q", "main");
        Builder builder = new Builder(tmp.resolve("cache"));
        builder.build(new BuildRequest(notes.dir().toString(), "main", "gh-pages", null, null, null, false));
        return builder.build(new BuildRequest(notes.dir().toString(), "topic", "gh-pages", null, null, null, false)
                .asPreview(Preview.ofPullRequest(number, false, "main")));
    }

    private static List<String> paths(List<ReviewReport.Page> pages) {
        return pages.stream().map(ReviewReport.Page::path).toList();
    }

    @Test
    void eachKindOfChangeLandsInItsGroup() throws Exception {
        notes.write("content/s/b.md", note("Bee renamed", "2024-01-02", "Banana."));                  // retitle
        notes.write("content/s/a.md", note("Ay", "2024-01-01", "Apple, see [Bee](b.md) and [gone](nowhere.md)."));
        notes.write("content/s/c.md", note("Cee", "2024-01-03", "Cherry, see [Bee](b.md)."));       // a fix
        notes.git("mv", "content/s/d.md", "content/s/dee.md");                                           // a rename
        notes.delete("content/s/e.md");                                                                   // a removal
        notes.commitAll("a proposal");

        ReviewReport r = preview(7).review();

        assertThat(paths(r.textChanged().stream().map(ReviewReport.Modified::page).toList()))
                .contains("s/a/index.html", "s/b/index.html", "s/c/index.html");
        ReviewReport.Modified b = r.textChanged().stream().filter(m -> m.page().path().equals("s/b/index.html"))
                .findFirst().orElseThrow();
        assertThat(b.diff()).anySatisfy(run -> assertThat(run.text()).contains("renamed"));
        assertThat(paths(r.navigationOnly())).as("the section index lists the new title; nothing of its own changed")
                .contains("s/index.html").doesNotContain("s/b/index.html");
        assertThat(r.renamed()).singleElement().satisfies(x -> {
            assertThat(x.from().path()).isEqualTo("s/d/index.html");
            assertThat(x.to().path()).isEqualTo("s/dee/index.html");
            assertThat(x.how()).isEqualTo(ReviewReport.Renamed.SOURCE_RENAMED);
        });
        assertThat(paths(r.removed())).containsExactly("s/e/index.html");
        assertThat(r.added()).isEmpty();
        assertThat(r.introduced()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(ReviewReport.Finding.Kind.BROKEN_LINK);
            assertThat(f.file()).isEqualTo("content/s/a.md");
            assertThat(f.message()).contains("nowhere.md");
        });
        assertThat(r.fixed()).anySatisfy(f -> assertThat(f.file()).isEqualTo("content/s/c.md"));
        assertThat(r.summary()).contains("1 removed").contains("1 renamed").contains("1 new broken link");

        String page = notes.read("gh-pages", "preview/pr-7/_review/index.html");
        assertThat(page).contains("Review of #7").contains("s/dee/").contains("nowhere.md")
                .contains("<ins>renamed</ins>").contains("Only navigation, lists or backlinks changed");

        String comment = ReviewComment.of(r, new ReviewLinks("https://notes.example/preview/pr-7/",
                "https://github.com/o/notes/blob/" + r.headCommit() + "/"));
        assertThat(comment).startsWith(ReviewComment.MARKER)
                .contains("https://notes.example/preview/pr-7/s/b/")
                .contains("https://github.com/o/notes/blob/" + r.headCommit() + "/content/s/b.md")
                .contains("[review page](https://notes.example/preview/pr-7/_review/)")
                .contains("<details><summary>Only navigation, lists or backlinks changed");
    }

    @Test
    void aNoteMovedWithoutGitSeeingARenameIsStillFoundByItsText() throws Exception {
        notes.delete("content/s/d.md");
        notes.write("content/t/dates.md", note("Dee", "2024-01-04", "Date palms grow slowly in the desert sun."));
        notes.commitAll("moved by hand, with a new name");

        ReviewReport r = preview(8).review();

        assertThat(r.renamed()).anySatisfy(x -> {
            assertThat(x.from().path()).isEqualTo("s/d/index.html");
            assertThat(x.to().path()).isEqualTo("t/dates/index.html");
        });
    }

    @Test
    void threeHundredNewNotesFitInOneCommentAndAllAreOnTheReviewPage() throws Exception {
        for (int i = 0; i < 300; i++) {
            notes.write("content/many/n" + i + ".md", note("Note " + i, "2024-02-01", "Text " + i + "."));
        }
        notes.commitAll("300 notes");

        ReviewReport r = preview(9).review();

        assertThat(r.added()).hasSizeGreaterThanOrEqualTo(300);
        String comment = ReviewComment.of(r, new ReviewLinks("https://notes.example/preview/pr-9/", null));
        assertThat(comment.length()).isLessThanOrEqualTo(60_000);
        assertThat(comment.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(250_000);
        assertThat(comment).contains("#### Added (" + r.added().size() + ")");
        String page = notes.read("gh-pages", "preview/pr-9/_review/index.html");
        for (int i = 0; i < 300; i++) {
            assertThat(page).contains("many/n" + i + "/");
        }
    }
}
