package dev.imprint.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.imprint.service.ImprintService;
import dev.imprint.service.ServiceConfig;
import dev.imprint.source.Redact;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code imprint serve}: the long-running service. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs the service: webhooks in, publishes out, a built-in Git host, the published sites,",
            "a status page, JSON, health and Prometheus metrics.",
            "",
            "Without --config it hosts one repository, 'notes', seeded with the starter notes: push to it",
            "and the site is published. Listens on 127.0.0.1 unless the config says otherwise.",
            "Beyond loopback a hosted repository needs git_host users; without --config, IMPRINT_GIT_USER and",
            "IMPRINT_GIT_PASSWORD (or IMPRINT_GIT_PASSWORD_FILE) name the first one."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "<file.yml>", description = "Service config (see config/ for examples).")
    Path config;

    @Option(names = "--data", paramLabel = "<dir>", description = "Where repositories and caches live. Default: data_dir from the config, else ./data.")
    Path data;

    @Option(names = "--port", paramLabel = "<port>", description = "Port to listen on. Default: server.port from the config, else 8080.")
    Integer port;

    @Option(names = "--bind", paramLabel = "<address>", description = "Address to listen on. Default: server.bind, else 127.0.0.1.")
    String bind;

    @Override
    public Integer call() throws Exception {
        ServiceConfig cfg;
        try {
            cfg = config == null ? ServiceConfig.embeddedDefault(System.getenv()) : ServiceConfig.load(config);
        } catch (ServiceConfig.ConfigException e) {
            System.err.println("imprint: " + Redact.text(e.getMessage()));
            return 1;
        }
        if (port != null) {
            cfg.server.port = port;
        }
        if (bind != null) {
            cfg.server.bind = bind;
        }
        Path dataDir = data != null ? data : Path.of(cfg.dataDir);
        ImprintService service;
        try {
            service = new ImprintService(cfg, dataDir, System.getenv());
        } catch (ServiceConfig.ConfigException e) {
            System.err.println("imprint: " + Redact.text(e.getMessage()));
            return 1;
        }
        service.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "imprint-shutdown"));
        String host = cfg.server.bind.equals("0.0.0.0") ? "localhost" : cfg.server.bind;
        String base = "http://" + host + ":" + service.port();
        for (ServiceConfig.Repo r : cfg.repos) {
            if (r.source.hosted) {
                System.out.println("Clone your notes:  git clone " + base + "/git/" + r.name + ".git");
            }
            System.out.println("Your site:         " + base + "/site/" + r.name + "/");
        }
        System.out.println("Status:            " + base + "/");
        stopped.await();
        return 0;
    }
}
