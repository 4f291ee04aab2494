package dev.imprint.service;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The service's Prometheus metrics (Micrometer). */
final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicLong> queued = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastPublish = new ConcurrentHashMap<>();
    /** Looked up once per provider and outcome: building and registering a meter per delivery costs more. */
    private final Map<String, Counter> webhooks = new ConcurrentHashMap<>();

    void webhook(String provider, String outcome) {
        webhooks.computeIfAbsent(provider + " " + outcome, k -> Counter.builder("imprint_webhooks")
                .description("Webhook deliveries by provider and outcome")
                .tag("provider", provider).tag("outcome", outcome).register(registry)).increment();
    }

    void build(String repo, String outcome, long ms, int pagesRendered) {
        Counter.builder("imprint_builds").description("Builds by outcome").tag("repo", repo).tag("outcome", outcome)
                .register(registry).increment();
        Timer.builder("imprint_build_duration").description("Build duration").tag("repo", repo)
                .publishPercentileHistogram().register(registry).record(ms, TimeUnit.MILLISECONDS);
        Counter.builder("imprint_pages_rendered").description("Pages rendered").tag("repo", repo)
                .register(registry).increment(pagesRendered);
    }

    void queued(String repo, long depth) {
        queued.computeIfAbsent(repo, r -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("imprint_queue_depth", v, AtomicLong::get).description("Looks waiting to run")
                    .tag("repo", r).register(registry);
            return v;
        }).set(depth);
    }

    void published(String repo, Instant when) {
        lastPublish.computeIfAbsent(repo, r -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("imprint_last_publish_seconds", v, AtomicLong::get)
                    .description("Unix time of the last successful publish").tag("repo", r).register(registry);
            return v;
        }).set(when.getEpochSecond());
    }

    String scrape() {
        return registry.scrape();
    }
}
