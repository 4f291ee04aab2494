package dev.imprint.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.imprint.service.ImprintService;
import dev.imprint.service.ServiceConfig;
import dev.imprint.service.ServiceConfig.ConfigException;

/**
 * An {@link ImprintService} started for one test, and the forge it watches if it has one, spoken to over HTTP.
 * Registered with {@code @RegisterExtension} it closes both after each test; or use it in try-with-resources.
 */
public final class RunningService implements AfterEachCallback, AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    private ImprintService service;
    private GitServer forge;

    /** Starts the service on a free port, so that tests never contend for one. */
    public ImprintService start(ServiceConfig config, Path dataDir, Map<String, String> environment)
            throws ConfigException, IOException {
        config.server.port = 0;
        service = new ImprintService(config, dataDir, environment).start();
        return service;
    }

    /** A forge serving the bare repositories under {@code root}, closed after the service. */
    public GitServer forge(Path root) {
        forge = new GitServer(root);
        return forge;
    }

    /** The service's address, e.g. {@code http://127.0.0.1:41234}. */
    public String base() {
        return "http://127.0.0.1:" + service.port();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).build());
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
            service = null;
        }
        if (forge != null) {
            forge.close();
            forge = null;
        }
    }
}
