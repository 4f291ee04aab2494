package dev.imprint.forge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeliveryLogTest {

    @Test
    void aRedeliveryIsRecognisedPerRepository() {
        DeliveryLog log = new DeliveryLog();
        assertThat(log.firstTime("notes", "d-1")).isTrue();
        assertThat(log.firstTime("notes", "d-1")).isFalse();
        assertThat(log.firstTime("other", "d-1")).isTrue();
        assertThat(log.firstTime("notes", "d-2")).isTrue();
    }

    @Test
    void aDeliveryWithoutIdIsAlwaysNew() {
        DeliveryLog log = new DeliveryLog();
        assertThat(log.firstTime("notes", null)).isTrue();
        assertThat(log.firstTime("notes", null)).isTrue();
    }

    @Test
    void onlyTheLastNIdsAreRemembered() {
        DeliveryLog log = new DeliveryLog(3);
        for (String id : List.of("a", "b", "c", "d")) {
            assertThat(log.firstTime("r", id)).isTrue();
        }
        assertThat(log.firstTime("r", "a")).as("evicted, so new again").isTrue();
        assertThat(log.firstTime("r", "d")).isFalse();
    }

    @Test
    void concurrentDuplicatesAreAcceptedExactlyOnce() throws Exception {
        DeliveryLog log = new DeliveryLog();
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                tasks.add(() -> {
                    for (int i = 0; i < 500; i++) {
                        if (log.firstTime("repo-" + (i % 3), "id-" + i)) {
                            accepted.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(accepted).hasValue(500);
    }
}
