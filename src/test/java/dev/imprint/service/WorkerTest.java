package dev.imprint.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.pipeline.BuildReport;
import dev.imprint.pipeline.BuildRequest;
import dev.imprint.pipeline.Builder;
import dev.imprint.testing.GitRepo;

/** A worker survives whatever its build throws or however long it takes, and goes on looking. */
class WorkerTest {
    @TempDir
    Path tmp;
    GitRepo notes;
    Builder builder;
    BuildRequest request;
    final ExecutorService pool = Executors.newFixedThreadPool(2);
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    Worker worker;

    @BeforeEach
    void setUp() {
        notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("content/a/one.md", "---\ntitle: One\ndate: 2024-01-01\n---\nFirst.\n");
        notes.commitAll("notes");
        builder = new Builder(tmp.resolve("cache"));
        request = new BuildRequest(notes.dir().toString(), "main", "gh-pages", null, null, null, false);
    }

    @AfterEach
    void tearDown() {
        if (worker != null) {
            worker.stop();
        }
        scheduler.shutdownNow();
        pool.shutdownNow();
    }

    /** The real build, but {@code first} decides what the first call does. */
    interface First {
        BuildReport build(BuildRequest request, BooleanSupplier mayPublish) throws Exception;
    }

    Worker worker(Duration maxBuild, First first) {
        AtomicInteger calls = new AtomicInteger();
        Worker.Build real = Worker.Build.of(builder);
        Worker.Build build = new Worker.Build() {
            @Override
            public boolean isPublished(BuildRequest r) throws Exception {
                return real.isPublished(r);
            }

            @Override
            public BuildReport build(BuildRequest r, BooleanSupplier mayPublish) throws Exception {
                return calls.incrementAndGet() == 1 ? first.build(r, mayPublish) : real.build(r, mayPublish);
            }
        };
        return new Worker("notes", request, build, maxBuild, pool, scheduler, new Metrics());
    }

    List<String> outcomes() {
        return worker.records().stream().map(r -> r.outcome() + (r.error() == null ? "" : ": " + r.error())).toList();
    }

    @Test
    void aBuildThatThrowsAnErrorIsRecordedAndRetried() {
        worker = worker(Duration.ofMinutes(1), (r, mayPublish) -> {
            throw new StackOverflowError();
        });
        worker.trigger("push");
        await().atMost(Duration.ofSeconds(5)).until(() -> !worker.records().isEmpty());
        assertThat(outcomes()).containsExactly("failed: java.lang.StackOverflowError");
        assertThat(worker.lastError()).isEqualTo("java.lang.StackOverflowError");

        await().atMost(Duration.ofSeconds(30)).until(() -> worker.records().size() == 2);
        assertThat(outcomes()).containsExactly("published", "failed: java.lang.StackOverflowError");
        assertThat(worker.records().get(0).trigger()).isEqualTo("retry after failure");
        assertThat(worker.lastError()).isNull();
    }

    @Test
    void aBuildPastMaxBuildMinutesIsAbandonedNeverPublishesAndTheWorkerGoesOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        StringBuilder late = new StringBuilder();
        // the first build is rendered and holds the repository, then hangs just before it would publish
        worker = worker(Duration.ofSeconds(2), (r, mayPublish) -> {
            try {
                return builder.build(r, () -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return mayPublish.getAsBoolean();
                });
            } catch (Exception e) {
                late.append(e.getMessage());
                throw e;
            } finally {
                ended.countDown();
            }
        });
        worker.trigger("push");
        String abandoned = "failed: abandoned after 2000 ms (max_build_minutes); it goes on until it would publish, "
                + "and does not publish";
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes().contains(abandoned));
        assertThat(worker.lastError()).startsWith("abandoned after 2000 ms");

        // the next look is not blocked by it: it waits for the repository, and is abandoned in turn
        worker.trigger("another push");
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes().equals(List.of(abandoned, abandoned)));

        release.countDown();
        ended.await();
        assertThat(late).hasToString("not published: the build was abandoned");
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes().get(0).equals("published"));
        assertThat(notes.read("gh-pages", "a/one/index.html")).contains("First.");
        assertThat(notes.tip("gh-pages").getParentCount()).as("published once, by the last look").isZero();
    }

    @Test
    void aBurstOfTriggersIsLookedAtAFewTimesAndTheLastTriggerIsLookedAt() throws Exception {
        AtomicLong triggered = new AtomicLong();
        AtomicLong seen = new AtomicLong();
        AtomicInteger looks = new AtomicInteger();
        Worker.Build upToDate = new Worker.Build() {
            @Override
            public boolean isPublished(BuildRequest r) {
                looks.incrementAndGet();
                seen.set(triggered.get()); // what a look at the source would see
                return true;
            }

            @Override
            public BuildReport build(BuildRequest r, BooleanSupplier mayPublish) {
                throw new AssertionError("up to date");
            }
        };
        worker = new Worker("notes", request, upToDate, Duration.ofMinutes(1), pool, scheduler, new Metrics());
        long burst = 1_000;
        long end = System.nanoTime() + Duration.ofMillis(burst).toNanos();
        while (System.nanoTime() < end) {
            triggered.incrementAndGet(); // a push, then its webhook
            worker.trigger("push");
        }
        long last = triggered.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.get() == last);
        // back to back it was thousands; SETTLE apart, about one per SETTLE
        assertThat(looks.get()).isBetween(2, (int) (burst / Worker.SETTLE.toMillis()) + 3);
    }
}
