package dev.imprint.emit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.imprint.site.Note;

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

    /** A list page's notes and their item digests, position by position. */
    private record Items(List<Note> notes, byte[][] digests) {
    }

    private final Map<String, Entry> entries;
    private final Map<String, Items> items = new HashMap<>();

    private Memo(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static Memo empty() {
        return new Memo(new HashMap<>());
    }

    /** The previous output for {@code path} if it was planned from an equal {@code key}, else a new one. */
    Output get(Memo previous, String path, Object key, Supplier<Output> compute) {
        Entry old = previous.entries.get(path);
        Output output;
        if (old != null && old.key.equals(key)) {
            output = old.output;
            Items kept = previous.items.get(path);
            if (kept != null) {
                items.put(path, kept);
            }
        } else {
            output = compute.get();
        }
        entries.put(path, new Entry(key, output));
        return output;
    }

    /**
     * The item digests of list page {@code path} listing {@code notes}: a note at the same position as in the
     * previous build's list keeps its digest without a lookup, so a list of thousands that one edit touched costs a
     * pass over references, not a hash lookup (and its cache misses) per note.
     */
    byte[][] itemDigests(Memo previous, String path, List<Note> notes, Function<Note, byte[]> digest) {
        Items old = previous.items.get(path);
        byte[][] digests = new byte[notes.size()][];
        int i = 0;
        for (Note n : notes) {
            digests[i] = old != null && i < old.notes.size() && old.notes.get(i) == n ? old.digests[i] : digest.apply(n);
            i++;
        }
        items.put(path, new Items(notes, digests));
        return digests;
    }
}
