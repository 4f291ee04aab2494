package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.publish.PublishResult;
import dev.imprint.testing.GitRepo;
import dev.imprint.testing.SiteTrees;

/**
 * A pull request's preview is published beside the site on the same branch, under preview/pr-N/: a reader can
 * follow its links there, it is marked as a preview, the site and the preview each survive the other's publishes,
 * and closing the pull request removes the folder and nothing else.
 */
class PreviewPublishTest {
    @TempDir
    Path tmp;
    GitRepo notes;
    BuildRequest site;
    BuildRequest pr7;

    @BeforeEach
    void aSiteAndAPullRequest() {
        notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("imprint.yml", "title: Notes\nbase_url: https://notes.example/\n");
        notes.write("content/s/a.md", "---\ntitle: Ay\ndate: 2024-01-01\n---\nApple, see [Bee](b.md).\n");
        notes.write("content/s/b.md", "---\ntitle: Bee\ndate: 2024-01-02\n---\nBanana.\n");
        notes.write("content/s/c.md", "---\ntitle: Cee\ndate: 2024-01-03\n---\nCherry.\n");
        notes.commitAll("three notes");
        notes.git("checkout", "-q", "-b", "topic");
        notes.write("content/s/b.md", "---\ntitle: Bee\ndate: 2024-01-02\n---\nBanana bread, proposed.\n");
        notes.write("content/s/d.md", "---\ntitle: Dee\ndate: 2024-01-04\n---\nDate.\n");
        notes.commitAll("the proposal");
        notes.git("checkout", "-q", "main");
        site = new BuildRequest(notes.dir().toString(), "main", "gh-pages", null, null, null, false);
        pr7 = new BuildRequest(notes.dir().toString(), "topic", "gh-pages", null, null, null, false)
                .asPreview(Preview.ofPullRequest(7, false, "main"));
    }

    /** Every file of gh-pages outside preview/, by path. */
    private Map<String, ObjectId> siteFiles() throws Exception {
        Map<String, ObjectId> files = new TreeMap<>();
        try (Repository repo = notes.open()) {
            SiteTrees.files(repo, notes.tip("gh-pages").getTree()).forEach((path, blob) -> {
                if (!path.startsWith("preview/")) {
                    files.put(path, blob);
                }
            });
        }
        return files;
    }

