package dev.imprint.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The webhook log: each line is written at once the first time it comes, and its repeats until the next
 * {@link #flush} (every second) are counted and written as one line then. A line written per delivery serialized the
 * request threads on the logger (its lock and date format) and capped intake; an operator still sees every distinct
 * delivery outcome right away, and how many of each. Thread-safe; no repeat goes uncounted.
 */
final class WebhookLog {
    /** Repeats of one line since the last flush; -1 once retired (a delivery racing with that takes a fresh one). */
    private static final class Repeats extends AtomicLong {
        private static final long serialVersionUID = 1L;
    }

    private final Consumer<String> out;
    private final Map<String, Repeats> recent = new ConcurrentHashMap<>();

    WebhookLog(Consumer<String> out) {
        this.out = out;
    }

    void delivery(String line) {
        while (true) {
            Repeats fresh = new Repeats();
            Repeats repeats = recent.putIfAbsent(line, fresh);
            if (repeats == null) {
                out.accept(line);
                return;
            }
            long n = repeats.get();
            if (n >= 0 && repeats.compareAndSet(n, n + 1)) {
                return;
            }
            if (n < 0) {
                recent.remove(line, repeats); // retired by a flush that has not removed it yet
            }
        }
    }

    /** Writes the repeats counted since the last flush; a line without repeats is forgotten, so it comes at once next time. */
    synchronized void flush() {
        recent.forEach((line, repeats) -> {
            long n = repeats.getAndSet(0);
            if (n > 0) {
                out.accept(line + " (" + n + " more like it since)");
            } else if (repeats.compareAndSet(0, -1)) {
                recent.remove(line, repeats);
            }
        });
    }
}
