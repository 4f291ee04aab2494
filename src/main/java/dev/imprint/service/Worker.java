package dev.imprint.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.imprint.pipeline.BuildReport;
import dev.imprint.pipeline.BuildRequest;
import dev.imprint.pipeline.Builder;
import dev.imprint.source.Redact;

/**
 * The one worker of one repository. Level-triggered: {@link #trigger} only says "look"; the worker compares the
 * source head with what the publishing branch says it was built from and builds when they differ. One build at a
 * time; triggers that arrive during a build are coalesced into one more look, which starts {@link #SETTLE} after the
 * last one ended (a burst of webhooks would otherwise keep a core busy looking back to back). Failures (anything a
 * build throws, errors too) are retried with backoff. A build that runs past {@code max_build_minutes} is abandoned: the worker
 * stops waiting and goes on looking, and the build, left to end on its own thread, is refused when it asks to
 * publish.
 */
final class Worker {
    /** What a look runs: the service's {@link Builder}, or in a test a build that fails as a real one can. */
    interface Build {
        boolean isPublished(BuildRequest request) throws Exception;

        BuildReport build(BuildRequest request, BooleanSupplier mayPublish) throws Exception;

        static Build of(Builder builder) {
            return new Build() {
                @Override
                public boolean isPublished(BuildRequest request) throws Exception {
                    return builder.isPublished(request);
                }

                @Override
                public BuildReport build(BuildRequest request, BooleanSupplier mayPublish) throws Exception {
                    return builder.build(request, mayPublish);
                }
            };
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final int KEPT_RECORDS = 50;
    private static final AtomicLong IDS = new AtomicLong();
    /** The least time between the end of a look and the start of the next; a trigger after a quiet spell waits for
     * nothing. */
    static final Duration SETTLE = Duration.ofMillis(100);
    /** A build's states: abandoning and publishing each win only from running, so an abandoned build never publishes. */
    private static final int RUNNING = 0;
    private static final int PUBLISHING = 1;
    private static final int ABANDONED = 2;

    private final String name;
    private final BuildRequest request;
    private final Build builder;
    private final Duration maxBuild;
    /** Runs each look's build, so the worker can stop waiting for one; a thread per build in flight. */
    private final ExecutorService builds;
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
    private volatile long lastLookEnded = System.nanoTime() - SETTLE.toNanos();
    /** Run at the start of every look (a pull request's head fetched), and after it (previews reconciled). */
    private volatile Step before = () -> { };
    private volatile Runnable after = () -> { };

    /** Something a look does before it asks whether the source is published; a failure fails the look. */
    interface Step {
        void run() throws Exception;
    }

    Worker(String name, BuildRequest request, Build builder, Duration maxBuild, ExecutorService pool,
           ScheduledExecutorService scheduler, Metrics metrics) {
        this.name = name;
        this.request = request;
        this.builder = builder;
        this.maxBuild = maxBuild;
        this.builds = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "imprint-build-" + name);
            t.setDaemon(true);
            return t;
        });
        this.pool = pool;
        this.scheduler = scheduler;
        this.metrics = metrics;
    }

    String name() {
        return name;
    }

    Worker beforeEachLook(Step step) {
        this.before = step;
        return this;
    }

    Worker afterEachLook(Runnable step) {
        this.after = step;
        return this;
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
        if (!stopped && pending.get() && running.compareAndSet(false, true)) {
            long wait = lastLookEnded + SETTLE.toNanos() - System.nanoTime();
            try {
                if (wait <= 0) {
                    pool.submit(this::drain);
                } else {
                    scheduler.schedule(this::submitDrain, wait, TimeUnit.NANOSECONDS);
                }
            } catch (RejectedExecutionException e) {
                running.set(false); // shutting down
            }
        }
    }

    private void submitDrain() {
        try {
            pool.submit(this::drain);
        } catch (RejectedExecutionException e) {
            running.set(false); // shutting down
        }
    }

    /** One look, taking every trigger so far; the next (for triggers that came during it) is scheduled after it. */
    private void drain() {
        try {
            if (!stopped && pending.getAndSet(false)) {
                try {
                    metrics.queued(name, 0);
                    currentTrigger = pendingTrigger;
                    look(currentTrigger);
                    currentTrigger = null;
                    try {
                        after.run();
                    } catch (RuntimeException e) {
                        LOG.warn("{}: after the look: {}", name, e.toString()); // never stops the worker
                    }
                } finally {
                    lastLookEnded = System.nanoTime(); // however the look ended, the next one settles after it
                }
            }
        } finally {
            running.set(false);
            schedule(); // triggers that came during the look, or raced with its end
        }
    }

    private void look(String trigger) {
        long start = System.nanoTime();
        Instant started = Instant.now();
        List<String> log = new ArrayList<>();
        try {
            BuildReport report = bounded();
            if (report == null) {
                failures = 0;
                lastError = null;
                lastSuccess = lastSuccess == null ? Instant.now() : lastSuccess;
                metrics.published(name, lastSuccess);
                add(new BuildRecord(IDS.incrementAndGet(), name, started.toString(), ms(start), "up-to-date", trigger, null, null, null,
                        List.of("already published")));
                return;
            }
            report.warnings().forEach(w -> log.add("warning: " + w.path() + ": " + w.message()));
            report.brokenLinks().forEach(b -> log.add("broken link: " + b.from() + ": " + b.to()));
            log.add("plan: " + report.plan());
            log.add(report.summary());
            failures = 0;
            lastError = null;
            lastSuccess = Instant.now();
            metrics.build(name, "published", ms(start), report.pages().rendered());
            metrics.published(name, lastSuccess);
            LOG.info("{}: {} (trigger: {})", name, report.summary(), trigger);
            // a newer commit already published (two builds finishing out of order) is up to date, not a failure
            String outcome = Builder.SKIPPED.equals(report.mode()) ? "up-to-date" : "published";
            add(new BuildRecord(IDS.incrementAndGet(), name, started.toString(), ms(start), outcome, trigger, report.sourceCommit(),
                    report, null, log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the service is stopping
        } catch (Throwable e) {
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

    /**
     * The look's build on its own thread, waited for at most {@code maxBuild}; null when the branch already has the
     * source. Past the limit the build is abandoned unless it has begun to publish, which is short and waited for.
     */
    private BuildReport bounded() throws Throwable {
        AtomicInteger state = new AtomicInteger(RUNNING);
        BooleanSupplier mayPublish = () -> state.compareAndSet(RUNNING, PUBLISHING);
        Future<BuildReport> build = builds.submit(() -> {
            before.run();
            return builder.isPublished(request) ? null : builder.build(request, mayPublish);
        });
        try {
            try {
                return build.get(maxBuild.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (state.compareAndSet(RUNNING, ABANDONED)) {
                    throw new BuildAbandoned("abandoned after " + describe(maxBuild) + " (max_build_minutes); "
                            + "it goes on until it would publish, and does not publish");
                }
                return build.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (InterruptedException e) {
            state.compareAndSet(RUNNING, ABANDONED);
            throw e;
        }
    }

    private static String describe(Duration d) {
        return d.toSecondsPart() == 0 && d.toMillisPart() == 0 && d.toMinutes() > 0 ? d.toMinutes() + " minutes"
                : d.toMillis() + " ms";
    }

    private static final class BuildAbandoned extends Exception {
        private static final long serialVersionUID = 1L;

        BuildAbandoned(String message) {
            super(message);
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
        builds.shutdown(); // a build in flight ends on its own; an abandoned one cannot publish
    }
}
