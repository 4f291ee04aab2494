package dev.imprint.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.forge.ForgeConfig;
import dev.imprint.publish.PublishedState;
import dev.imprint.review.ReviewComment;
import dev.imprint.testing.Forges;
import dev.imprint.testing.GitHubSimulator;
import dev.imprint.testing.GitRepo;
import dev.imprint.testing.GitServer;
import dev.imprint.testing.RunningService;

/**
 * {@code publish.mode: pull-request}: nothing goes live until someone merges. Each build is committed to
 * {@code imprint/publish} and proposed as one pull request into the publishing branch, its description the review
 * of what the build changes on the live site; once merged (however), the next proposal starts from what is live.
 */
class ReviewBeforePublishTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final RunningService running = new RunningService();
    @RegisterExtension
    final Forges forges = new Forges();

    @Test
    void everyBuildIsProposedAsOnePullRequestAndGoesLiveOnlyWhenMerged() throws Exception {
        GitServer git = forges.http(tmp.resolve("forge"));
        String url = git.create("notes");
        GitRepo author = GitRepo.init(tmp.resolve("author"));
        author.write("content/a/first.md", "---\ntitle: First\ndate: 2024-01-01\n---\nOne.\n");
        author.commitAll("first");
        author.git("push", "-q", url, "main");
        GitHubSimulator github = forges.github("ada/notes", "gh-token");

        ServiceConfig config = new ServiceConfig();
        ServiceConfig.Repo repo = new ServiceConfig.Repo();
        repo.name = "notes";
        repo.source.url = url;
        repo.publish.mode = "pull-request";
        repo.forge = new ForgeConfig("github", github.apiUrl(), "ada/notes", "GH_TOKEN", null);
        repo.previews.url = "https://ada.example/notes/";
        config.repos.add(repo);
        running.start(config, tmp.resolve("data"), Map.of("GH_TOKEN", "gh-token"));

        await().atMost(Duration.ofSeconds(60)).until(() -> github.pulls().size() == 1);
        var proposal = github.pulls().get(0);
        assertThat(proposal.head()).isEqualTo("imprint/publish");
        assertThat(proposal.base()).isEqualTo("gh-pages");
        assertThat(proposal.body()).startsWith(ReviewComment.MARKER).contains("### Review of the proposed publish")
                .contains("#### Added").contains("a/first/");
        assertThat(tip(git, "gh-pages")).as("nothing is live before the merge").isNull();

        // a person merges it, squashing: gh-pages gets a commit of its own with the proposal's tree
        String tree = fetchTree(author, url);
        String squashed = author.gitEnv(Map.of("GIT_AUTHOR_NAME", "Reviewer", "GIT_AUTHOR_EMAIL", "r@example.com",
                "GIT_COMMITTER_NAME", "Reviewer", "GIT_COMMITTER_EMAIL", "r@example.com"),
                "commit-tree", "-m", "Squashed publish\n\nSource-Commit: " + author.head(), tree).strip();
        author.git("push", "-q", url, squashed + ":refs/heads/gh-pages");

        author.write("content/a/second.md", "---\ntitle: Second\ndate: 2024-01-02\n---\nTwo.\n");
        author.commitAll("second");
        String second = author.head();
        author.git("push", "-q", url, "main");
        running.send(HttpRequest.newBuilder(URI.create(running.base() + "/api/repos/notes/build"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        await().atMost(Duration.ofSeconds(60)).until(() -> github.pulls().get(0).body().contains("a/second/"));
        assertThat(github.pulls()).hasSize(1);
        String body = github.pulls().get(0).body();
        assertThat(body).contains("#### Added (1)\n\n- <a href=\"https://ada.example/notes/a/second/\"")
                .contains("compared with [the live site](https://ada.example/notes/)").doesNotContain("_review/");
        assertThat(github.pulls().get(0).title()).startsWith("Publish " + second.substring(0, 7));
        assertThat(tip(git, "gh-pages")).as("still what was merged").isEqualTo(squashed);
        try (Repository r = git.open("notes")) {
            assertThat(PublishedState.readHead(r, "refs/heads/imprint/publish").sourceCommit()).isEqualTo(second);
            assertThat(r.getRefDatabase().getRefsByPrefix("refs/heads/preview")).isEmpty();
        }
    }

    /** The tree of imprint/publish on the forge, fetched into the author's clone. */
    private static String fetchTree(GitRepo author, String url) {
        author.git("fetch", "-q", url, "imprint/publish");
        return author.git("rev-parse", "FETCH_HEAD^{tree}").strip();
    }

    private static String tip(GitServer git, String branch) throws Exception {
        try (Repository r = git.open("notes")) {
            var id = r.resolve(Constants.R_HEADS + branch);
            return id == null ? null : id.name();
        }
    }
}
