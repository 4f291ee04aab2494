package dev.imprint.pipeline;

import java.util.ArrayList;
import java.util.List;

/** Phase timings of one build, printed to stderr when the system property imprint.timing is true (benchmarks). */
final class Timings {
    private static final boolean ON = Boolean.getBoolean("imprint.timing");
    private final List<String> phases = new ArrayList<>();
    private long last = System.nanoTime();

    void mark(String phase) {
        if (ON) {
            long now = System.nanoTime();
            phases.add(phase + " " + (now - last) / 1_000_000 + "ms");
            last = now;
        }
    }

    void print() {
        if (ON) {
            System.err.println("timing: " + String.join(", ", phases));
        }
    }
}