    @Test
    void aPreviewLivesBesideTheSiteUntilItsPullRequestCloses() throws Exception {
        Builder builder = new Builder(tmp.resolve("cache"));
        builder.build(site);
        Map<String, ObjectId> before = siteFiles();

        builder.build(pr7);

        String page = notes.read("gh-pages", "preview/pr-7/s/b/index.html");
        assertThat(page).contains("Banana bread, proposed.").contains("<meta name=\"robots\" content=\"noindex\">")
                .contains("Preview of #7");
        Document doc = Jsoup.parse(page);
        assertThat(doc.select(".imprint-preview a").attr("href")).isEqualTo("../../_review/");
        assertThat(notes.read("gh-pages", "preview/pr-7/s/d/index.html")).contains("Date.");
        // every relative link of the preview's pages stays inside the preview and finds its file
        for (String file : notes.files("gh-pages")) {
            if (file.startsWith("preview/pr-7/") && file.endsWith(".html")) {
                for (Element a : Jsoup.parse(notes.read("gh-pages", file)).select("a[href]")) {
                    String href = a.attr("href");
                    if (href.contains(":") || href.startsWith("#") || href.contains("_review/")) {
                        continue;
                    }
                    String path = href.split("#")[0];
                    // the 404 page answers at any depth, so its links are absolute paths under the base URL's
                    String target = path.startsWith("/") ? path.substring(1)
                            : Path.of(file).resolveSibling(path).normalize().toString();
                    target = target.endsWith(".html") || target.endsWith(".xml") || target.endsWith(".json")
                            ? target : target + "/index.html";
                    assertThat(target).as(href + " on " + file).startsWith("preview/pr-7/");
                    assertThat(notes.files("gh-pages")).as(href + " on " + file).contains(target);
                }
            }
        }
        assertThat(notes.read("gh-pages", "preview/pr-7/feed.xml")).contains("https://notes.example/preview/pr-7/s/d/");
        assertThat(siteFiles()).as("the site is as it was").isEqualTo(before);
        assertThat(notes.read("gh-pages", "sitemap.xml")).doesNotContain("preview");
        assertThat(builder.isPublished(site)).as("the site still says it shows main").isTrue();
        assertThat(builder.isPublished(pr7)).isTrue();

        // the site moves on: the preview stays
        notes.write("content/s/a.md", "---\ntitle: Ay\ndate: 2024-01-01\n---\nApple pie, see [Bee](b.md).\n");
        notes.commitAll("main moves on");
        builder.build(site);
        assertThat(notes.read("gh-pages", "s/a/index.html")).contains("Apple pie");
        assertThat(notes.read("gh-pages", "preview/pr-7/s/b/index.html")).contains("Banana bread, proposed.");
        assertThat(builder.isPublished(pr7)).isTrue();

        // a new push to the pull request re-renders what it changed, not the whole preview
        notes.git("checkout", "-q", "topic");
        notes.write("content/s/b.md", "---\ntitle: Bee\ndate: 2024-01-02\n---\nBanana bread, revised.\n");
        notes.commitAll("revised");
        notes.git("checkout", "-q", "main");
        assertThat(builder.isPublished(pr7)).isFalse();
        BuildReport again = builder.build(pr7);
        assertThat(notes.read("gh-pages", "preview/pr-7/s/b/index.html")).contains("Banana bread, revised.");
        assertThat(again.pages().rendered()).as(again.toString()).isLessThan(again.pages().unchanged());

        Map<String, ObjectId> withPreview = siteFiles();
        PublishResult removed = builder.removePreview(pr7);
        assertThat(removed.ok()).as(removed.message()).isTrue();
        assertThat(notes.files("gh-pages")).noneMatch(f -> f.startsWith("preview/"));
        assertThat(siteFiles()).isEqualTo(withPreview);
        assertThat(builder.removePreview(pr7).status()).isEqualTo(PublishResult.Status.NO_CHANGE);
        assertThat(builder.isPublished(site)).isTrue();
        notes.git("fsck", "--strict", "--no-dangling");
    }

    @Test
    void aNoteCannotTakeThePlaceOfThePreviews() throws Exception {
        notes.write("content/preview/pr-7/s/b.md", "# Squatter\n");
        notes.commitAll("a note where previews live");
        BuildReport report = new Builder(tmp.resolve("cache")).build(site);
        assertThat(report.warnings()).anySatisfy(w -> {
            assertThat(w.path()).isEqualTo("content/preview/pr-7/s/b.md");
            assertThat(w.message()).contains("where previews of changes and their reviews are published");
        });
        assertThat(notes.files("gh-pages")).noneMatch(f -> f.startsWith("preview/"));
    }

    @Test
    void theSiteAndAPreviewPublishedByTwoProcessesBothSurvive() throws Exception {
        Builder one = new Builder(tmp.resolve("cache-1"));
        Builder two = new Builder(tmp.resolve("cache-2"));
        one.build(site);
        two.build(pr7);
        notes.write("content/s/c.md", "---\ntitle: Cee\ndate: 2024-01-03\n---\nCherry tart.\n");
        notes.commitAll("main moves on");
        one.build(site); // its warm branch state is older than the preview's commit
        assertThat(notes.read("gh-pages", "preview/pr-7/s/b/index.html")).contains("Banana bread, proposed.");
        notes.git("checkout", "-q", "topic");
        notes.write("content/s/c.md", "---\ntitle: Cee\ndate: 2024-01-03\n---\nCherry, proposed.\n");
        notes.commitAll("more");
        notes.git("checkout", "-q", "main");
        two.build(pr7);
        assertThat(notes.read("gh-pages", "s/c/index.html")).contains("Cherry tart.");
        assertThat(notes.read("gh-pages", "preview/pr-7/s/c/index.html")).contains("Cherry, proposed.");
        assertThat(one.isPublished(site)).isTrue();
    }

