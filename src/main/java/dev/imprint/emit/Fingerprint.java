package dev.imprint.emit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.eclipse.jgit.lib.ObjectId;

import dev.imprint.source.Sha1;

/** Hashes what an output is made from: strings, numbers, lists, maps (key order ignored), {@link Body}s. */
public final class Fingerprint {
    private final MessageDigest digest;

    public Fingerprint(String kind) {
        digest = Sha1.digest();
        add(kind);
    }

    public static String of(String kind, Object... parts) {
        Fingerprint f = new Fingerprint(kind);
        for (Object p : parts) {
            f.add(p);
        }
        return f.hex();
    }

    public Fingerprint add(Object value) {
        if (value == null) {
            put('n', 0);
        } else if (value instanceof String s) {
            put('s', s);
        } else if (value instanceof Number || value instanceof Boolean) {
            put('v', value.toString());
        } else if (value instanceof ObjectId id) {
            put('o', id.name());
        } else if (value instanceof Body b) {
            put('b', 0);
            b.fingerprintInto(this);
        } else if (value instanceof Map<?, ?> m) {
            // contexts are built in a fixed order; any other map is hashed in sorted order
            Map<?, ?> ordered = m instanceof LinkedHashMap || m instanceof SortedMap ? m : new TreeMap<>(m);
            put('{', m.size());
            ordered.forEach((k, v) -> {
                add(String.valueOf(k));
                add(v);
            });
        } else if (value instanceof List<?> l) {
            put('[', l.size());
            for (Object o : l) {
                add(o);
            }
        } else {
            throw new IllegalArgumentException("cannot fingerprint " + value.getClass());
        }
        return this;
    }

    private final byte[] header = new byte[5];

    private void put(char type, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        put(type, bytes.length);
        digest.update(bytes);
    }

    /** A type byte and a length: every value is framed, so ("ab", "c") and ("a", "bc") hash differently. */
    private void put(char type, int length) {
        header[0] = (byte) type;
        header[1] = (byte) (length >>> 24);
        header[2] = (byte) (length >>> 16);
        header[3] = (byte) (length >>> 8);
        header[4] = (byte) length;
        digest.update(header);
    }

    /**
     * Adds digests made by other fingerprints ({@link #digest()}), each framed like any value, in one update: a list
     * page adds hundreds.
     */
    public Fingerprint addDigests(byte[][] digests) {
        int size = 0;
        for (byte[] d : digests) {
            size += 5 + d.length;
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        for (byte[] d : digests) {
            all.put((byte) 'd').putInt(d.length).put(d); // the framing put(char, int) writes
        }
        this.digest.update(all.array());
        return this;
    }

    /** The raw digest (this fingerprint is used up). */
    public byte[] digest() {
        return digest.digest();
    }

    public String hex() {
        return ObjectId.fromRaw(digest.digest()).name();
    }
}
