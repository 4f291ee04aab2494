package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;
import dev.imprint.testing.SiteTrees;

/**
 * A Hugo site's future, expired and draft pages are left out as Hugo leaves them out, "now" being the source commit's
 * time; its page dates come from the keys its {@code frontmatter} section names.
 */
class HugoDatesTest {
    @TempDir
    Path tmp;

    private BuildReport build(Builder builder, GitRepo notes) throws Exception {
        return builder.build(new BuildRequest(notes.dir().toString(), null, "gh-pages", null, null, null, false));
    }

    /** Commits everything with this author and committer date (the build's "now"). */
    static String commitAt(GitRepo notes, String date, String message) {
        notes.git("add", "-A");
        notes.gitEnv(Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date), "-c", "user.name=Ada Author",
                "-c", "user.email=ada@example.org", "-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty",
                "-m", message);
        return notes.head();
    }

    private GitRepo datedSite(String config) {
        GitRepo notes = GitRepo.init(tmp.resolve("site"));
        notes.write("config.yaml", config);
        notes.write("content/posts/past.md", "---\ntitle: Past\ndate: 2024-01-01\n---\nOld.\n");
        notes.write("content/posts/future.md", "---\ntitle: Future\npublishDate: 2024-12-01\n---\nSoon.\n");
        notes.write("content/posts/future-date.md", "---\ntitle: Dated ahead\ndate: 2025-01-01\n---\nLater.\n");
        notes.write("content/posts/pubdate.md", "---\ntitle: Pubdate\npubdate: 2030-01-01\n---\nMuch later.\n");
        notes.write("content/posts/expired.md", "---\ntitle: Expired\nexpiryDate: 2024-02-01\n---\nGone.\n");
        notes.write("content/posts/unpublished.md", "---\ntitle: Unpub\nunpublishdate: 2024-03-01\n---\nGone.\n");
        notes.write("content/posts/draft.md", "---\ntitle: Draft\ndraft: true\n---\nWip.\n");
        commitAt(notes, "2024-06-01T00:00:00Z", "a dated Hugo site");
        return notes;
    }

    @Test
    void futureExpiredAndDraftPagesAreLeftOutAtTheCommitsTime() throws Exception {
        GitRepo notes = datedSite("title: Dated\n");
        build(new Builder(tmp.resolve("cache")), notes);
        assertThat(notes.files("gh-pages")).contains("posts/past/index.html")
                .doesNotContain("posts/future/index.html", "posts/future-date/index.html", "posts/pubdate/index.html",
                        "posts/expired/index.html", "posts/unpublished/index.html", "posts/draft/index.html");
        assertThat(notes.read("gh-pages", "posts/index.html")).contains("Past").doesNotContain("Future");
    }

    @Test
    void buildFutureBuildExpiredAndBuildDraftsPublishThem() throws Exception {
        GitRepo notes = datedSite("title: Dated\nbuildFuture: true\nbuildExpired: true\nbuildDrafts: true\n");
        BuildReport report = build(new Builder(tmp.resolve("cache")), notes);
        assertThat(notes.files("gh-pages")).contains("posts/past/index.html", "posts/future/index.html",
                "posts/future-date/index.html", "posts/pubdate/index.html", "posts/expired/index.html",
                "posts/unpublished/index.html", "posts/draft/index.html");
        assertThat(report.warnings()).noneSatisfy(w -> assertThat(w.message()).contains("not used by Imprint"));
    }

    @Test
    void aLaterCommitPublishesAFutureNoteAndDropsAnExpiredOneIncrementallyAsAFullBuildDoes() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("site"));
        Path bare = tmp.resolve("full.git");
        GitRepo.run(tmp, Map.of(), "init", "-q", "--bare", bare.toString());
        notes.write("hugo.toml", "title = \"Timed\"\n");
        notes.write("content/posts/other.md", "---\ntitle: Other\ndate: 2024-01-01\n---\nVersion 1.\n");
        notes.write("content/posts/soon.md", "---\ntitle: Soon\ndate: 2024-01-02\npublishDate: 2024-07-01\n---\nHi.\n");
        notes.write("content/posts/brief.md", "---\ntitle: Brief\ndate: 2024-01-03\nexpiryDate: 2024-09-01\n---\nBye.\n");
        Builder warm = new Builder(tmp.resolve("cache"));
        String[][] steps = {
                {"2024-06-01T00:00:00Z", null}, // soon is in the future, brief is live
                {"2024-08-01T00:00:00Z", "Version 2."}, // only other's text changes: soon is now published
                {"2024-10-01T00:00:00Z", null}, // nothing changes but the time: brief has expired
        };
        for (int i = 0; i < steps.length; i++) {
            if (steps[i][1] != null) {
                notes.write("content/posts/other.md", "---\ntitle: Other\ndate: 2024-01-01\n---\n" + steps[i][1] + "\n");
            }
            String sha = commitAt(notes, steps[i][0], "step " + i);
            BuildReport inc = build(warm, notes);
            new Builder(tmp.resolve("cache-full-" + i)).build(new BuildRequest(notes.dir().toString(), sha,
                    "full-" + i, bare.toString(), null, null, true));
            ObjectId incTree = SiteTrees.state(notes.dir(), "gh-pages").tip().getTree();
            ObjectId fullTree = SiteTrees.state(bare, "full-" + i).tip().getTree();
            if (!incTree.equals(fullTree)) {
                throw new AssertionError("step " + i + " (" + inc.plan() + "):\n"
                        + SiteTrees.diff(notes.dir(), incTree, "incremental", bare, fullTree, "full"));
            }
            if (i == 1) {
                assertThat(inc.plan()).contains("publishDate or expiryDate");
            }
        }
        // what a reader sees at each step, read from the incremental branch's history
        assertThat(notes.git("log", "--format=%s", "gh-pages")).isNotEmpty();
        assertThat(notes.files("gh-pages")).contains("posts/soon/index.html", "posts/other/index.html")
                .doesNotContain("posts/brief/index.html");
        assertThat(notes.read("gh-pages", "posts/other/index.html")).contains("Version 2.");
        assertThat(notes.read("gh-pages~1", "posts/soon/index.html")).isNotNull();
        assertThat(notes.read("gh-pages~1", "posts/brief/index.html")).isNotNull();
        assertThat(notes.read("gh-pages~2", "posts/soon/index.html")).isNull();
    }

    @Test
    void kisaragiStyleFrontmatterDatesComeFromCreatedAndUpdated() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("site"));
        notes.write("config.yaml", """
                title: Kisaragi
                frontmatter:
                  date: ["created", "date", "published"]
                  lastmod: ["updated"]
                  expiryDate: ["expiryDate"]
                """);
        notes.write("content/blog/a.md", "---\ntitle: A\nCreated: 2023-05-01\ndate: 2023-06-01\nupdated: 2023-07-09\n---\nA.\n");
        notes.write("content/blog/b.md", "---\ntitle: B\ndate: 2023-06-02\n---\nB.\n");
        notes.write("content/blog/c.md", "---\ntitle: C\ncreated: someday\n---\nC.\n");
        commitAt(notes, "2024-06-01T00:00:00Z", "kisaragi-like");
        BuildReport report = build(new Builder(tmp.resolve("cache")), notes);
        assertThat(notes.read("gh-pages", "blog/a/index.html")).contains("datetime=\"2023-05-01")
                .contains("datetime=\"2023-07-09").doesNotContain("datetime=\"2023-06-01");
        assertThat(notes.read("gh-pages", "blog/b/index.html")).contains("datetime=\"2023-06-02");
        assertThat(report.warnings()).anySatisfy(w -> {
            assertThat(w.path()).isEqualTo("content/blog/c.md");
            assertThat(w.message()).contains("created 'someday' is not a date");
        });
        assertThat(report.warnings()).noneSatisfy(w -> assertThat(w.message()).contains("frontmatter"));
    }

    @Test
    void filenameDatesAreTakenFromTheNameAndLeaveTheSlug() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("site"));
        notes.write("config.toml", """
                [frontmatter]
                date = [":filename", ":default"]
                lastmod = [":git"]
                """);
        notes.write("content/posts/2023-04-05-trip.md", "---\ntitle: Trip\n---\nA trip.\n");
        notes.write("content/posts/2023-04-06-walk/index.md", "---\ntitle: Walk\n---\nA walk.\n");
        notes.write("content/posts/2023-04-07-own.md", "---\ntitle: Own\nslug: mine\n---\nOwn slug.\n");
        notes.write("content/posts/plain.md", "---\ntitle: Plain\ndate: 2023-01-02\n---\nPlain.\n");
        commitAt(notes, "2024-02-03T00:00:00Z", "dated names");
        build(new Builder(tmp.resolve("cache")), notes);
        assertThat(notes.read("gh-pages", "posts/trip/index.html")).contains("datetime=\"2023-04-05")
                .contains("datetime=\"2024-02-03"); // lastmod from Git
        assertThat(notes.read("gh-pages", "posts/walk/index.html")).contains("datetime=\"2023-04-06");
        assertThat(notes.read("gh-pages", "posts/mine/index.html")).contains("datetime=\"2023-04-07");
        assertThat(notes.read("gh-pages", "posts/plain/index.html")).contains("datetime=\"2023-01-02");
        assertThat(notes.files("gh-pages")).doesNotContain("posts/2023-04-05-trip/index.html");
    }

    @Test
    void turningBuildFutureOnInALaterCommitPublishesTheFuturePageOnAWarmBuild() throws Exception {
        GitRepo notes = datedSite("title: Dated\n");
        Builder warm = new Builder(tmp.resolve("cache"));
        build(warm, notes);
        assertThat(notes.files("gh-pages")).doesNotContain("posts/future/index.html");

        notes.write("config.yaml", "title: Dated\nbuildFuture: true\n");
        commitAt(notes, "2024-06-02T00:00:00Z", "build the future");
        BuildReport report = build(warm, notes);
        assertThat(report.plan()).startsWith("whole site");
        assertThat(notes.files("gh-pages")).contains("posts/future/index.html", "posts/pubdate/index.html")
                .doesNotContain("posts/expired/index.html", "posts/draft/index.html");
    }
}
