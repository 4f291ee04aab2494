package dev.imprint.emit;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

    /** A list page's notes, their item digests position by position, and a digest per chunk (never compared). */
    private record Items(Note[] notes, byte[][] digests, byte[][] chunks) {
    }

    /** Items per chunk: one edited note re-hashes its chunk's digests, not the whole list's. */
    static final int CHUNK = 64;

    private final Map<String, Entry> entries;
    private final Map<String, Items> items = new HashMap<>();

    private Memo(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static Memo empty() {
        return new Memo(new HashMap<>());
    }

    /**
     * The previous output for {@code path} if it was planned from an equal {@code key} (kept for the next build
     * too), else null.
     */
    Output reuse(Memo previous, String path, Object key) {
        Entry old = previous.entries.get(path);
        if (old == null || !old.key.equals(key)) {
            return null;
        }
        entries.put(path, old);
        Items kept = previous.items.get(path);
        if (kept != null) {
            items.put(path, kept);
        }
        return old.output;
    }

    /** Keeps {@code output}, planned from {@code key}, for the next build. */
    void put(String path, Object key, Output output) {
        entries.put(path, new Entry(key, output));
    }

    /**
     * The chunk digests of list page {@code path} listing {@code notes}: each the digest of {@link #CHUNK} items'
     * digests. A chunk whose notes are the very ones the previous build listed at the same places keeps its digest,
     * so a list of thousands that one edit touched costs a pass over references and one chunk, not a digest (and
     * its cache misses) per note.
     */
    byte[][] chunkDigests(Memo previous, String path, List<Note> notes, Function<Note, byte[]> digest) {
        Items old = previous.items.get(path);
        Note[] now = notes.toArray(new Note[0]);
        int n = now.length;
        byte[][] digests = new byte[n][];
        byte[][] chunks = new byte[(n + CHUNK - 1) / CHUNK][];
        for (int c = 0; c < chunks.length; c++) {
            int from = c * CHUNK;
            int to = Math.min(n, from + CHUNK);
            if (old != null && c < old.chunks.length && Math.min(old.notes.length, from + CHUNK) == to
                    && Arrays.equals(now, from, to, old.notes, from, to, (a, b) -> a == b ? 0 : 1)) {
                System.arraycopy(old.digests, from, digests, from, to - from);
                chunks[c] = old.chunks[c];
                continue;
            }
            for (int i = from; i < to; i++) {
                digests[i] = old != null && i < old.notes.length && old.notes[i] == now[i] ? old.digests[i] : digest.apply(now[i]);
            }
            chunks[c] = new Fingerprint("items").addDigests(Arrays.copyOfRange(digests, from, to)).digest();
        }
        items.put(path, new Items(now, digests, chunks));
        return chunks;
    }
}
