package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.revwalk.RevCommit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.imprint.testing.Cli;
import dev.imprint.testing.GitRepo;

/** {@code imprint build} on the starter repository, as a user runs it. */
class BuildCommandTest {
    @TempDir
    Path tmp;
    GitRepo notes;

    @BeforeEach
    void setUp() throws Exception {
        notes = GitRepo.fromFolder(Path.of("repo-template"), tmp.resolve("notes"));
    }

    Cli.Result build(String... extra) {
        return Cli.build(notes.dir(), tmp.resolve("cache"), extra);
    }

    @Test
    void publishesTheSiteAsACommitOnGhPagesWithASourceCommitTrailer() throws Exception {
        Cli.Result r = build("--branch", "gh-pages");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("built " + notes.head().substring(0, 12)).contains("rendered");
        RevCommit tip = notes.tip("gh-pages");
        assertThat(tip.getFullMessage()).startsWith("Publish " + notes.head().substring(0, 7) + " from main")
                .contains("\nSource-Commit: " + notes.head());
        assertThat(tip.getAuthorIdent().getName()).isEqualTo("Imprint");
        assertThat(notes.files("gh-pages")).contains("index.html", "404.html", "robots.txt", "sitemap.xml", "feed.xml",
                "style.css", ".nojekyll", "tags/index.html", "fragments/index.html", "fragments/feed.xml",
                "labnotes/images/diagram.svg");
        // the work tree is untouched: still on main, nothing modified
        assertThat(notes.git("status", "--porcelain")).isEmpty();
        assertThat(notes.git("rev-parse", "--abbrev-ref", "HEAD").trim()).isEqualTo("main");
    }

    @Test
    void draftsAreNeverPublished() throws Exception {
        build("--branch", "gh-pages");
        String draftFile = draftPath();
        assertThat(draftFile).isNotNull();
        // the draft's title appears nowhere: not on its own page, nor in lists, feeds, the sitemap or search
        String draftTitle = Files.readString(notes.dir().resolve(draftFile)).lines()
                .filter(l -> l.startsWith("title:")).findFirst().orElseThrow().substring(6).trim();
        assertThat(notes.files("gh-pages")).noneMatch(p -> p.contains(draftFile.replaceAll(".*/|\\.md$", "") + "/"));
        for (String page : notes.files("gh-pages")) {
            if (page.endsWith(".html") || page.endsWith(".xml") || page.endsWith(".json")) {
                assertThat(notes.read("gh-pages", page)).as(page).doesNotContain("draft: true").doesNotContain(draftTitle);
            }
        }
    }

