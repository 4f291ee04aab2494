package dev.imprint.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook routes outside the configured set: 404, and nothing of the URL ends up in the metrics. */
class WebhookRoutesTest {
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;
    ImprintService service;

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.close();
        }
    }

    HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .header("X-GitHub-Event", "push").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unknownProvidersAndRepositoriesAnswer404AndTouchNoMetric() throws Exception {
        ServiceConfig config = ServiceConfig.embeddedDefault();
        config.server.port = 0;
        service = new ImprintService(config, tmp.resolve("data"), Map.of()).start();

        HttpResponse<String> provider = post("/hooks/nosuchprovider/notes");
        assertThat(provider.statusCode()).isEqualTo(404);
        assertThat(provider.body()).isEqualTo("unknown provider\n");
        HttpResponse<String> repo = post("/hooks/github/nosuchrepo");
        assertThat(repo.statusCode()).isEqualTo(404);
        assertThat(repo.body()).isEqualTo("unknown repository\n");
        for (int i = 0; i < 20; i++) { // a flood of random paths
            assertThat(post("/hooks/random" + i + "/notes" + i).statusCode()).isEqualTo(404);
        }

        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).doesNotContain("nosuchprovider").doesNotContain("nosuchrepo").doesNotContain("random")
                .doesNotContain("imprint_webhooks");
    }
}
