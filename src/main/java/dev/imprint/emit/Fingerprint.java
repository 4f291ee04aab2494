package dev.imprint.emit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jgit.lib.ObjectId;

/** Hashes what an output is made from: strings, numbers, lists, maps (key order ignored), {@link Body}s. */
public final class Fingerprint {
    private final MessageDigest digest;

    public Fingerprint(String kind) {
        try {
            digest = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
            put('n', "");
        } else if (value instanceof String s) {
            put('s', s);
        } else if (value instanceof Number || value instanceof Boolean) {
            put('v', value.toString());
        } else if (value instanceof ObjectId id) {
            put('o', id.name());
        } else if (value instanceof Body b) {
            put('b', "");
            b.fingerprintInto(this);
        } else if (value instanceof Map<?, ?> m) {
            put('{', Integer.toString(m.size()));
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            sorted.forEach((k, v) -> {
                add(k);
                add(v);
            });
        } else if (value instanceof List<?> l) {
            put('[', Integer.toString(l.size()));
            l.forEach(this::add);
        } else {
            throw new IllegalArgumentException("cannot fingerprint " + value.getClass());
        }
        return this;
    }

    private void put(char type, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) type);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    public String hex() {
        return ObjectId.fromRaw(digest.digest()).name();
    }
}
