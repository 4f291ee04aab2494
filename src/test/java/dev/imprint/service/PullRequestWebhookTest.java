package dev.imprint.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;
import dev.imprint.testing.RunningService;

/** A pull-request webhook reaches the service: answered 202 and counted; one for another base branch is ignored. */
class PullRequestWebhookTest {
    static final String SECRET = "s3cret-for-tests";

    @TempDir
    Path tmp;
    @RegisterExtension
    final RunningService running = new RunningService();

    HttpResponse<String> pullRequest(String action, String base, String secret) throws Exception {
        String body = "{\"action\":\"" + action + "\",\"number\":7,\"pull_request\":{\"title\":\"Fix typo\","
                + "\"head\":{\"ref\":\"typo\",\"sha\":\"" + "c".repeat(40) + "\"},\"base\":{\"ref\":\"" + base
                + "\"}},\"repository\":{\"full_name\":\"ada/notes\"}}";
        return running.send(HttpRequest.newBuilder(URI.create(running.base() + "/hooks/github/notes"))
                .header("X-GitHub-Event", "pull_request").header("X-Hub-Signature-256", ServeTest.sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void aPullRequestIntoTheWatchedBranchIsAnsweredAndCounted() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("content/a.md", "# A\n");
        notes.commitAll("first");
        ServiceConfig config = new ServiceConfig();
        config.reconcileMinutes = 60;
        ServiceConfig.Repo repo = new ServiceConfig.Repo();
        repo.name = "notes";
        repo.source.path = notes.dir().toString();
        repo.webhook = new ServiceConfig.Webhook();
        repo.webhook.provider = "github";
        repo.webhook.secretEnv = "NOTES_SECRET";
        config.repos.add(repo);
        running.start(config, tmp.resolve("data"), Map.of("NOTES_SECRET", SECRET));

        HttpResponse<String> opened = pullRequest("opened", "main", SECRET);
        assertThat(opened.statusCode()).isEqualTo(202);
        assertThat(opened.body()).isEqualTo("pull request #7 opened: preview queued\n");
        HttpResponse<String> closed = pullRequest("closed", "main", SECRET);
        assertThat(closed.body()).isEqualTo("pull request #7 closed: preview removed\n");

        HttpResponse<String> other = pullRequest("opened", "develop", SECRET);
        assertThat(other.statusCode()).isEqualTo(202);
        assertThat(other.body()).isEqualTo("ignored: pull request #7 into develop, watching main\n");
        assertThat(pullRequest("opened", "main", "wrong-secret").statusCode()).isEqualTo(401);

        assertThat(running.get("/metrics").body())
                .containsPattern("imprint_webhooks_total\\{outcome=\"pull_request\",provider=\"github\"} 2\\.0");
    }
}
