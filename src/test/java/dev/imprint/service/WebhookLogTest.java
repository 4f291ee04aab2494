package dev.imprint.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class WebhookLogTest {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final WebhookLog log = new WebhookLog(lines::add);

    @Test
    void aLineComesAtOnceAndItsRepeatsInOneLineAtTheFlush() {
        log.delivery("webhook generic notes: 202 push");
        assertThat(lines).containsExactly("webhook generic notes: 202 push");
        log.delivery("webhook generic notes: 202 push");
        log.delivery("webhook generic notes: 202 push");
        log.delivery("webhook generic notes: 401 unauthorized invalid X-Hub-Signature-256");
        assertThat(lines).hasSize(2);

        log.flush();
        assertThat(lines).containsExactly("webhook generic notes: 202 push",
                "webhook generic notes: 401 unauthorized invalid X-Hub-Signature-256",
                "webhook generic notes: 202 push (2 more like it since)");
    }

    @Test
    void aLineQuietForAFlushComesAtOnceAgain() {
        log.delivery("webhook generic notes: 202 push");
        log.flush();
        log.flush();
        log.delivery("webhook generic notes: 202 push");
        assertThat(lines).containsExactly("webhook generic notes: 202 push", "webhook generic notes: 202 push");
    }

    @Test
    void manyThreadsWithFlushesInBetweenLoseNoDelivery() throws Exception {
        int threads = 8;
        int each = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean done = new AtomicBoolean();
        Thread flusher = new Thread(() -> {
            while (!done.get()) {
                log.flush();
            }
        });
        flusher.start();
        for (int t = 0; t < threads; t++) {
            String line = "webhook generic r" + (t % 2) + ": 202 push";
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    log.delivery(line);
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        done.set(true);
        flusher.join();
        log.flush();

        Pattern repeats = Pattern.compile(" \\((\\d+) more like it since\\)$");
        long counted = 0;
        synchronized (lines) {
            for (String l : lines) {
                Matcher m = repeats.matcher(l);
                counted += m.find() ? Long.parseLong(m.group(1)) : 1;
            }
        }
        assertThat(counted).isEqualTo((long) threads * each);
    }
}
