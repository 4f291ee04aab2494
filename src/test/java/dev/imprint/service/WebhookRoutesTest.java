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

import dev.imprint.testing.RunningService;

/** Webhook routes outside the configured set: 404, and nothing of the URL ends up in the metrics. */
class WebhookRoutesTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final RunningService running = new RunningService();

    HttpResponse<String> post(String path) throws Exception {
        return running.send(HttpRequest.newBuilder(URI.create(running.base() + path))
                .header("X-GitHub-Event", "push").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    @Test
    void unknownProvidersAndRepositoriesAnswer404AndTouchNoMetric() throws Exception {
        running.start(ServiceConfig.embeddedDefault(), tmp.resolve("data"), Map.of());

        HttpResponse<String> provider = post("/hooks/nosuchprovider/notes");
        assertThat(provider.statusCode()).isEqualTo(404);
        assertThat(provider.body()).isEqualTo("unknown provider\n");
        HttpResponse<String> repo = post("/hooks/github/nosuchrepo");
        assertThat(repo.statusCode()).isEqualTo(404);
        assertThat(repo.body()).isEqualTo("unknown repository\n");
        for (int i = 0; i < 20; i++) { // a flood of random paths
            assertThat(post("/hooks/random" + i + "/notes" + i).statusCode()).isEqualTo(404);
        }

        String metrics = running.get("/metrics").body();
        assertThat(metrics).doesNotContain("nosuchprovider").doesNotContain("nosuchrepo").doesNotContain("random")
                .doesNotContain("imprint_webhooks");
    }
}
