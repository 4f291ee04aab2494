package dev.imprint.emit;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the previous build of the same repository planned, for a warm process: an output whose inputs are the very
 * same objects as last time (notes are reused while their blob, history and the salt are unchanged) gets last
 * time's {@link Output} — the same fingerprint, without building and hashing its context again. A cold process
 * starts with an empty memo and computes everything; either way the fingerprints are the same, which the
 * incremental-equals-full property test checks.
 */
public final class Memo {
    private record Entry(Object key, Output output) {
    }

    private final Map<String, Entry> entries;

    private Memo(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static Memo empty() {
        return new Memo(new HashMap<>());
    }

    /** The previous output for {@code path} if it was planned from an equal {@code key}, else a new one. */
    Output get(Memo previous, String path, Object key, Supplier<Output> compute) {
        Entry old = previous.entries.get(path);
        Output output = old != null && old.key.equals(key) ? old.output : compute.get();
        entries.put(path, new Entry(key, output));
        return output;
    }
}
