package dev.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;
import dev.imprint.testing.GitServer;

/**
 * The GitHub Action's entry point, run as a workflow runs it: the environment GitHub gives a step, a checkout in
 * GITHUB_WORKSPACE, and a smart-HTTP server on 127.0.0.1 standing in for github.com that wants the workflow's token.
 */
class GitHubActionTest {
    private static final Path ENTRYPOINT = Path.of("deploy", "github-action", "entrypoint.sh").toAbsolutePath();
    private static final String TOKEN = "ghs_workflowToken123";

    @TempDir
    Path tmp;
    private GitServer github;
    private GitRepo workspace;

    @BeforeEach
    void repository() {
        github = new GitServer(tmp.resolve("server"), "x-access-token", TOKEN);
        tmp.resolve("server").resolve("jane").toFile().mkdirs();
        String url = github.create("jane/notes");
        workspace = GitRepo.init(tmp.resolve("workspace"));
        workspace.write("notes/hello.md", "---\ntitle: Hello\ndate: 2023-05-01\n---\nHi [there](there.md).\n");
        workspace.write("notes/there.md", "# There\n\nBack.\n");
        workspace.commitAll("two notes");
        workspace.git("push", "-q", url.replace("http://", "http://x-access-token:" + TOKEN + "@"), "HEAD:main");
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private record Run(int status, String output) {
    }

    private Run run(String event, String ref) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_WORKSPACE", workspace.dir().toString());
        env.put("GITHUB_EVENT_NAME", event);
        env.put("GITHUB_REF", ref);
        env.put("GITHUB_SHA", workspace.head());
        env.put("GITHUB_REPOSITORY", "jane/notes");
        env.put("GITHUB_SERVER_URL", github.url("jane/notes").replaceFirst("/jane/notes\\.git$", ""));
        env.put("GITHUB_TOKEN", TOKEN);
        env.put("RUNNER_TEMP", tmp.resolve("runner").toString());
        env.put("IMPRINT_CLASSPATH", System.getProperty("java.class.path"));
        tmp.resolve("runner").toFile().mkdirs();
        ProcessBuilder pb = new ProcessBuilder("bash", ENTRYPOINT.toString()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private List<String> published() {
        return List.of(git("ls-tree", "-r", "--name-only", "gh-pages").split("\n"));
    }

    /** git in the server's bare repository */
    private String git(String... args) {
        return GitRepo.run(github.dir("jane/notes"), Map.of(), args);
    }

    @Test
    void aPushIsPublishedToGhPagesWithTheWorkflowsTokenAndNeverShowsIt() throws Exception {
        Run first = run("push", "refs/heads/main");

        assertThat(first.status()).as(first.output()).isZero();
        assertThat(published()).contains("notes/hello/index.html", "notes/there/index.html");
        assertThat(first.output()).doesNotContain(TOKEN);
        String tip = git("rev-parse", "gh-pages").trim();

        Run again = run("push", "refs/heads/main"); // a re-run of the same workflow: no second commit
        assertThat(again.status()).as(again.output()).isZero();
        assertThat(git("rev-parse", "gh-pages").trim()).isEqualTo(tip);
    }

    @Test
    void aWrongTokenFailsWithTheRemotesWordsAndPublishesNothing() throws Exception {
        github.close();
        github = new GitServer(tmp.resolve("server"), "x-access-token", "another token");

        Run run = run("push", "refs/heads/main");

        assertThat(run.status()).isNotZero();
        assertThat(run.output()).contains("the remote refused the credentials in the URL").doesNotContain(TOKEN);
        assertThat(git("branch", "--list", "gh-pages")).isBlank();
    }

    @Test
    void aPullRequestIsCheckedAndItsBrokenLinksAnnotated() throws Exception {
        workspace.write("notes/there.md", "# There\n\nSee [gone](gone.md).\n");
        workspace.commitAll("a broken link");

        Run run = run("pull_request", "refs/pull/7/merge");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.output()).contains("::error file=notes/there.md,line=3::broken link: gone.md");
        assertThat(git("branch", "--list", "gh-pages")).isBlank();
    }

    @Test
    void aPushToThePublishingBranchItselfBuildsNothing() throws Exception {
        Run run = run("push", "refs/heads/gh-pages");

        assertThat(run.status()).isZero();
        assertThat(run.output()).contains("is the publishing branch itself");
    }
}