    @Test
    void siteAndPreviewBuildsRacingEachOtherBothLand() throws Exception {
        // five commits on each side, made first; then two processes build them at the same time
        List<String> mains = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            notes.write("content/s/a.md", "---\ntitle: Ay\ndate: 2024-01-01\n---\nApple " + i + ".\n");
            notes.commitAll("main " + i);
            mains.add(notes.head());
        }
        notes.git("checkout", "-q", "topic");
        for (int i = 0; i < 5; i++) {
            notes.write("content/s/c.md", "---\ntitle: Cee\ndate: 2024-01-03\n---\nCherry " + i + ".\n");
            notes.commitAll("topic " + i);
            topics.add(notes.head());
        }
        notes.git("checkout", "-q", "main");
        Builder one = new Builder(tmp.resolve("cache-1"));
        Builder two = new Builder(tmp.resolve("cache-2"));
        var pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> siteBuilds = pool.submit(() -> {
                for (String sha : mains) {
                    one.build(site.withRef(sha));
                }
                return null;
            });
            Future<?> previewBuilds = pool.submit(() -> {
                for (String sha : topics) {
                    two.build(pr7.withRef(sha));
                }
                return null;
            });
            siteBuilds.get();
            previewBuilds.get();
        } finally {
            pool.shutdown();
        }
        assertThat(one.isPublished(site.withRef(mains.get(4)))).isTrue();
        assertThat(two.isPublished(pr7.withRef(topics.get(4)))).isTrue();
        assertThat(notes.read("gh-pages", "s/a/index.html")).contains("Apple 4.");
        assertThat(notes.read("gh-pages", "preview/pr-7/s/c/index.html")).contains("Cherry 4.");
        assertThat(notes.git("rev-list", "--count", "--merges", "gh-pages").strip()).isEqualTo("0");
        notes.git("fsck", "--strict", "--no-dangling");
    }

    @Test
    void aForkIsPreviewedWithRawHtmlSanitizedAndWithoutItsTemplates() throws Exception {
        notes.git("checkout", "-q", "topic");
        notes.write("imprint.yml", "title: Notes\nraw_html: allow\n");
        notes.write("content/s/b.md", "---\ntitle: Bee\ndate: 2024-01-02\n---\n<script>alert(1)</script>\n\n<b>Bold</b> bee.\n");
        String base;
        try (var in = getClass().getResourceAsStream("/dev/imprint/theme/base.peb")) {
            base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        notes.write("templates/base.peb", base.replace("</main>", "FORK TEMPLATE</main>"));
        notes.commitAll("a stranger's proposal");
        notes.git("checkout", "-q", "main");
        Builder builder = new Builder(tmp.resolve("cache"));

        builder.build(new BuildRequest(notes.dir().toString(), "topic", "gh-pages", null, null, null, false)
                .asPreview(Preview.ofPullRequest(8, true, "main")));
        String fork = notes.read("gh-pages", "preview/pr-8/s/b/index.html");
        assertThat(fork).contains("Bold").doesNotContain("<script>alert(1)</script>").doesNotContain("FORK TEMPLATE");

        builder.build(new BuildRequest(notes.dir().toString(), "topic", "gh-pages", null, null, null, false)
                .asPreview(Preview.ofPullRequest(9, false, "main")));
        String trusted = notes.read("gh-pages", "preview/pr-9/s/b/index.html");
        assertThat(trusted).contains("<script>alert(1)</script>").contains("FORK TEMPLATE");
    }
}
