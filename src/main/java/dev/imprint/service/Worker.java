package dev.imprint.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.imprint.build.BuildReport;
import dev.imprint.build.BuildRequest;
import dev.imprint.build.Builder;
import dev.imprint.source.Redact;

/**
 * The one worker of one repository. Level-triggered: {@link #trigger} only says "look"; the worker compares the
 * source head with what the publishing branch says it was built from and builds when they differ. One build at a
 * time; triggers that arrive during a build are coalesced into one more look. Failures are retried with backoff.
 */
final class Worker {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final int KEPT_RECORDS = 50;
    private static final AtomicLong IDS = new AtomicLong();

    private final String name;
    private final BuildRequest request;
    private final Builder builder;
    private final ExecutorService pool;
    private final ScheduledExecutorService scheduler;
    private final Metrics metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Deque<BuildRecord> records = new ArrayDeque<>();
    private volatile String pendingTrigger = "start";
    private volatile String currentTrigger;
    private volatile Instant lastSuccess;
    private volatile String lastError;
    private volatile int failures;
    private volatile boolean stopped;

    Worker(String name, BuildRequest request, Builder builder, ExecutorService pool, ScheduledExecutorService scheduler,
           Metrics metrics) {
        this.name = name;
        this.request = request;
        this.builder = builder;
        this.pool = pool;
        this.scheduler = scheduler;
        this.metrics = metrics;
    }

    String name() {
        return name;
    }

    BuildRequest request() {
        return request;
    }

    /** Asks the worker to look at the repository soon. Cheap, never blocks, safe from any thread. */
    void trigger(String why) {
        if (stopped) {
            return;
        }
        pendingTrigger = why;
        pending.set(true);
        metrics.queued(name, 1);
        schedule();
    }

    private void schedule() {
        if (pending.get() && running.compareAndSet(false, true)) {
            try {
                pool.submit(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                running.set(false); // shutting down
            }
        }
    }

    private void drain() {
        try {
            while (!stopped && pending.getAndSet(false)) {
                metrics.queued(name, 0);
                currentTrigger = pendingTrigger;
                look(currentTrigger);
                currentTrigger = null;
            }
        } finally {
            running.set(false);
            schedule(); // a trigger that raced with the end of the loop
        }
    }

    private void look(String trigger) {
        long start = System.nanoTime();
        Instant started = Instant.now();
        List<String> log = new ArrayList<>();
        try {
            if (builder.isPublished(request)) {
                failures = 0;
                lastError = null;
                lastSuccess = lastSuccess == null ? Instant.now() : lastSuccess;
                metrics.published(name, lastSuccess);
                add(new BuildRecord(IDS.incrementAndGet(), name, started.toString(), ms(start), "up-to-date", trigger, null, null, null,
                        List.of("already published")));
                return;
            }
            BuildReport report = builder.build(request);
            report.warnings().forEach(w -> log.add("warning: " + w.path() + ": " + w.message()));
            report.brokenLinks().forEach(b -> log.add("broken link: " + b.from() + ": " + b.to()));
            log.add(report.summary());
            failures = 0;
            lastError = null;
            lastSuccess = Instant.now();
            metrics.build(name, "published", ms(start), report.pages().rendered());
            metrics.published(name, lastSuccess);
            LOG.info("{}: {} (trigger: {})", name, report.summary(), trigger);
            add(new BuildRecord(IDS.incrementAndGet(), name, started.toString(), ms(start), "published", trigger, report.sourceCommit(),
                    report, null, log));
        } catch (Exception | LinkageError e) {
            failures++;
            lastError = Redact.text(e.getMessage() == null ? e.toString() : e.getMessage()); // JGit repeats URLs as given
            log.add("failed: " + lastError);
            metrics.build(name, "failed", ms(start), 0);
            long delay = backoff(failures);
            LOG.warn("{}: build failed ({}), retrying in {}s (trigger: {})", name, lastError, delay, trigger);
            add(new BuildRecord(IDS.incrementAndGet(), name, started.toString(), ms(start), "failed", trigger, null, null, lastError, log));
            if (!stopped) {
                scheduler.schedule(() -> trigger("retry after failure"), delay, TimeUnit.SECONDS);
            }
        }
    }

    static long backoff(int failures) {
        return Math.min(Duration.ofMinutes(10).toSeconds(), 5L << Math.min(failures - 1, 8));
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private synchronized void add(BuildRecord r) {
        records.addFirst(r);
        while (records.size() > KEPT_RECORDS) {
            records.removeLast();
        }
    }

    synchronized List<BuildRecord> records() {
        return List.copyOf(records);
    }

    synchronized BuildRecord record(long id) {
        return records.stream().filter(r -> r.id() == id).findFirst().orElse(null);
    }

    /** "building", "queued" or "idle". */
    String state() {
        return running.get() && currentTrigger != null ? "building" : pending.get() ? "queued" : "idle";
    }

    Instant lastSuccess() {
        return lastSuccess;
    }

    String lastError() {
        return lastError;
    }

    void stop() {
        stopped = true;
    }
}