    private String draftPath() throws Exception {
        try (var files = Files.walk(notes.dir().resolve("content"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                if (Files.readString(p).contains("draft: true")) {
                    return notes.dir().relativize(p).toString();
                }
            }
        }
        return null;
    }

    @Test
    void sameSourceCommitGivesTheSameTreeAndNoNewCommit() throws Exception {
        build("--branch", "gh-pages");
        RevCommit first = notes.tip("gh-pages");

        Cli.Result again = build("--branch", "gh-pages", "--full");
        assertThat(again.exit()).isZero();
        assertThat(notes.tip("gh-pages")).isEqualTo(first);

        // a second, independent repository with the same content builds the very same tree
        GitRepo copy = GitRepo.fromFolder(Path.of("repo-template"), tmp.resolve("copy"));
        Cli.run("build", "--source", copy.dir().toString(), "--branch", "gh-pages");
        assertThat(copy.tip("gh-pages").getTree()).isEqualTo(first.getTree());
    }

    @Test
    void aNewSourceCommitAddsACommitOnTopKeepingHistory() throws Exception {
        build("--branch", "gh-pages");
        RevCommit first = notes.tip("gh-pages");
        notes.write("content/fragments/new-note.md", "---\ntitle: A new note\ndate: 2030-01-01\n---\nHello.\n");
        notes.commitAll("Add a note");

        build("--branch", "gh-pages");
        RevCommit second = notes.tip("gh-pages");
        assertThat(second.getParent(0)).isEqualTo(first);
        assertThat(notes.read("gh-pages", "fragments/new-note/index.html")).contains("A new note");
        assertThat(notes.read("gh-pages", "index.html")).contains("A new note");
    }

    @Test
    void aNewSourceCommitThatChangesNothingVisibleIsStillRecorded() throws Exception {
        build("--branch", "gh-pages");
        RevCommit first = notes.tip("gh-pages");
        String draft = draftPath();
        notes.write(draft, Files.readString(notes.dir().resolve(draft)) + "\nMore draft text.\n");
        String head = notes.commitAll("edit only a draft");

        build("--branch", "gh-pages");
        RevCommit second = notes.tip("gh-pages");
        assertThat(second.getTree()).as("the site is the same").isEqualTo(first.getTree());
        assertThat(second.getFullMessage()).as("but the branch says which commit it shows").contains("Source-Commit: " + head);
        assertThat(second.getParent(0)).isEqualTo(first);
    }

    @Test
    void keepsCnameAndPreviewsThatImprintDoesNotGenerate() throws Exception {
        build("--branch", "gh-pages");
        // someone adds a CNAME and a preview on the branch by hand
        Path wt = tmp.resolve("pages-wt");
        notes.git("worktree", "add", "-q", wt.toString(), "gh-pages");
        Files.writeString(wt.resolve("CNAME"), "notes.example.org\n");
        Files.createDirectories(wt.resolve("preview/pr-7"));
        Files.writeString(wt.resolve("preview/pr-7/index.html"), "<p>preview</p>");
        Files.delete(wt.resolve(".nojekyll"));
        GitRepo.run(wt, java.util.Map.of(), "add", "-A");
        GitRepo.run(wt, java.util.Map.of(), "-c", "user.name=X", "-c", "user.email=x@x", "commit", "-q", "-m", "custom domain");
        GitRepo.run(wt, java.util.Map.of(), "checkout", "-q", "--detach");

        notes.write("content/fragments/another.md", "# Another\n\nText.\n");
        notes.commitAll("another");
        assertThat(build("--branch", "gh-pages").exit()).isZero();

        assertThat(notes.read("gh-pages", "CNAME")).isEqualTo("notes.example.org\n");
        assertThat(notes.read("gh-pages", "preview/pr-7/index.html")).isEqualTo("<p>preview</p>");
        assertThat(notes.read("gh-pages", ".nojekyll")).isEqualTo("");
    }

    @Test
    void outDirectoryHasTheSameBytesAsTheBranch() throws Exception {
        build("--branch", "gh-pages");
        Path out = tmp.resolve("site");
        Cli.Result r = build("--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        for (String path : notes.files("gh-pages")) {
            assertThat(Files.readAllBytes(out.resolve(path))).as(path).isEqualTo(notes.readBytes("gh-pages", path));
        }
        try (var files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(notes.files("gh-pages").size());
        }
    }

    @Test
    void outRefusesADirectoryItDidNotWrite() throws Exception {
        Path out = tmp.resolve("home");
        Files.createDirectories(out);
        Files.writeString(out.resolve("precious.txt"), "keep me");
        Cli.Result r = build("--out", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("not empty");
        assertThat(Files.readString(out.resolve("precious.txt"))).isEqualTo("keep me");
    }

    @Test
    void writesTheJsonReport() throws Exception {
        Path report = tmp.resolve("report.json");
        assertThat(build("--branch", "gh-pages", "--report", report.toString()).exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("source_commit").asText()).isEqualTo(notes.head());
        assertThat(json.get("publish_commit").asText()).isEqualTo(notes.tip("gh-pages").name());
        assertThat(json.get("mode").asText()).isEqualTo("full");
        assertThat(json.get("pages").get("rendered").asInt()).isGreaterThan(10);
        assertThat(json.get("pages").has("unchanged")).isTrue();
        assertThat(json.get("pages").has("removed")).isTrue();
        assertThat(json.get("warnings").isArray()).isTrue();
        assertThat(json.get("broken_links").isArray()).isTrue();
        assertThat(json.get("duration_ms").asLong()).isPositive();

        Path outReport = tmp.resolve("out-report.json");
        build("--out", tmp.resolve("o").toString(), "--report", outReport.toString());
        assertThat(new ObjectMapper().readTree(outReport.toFile()).get("publish_commit").isNull()).isTrue();
    }

    @Test
    void buildsABareRepositoryAndAUrlAndASpecificRef() throws Exception {
        String firstCommit = notes.head();
        notes.write("content/fragments/later.md", "# Later\n");
        notes.commitAll("later");
        Path bare = tmp.resolve("bare.git");
        GitRepo.run(tmp, java.util.Map.of(), "clone", "-q", "--bare", notes.dir().toString(), bare.toString());

        Cli.Result r = Cli.run("build", "--source", bare.toString(), "--ref", firstCommit, "--branch", "gh-pages");
        assertThat(r.exit()).as(r.err()).isZero();
        GitRepo.run(tmp, java.util.Map.of(), "--git-dir", bare.toString(), "rev-parse", "gh-pages");
        String published = GitRepo.run(tmp, java.util.Map.of(), "--git-dir", bare.toString(), "log", "-1", "--format=%B", "gh-pages");
        assertThat(published).contains("Source-Commit: " + firstCommit);

        Path out = tmp.resolve("from-url");
        Cli.Result viaUrl = Cli.run("build", "--source", bare.toUri().toString(), "--ref", "main", "--out", out.toString(),
                "--cache", tmp.resolve("cache").toString());
        assertThat(viaUrl.exit()).as(viaUrl.err()).isZero();
        assertThat(out.resolve("fragments/later/index.html")).exists();
    }

    @Test
    void publishesToAnotherRepository() throws Exception {
        Path site = tmp.resolve("site.git");
        GitRepo.run(tmp, java.util.Map.of(), "init", "-q", "--bare", site.toString());
        Cli.Result r = build("--branch", "gh-pages", "--publish-to", site.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String log = GitRepo.run(tmp, java.util.Map.of(), "--git-dir", site.toString(), "log", "-1", "--format=%B", "gh-pages");
        assertThat(log).contains("Source-Commit: " + notes.head());
        String ls = GitRepo.run(tmp, java.util.Map.of(), "--git-dir", site.toString(), "ls-tree", "-r", "--name-only", "gh-pages");
        assertThat(ls).contains("labnotes/images/diagram.svg", "index.html");
        assertThat(notes.tip("gh-pages")).isNull();
    }

    @Test
    void exitCodesAndMessages() throws Exception {
        Cli.Result missing = Cli.run("build", "--source", tmp.resolve("nope").toString(), "--branch", "gh-pages");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().trim()).isEqualTo("imprint: no such repository: " + tmp.resolve("nope"));

        Cli.Result badRef = build("--ref", "no-such-branch", "--branch", "gh-pages");
        assertThat(badRef.exit()).isEqualTo(1);
        assertThat(badRef.err()).contains("no such ref 'no-such-branch'");

        Cli.Result usage = Cli.run("build", "--branch", "gh-pages");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("--source");

        Cli.Result both = build("--branch", "x", "--out", tmp.resolve("o").toString());
        assertThat(both.exit()).isEqualTo(2);

        notes.write("imprint.yml", "title: [unclosed\n");
        notes.commitAll("break config");
        Cli.Result badConfig = build("--branch", "gh-pages");
        assertThat(badConfig.exit()).isEqualTo(1);
        assertThat(badConfig.err()).startsWith("imprint: imprint.yml").contains("not valid YAML");
        assertThat(notes.tip("gh-pages")).isNull();

        Cli.Result help = Cli.run("build", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--source", "--ref", "--branch", "--publish-to", "--out", "--base-url", "--report");
    }

    @Test
    void notePageHasTheReferenceShape() throws Exception {
        notes.write("imprint.yml", "title: Field Notes\nauthor: Ada Author\nbase_url: https://example.org/notes/\n");
        notes.write("content/fragments/a.md", "---\ntitle: Alpha\ndate: 2020-01-01\n---\nA.\n");
        notes.write("content/labnotes/b.md", "---\ntitle: Beta\ndate: 2020-01-02\ntags: [x, y]\n---\n## First\n\nText\n\n### Deeper\n\nMore\n");
        notes.write("content/essays/c.md", "---\ntitle: Gamma\ndate: 2020-01-04\n---\nC.\n");
        notes.write("content/essays/d.md", "---\ntitle: Delta draft\ndate: 2020-01-03\ndraft: true\n---\nD.\n");
        notes.commitAll("chain");
        assertThat(build("--branch", "gh-pages").exit()).isZero();

        Document page = Jsoup.parse(notes.read("gh-pages", "labnotes/b/index.html"));
        assertThat(page.text()).contains("Field Notes", "Ada Author", "labnotes", "Beta", "Contents", "First", "Deeper");
        assertThat(page.select("h1").text()).contains("Beta");
        assertThat(page.select("a[href='#first']")).isNotEmpty();
        assertThat(page.select("h2#first")).isNotEmpty();
        var previously = page.select("a[href='../../fragments/a/index.html']");
        assertThat(previously.text()).contains("Alpha");
        assertThat(page.text()).contains("Previously").contains("Next");
        // the draft (dated between b and c) is skipped: Next is Gamma, labelled with its section
        var next = page.select("a[href='../../essays/c/index.html']");
        assertThat(next.text()).contains("Gamma");
        assertThat(page.html()).doesNotContain("Delta draft");
        assertThat(page.select("a[href='../../tags/x/index.html']")).isNotEmpty();
        // every internal link is relative
        page.select("a[href], link[href], script[src], img[src]").forEach(e -> {
            String href = e.hasAttr("href") ? e.attr("href") : e.attr("src");
            if (!href.startsWith("http")) {
                assertThat(href).doesNotStartWith("/");
            }
        });
        String feed = notes.read("gh-pages", "feed.xml");
        assertThat(feed).contains("<id>https://example.org/notes/labnotes/b/</id>").doesNotContain("Delta draft");
        assertThat(notes.read("gh-pages", "sitemap.xml")).contains("<loc>https://example.org/notes/essays/c/</loc>");
    }

    /**
     * The next process starts from what the last one learned (the cache's analysis/ file); a damaged file is one
     * warning line and a build like any other.
     */
    @Test
    void theCacheKeepsTheAnalysisForTheNextProcessAndADamagedOneIsAWarning() throws Exception {
        assertThat(build("--branch", "gh-pages").exit()).isZero();
        Path analysis;
        try (var files = Files.list(tmp.resolve("cache").resolve("analysis"))) {
            analysis = files.filter(f -> f.toString().endsWith(".bin")).findFirst().orElseThrow();
        }
        notes.write("content/fragments/on-small-notes.md", "---\ntitle: On small notes\n---\nShorter now.\n");
        notes.commitAll("edit");
        Cli.Result warm = build("--branch", "gh-pages");
        assertThat(warm.exit()).as(warm.err()).isZero();
        assertThat(warm.err()).doesNotContain("analysis cache");
        String tree = notes.git("rev-parse", "gh-pages^{tree}").trim();

        Files.write(analysis, "garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        notes.git("update-ref", "-d", "refs/heads/gh-pages");
        Cli.Result damaged = build("--branch", "gh-pages");
        assertThat(damaged.exit()).as(damaged.err()).isZero();
        assertThat(damaged.err()).contains("warning: " + analysis + ": analysis cache ignored: "
                + "not an Imprint analysis file; full analysis");
        assertThat(notes.git("rev-parse", "gh-pages^{tree}").trim()).isEqualTo(tree);
    }
}
