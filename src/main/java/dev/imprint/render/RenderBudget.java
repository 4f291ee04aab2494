package dev.imprint.render;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

import io.pebbletemplates.pebble.error.PebbleException;

/**
 * How long one render of a notes repository's template may run. Pebble cannot be cancelled, so the template itself
 * checks: {@link RunawayGuard} puts a check at the start of every block body (each loop pass, macro call, include
 * and block) and in {@code range}, and the first check past the limit throws, which unwinds the render on its own
 * thread: nothing keeps running. The limit is CPU time as well as wall time, so a render that merely waited for a
 * busy machine is not cut short.
 */
final class RenderBudget {
    private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long limitMs;
    private final long wallDeadline;
    private final long cpuStart;

    private RenderBudget(long limitMs) {
        this.limitMs = limitMs;
        this.wallDeadline = System.nanoTime() + limitMs * 1_000_000;
        this.cpuStart = cpuTime();
    }

    /** Runs {@code render} on this thread under a budget of {@code limitMs}. */
    static <T> T within(long limitMs, Supplier<T> render) {
        RenderBudget outer = CURRENT.get();
        CURRENT.set(new RenderBudget(limitMs));
        try {
            return render.get();
        } finally {
            CURRENT.set(outer);
        }
    }

    /** Throws once the render on this thread has used up its budget; free when there is none. */
    static void check(String template, int line) {
        RenderBudget budget = CURRENT.get();
        if (budget != null && System.nanoTime() > budget.wallDeadline
                && cpuTime() - budget.cpuStart > budget.limitMs * 1_000_000) {
            throw new Exceeded("still rendering after " + budget.limitMs + " ms (templates.max_render_ms)", line, template);
        }
    }

    private static long cpuTime() {
        long cpu = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        return cpu < 0 ? System.nanoTime() : cpu;
    }

    /** A template went past a limit: it is never-ending or far too big, not merely wrong. */
    static final class Exceeded extends PebbleException {
        private static final long serialVersionUID = 1L;

        Exceeded(String message, Integer line, String template) {
            super(null, message, line, template);
        }
    }
}
