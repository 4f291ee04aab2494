package dev.imprint.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.forge.ForgeConfig;
import dev.imprint.testing.Forges;
import dev.imprint.testing.GitHubSimulator;
import dev.imprint.testing.GitRepo;
import dev.imprint.testing.GitServer;
import dev.imprint.testing.RunningService;

/**
 * Pull-request webhook → review comment, through the whole service, on a generated repository (a benchmark, not run
 * by CI): the first preview of a pull request, then one-note pushes to it with the service warm. Run by
 * {@code tests/bench/preview-latency.sh [count] [pushes]}.
 */
class PreviewLatencyBench {
    static final String SECRET = "bench-secret";

    @TempDir
    Path tmp;
    @RegisterExtension
    final RunningService running = new RunningService();
    @RegisterExtension
    final Forges forges = new Forges();

    @Test
    void webhookToComment() throws Exception {
        String generated = System.getProperty("imprint.bench.repo");
        assumeTrue(generated != null, "skipped: run through tests/bench/preview-latency.sh");
        int pushes = Integer.getInteger("imprint.bench.pushes", 10);
        GitServer git = running.forge(tmp.resolve("forge"));
        String url = git.create("notes");
        GitRepo.run(tmp, Map.of(), "-C", generated, "push", "-q", url, "main");
        GitHubSimulator github = forges.github("ada/notes", "bench-token");
        int number = github.openPullRequest("proposal", "main", "A proposal", "");

        ServiceConfig config = new ServiceConfig();
        ServiceConfig.Repo repo = new ServiceConfig.Repo();
        repo.name = "notes";
        repo.source.url = url;
        repo.webhook = new ServiceConfig.Webhook();
        repo.webhook.provider = "github";
        repo.webhook.secretEnv = "SECRET";
        repo.forge = new ForgeConfig("github", github.apiUrl(), "ada/notes", "TOKEN", null);
        repo.previews.url = "https://ada.example/notes/";
        config.repos.add(repo);
        long t = System.nanoTime();
        running.start(config, tmp.resolve("data"), Map.of("SECRET", SECRET, "TOKEN", "bench-token"));
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> running.get("/site/notes/").statusCode() == 200);
        System.out.printf("site: first full build and publish %d ms%n", (System.nanoTime() - t) / 1_000_000);

        Path clone = tmp.resolve("clone");
        GitRepo.run(tmp, Map.of(), "clone", "-q", url, clone.toString());
        GitRepo author = GitRepo.open(clone);
        List<Path> notes;
        try (var files = Files.walk(clone.resolve("content"))) {
            notes = files.filter(p -> p.getFileName().toString().startsWith("note-")).sorted().toList();
        }
        List<Long> warm = new ArrayList<>();
        for (int round = 0; round <= pushes; round++) {
            Path note = notes.get((round * 7919) % notes.size());
            Files.writeString(note, Files.readString(note) + "\nEdited in round " + round + ".\n");
            author.commitAll("round " + round);
            String head = author.head();
            author.git("push", "-q", "-f", url, "HEAD:refs/pull/" + number + "/head");
            long start = System.nanoTime();
            String action = round == 0 ? "opened" : "synchronize";
            assertThat(pullRequest(number, action, head)).isEqualTo(202);
            String shortSha = head.substring(0, 7);
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> !github.comments(number).isEmpty() && github.comments(number).get(0).body().contains(shortSha));
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (round == 0) {
                System.out.printf("preview: first webhook → comment %d ms%n", ms);
            } else {
                warm.add(ms);
            }
        }
        List<Long> sorted = warm.stream().sorted().toList();
        System.out.printf("preview: warm one-note push webhook → comment over %d pushes: median %d ms, p90 %d ms, "
                + "min %d ms, max %d ms%n", sorted.size(), sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1), sorted.get(0), sorted.get(sorted.size() - 1));
        assertThat(github.comments(number)).hasSize(1);
    }

    private int pullRequest(int number, String action, String head) throws Exception {
        String body = "{\"action\":\"" + action + "\",\"number\":" + number + ",\"pull_request\":{\"number\":" + number
                + ",\"merged\":false,\"title\":\"A proposal\",\"html_url\":\"https://forge.example/ada/notes/pull/"
                + number + "\",\"user\":{\"login\":\"ada\"},\"head\":{\"sha\":\"" + head + "\",\"ref\":\"proposal\","
                + "\"repo\":{\"full_name\":\"ada/notes\"}},\"base\":{\"ref\":\"main\",\"repo\":{\"full_name\":\"ada/notes\"}}},"
                + "\"repository\":{\"full_name\":\"ada/notes\"}}";
        return running.send(HttpRequest.newBuilder(URI.create(running.base() + "/hooks/github/notes"))
                .header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", action + "-" + head)
                .header("X-Hub-Signature-256", ServeTest.sign(SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).statusCode();
    }
}
