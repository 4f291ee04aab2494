package dev.imprint.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fingerprint of every output Imprint wrote, stored in the published tree itself: the next build compares
 * against it and renders only what changed. {@code salt} is the fingerprint of everything every output depends on
 * (Imprint's version, the theme, the config). A manifest of another format is treated as absent (a full build).
 *
 * <p>It is stored as a small header at {@link #PATH} and the fingerprints in {@link #BUCKETS} files under
 * {@link #DIR}, an output's bucket chosen by its path: a build that changes a few outputs rewrites a few small
 * bucket files, not one file listing the whole site. Immutable; {@link #with} shares the buckets it does not touch.
 */
public final class Manifest {
    public static final String PATH = ".imprint/manifest.json";
    public static final String DIR = ".imprint/manifest/";
    public static final int FORMAT = 2;
    public static final int BUCKETS = 256;
    private static final ObjectMapper JSON = new ObjectMapper().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    @SuppressWarnings("unchecked")
    private static final TreeMap<String, String>[] NO_BUCKETS = new TreeMap[BUCKETS];

    static {
        Arrays.fill(NO_BUCKETS, new TreeMap<String, String>());
    }

    private final String imprintVersion;
    private final String salt;
    private final TreeMap<String, String>[] buckets;
    private final int size;

    private Manifest(String imprintVersion, String salt, TreeMap<String, String>[] buckets) {
        this.imprintVersion = imprintVersion;
        this.salt = salt;
        this.buckets = buckets;
        int n = 0;
        for (TreeMap<String, String> b : buckets) {
            n += b.size();
        }
        this.size = n;
    }

    public Manifest(String imprintVersion, String salt, Map<String, String> fingerprints) {
        this(imprintVersion, salt, split(fingerprints));
    }

    public static Manifest empty() {
        return new Manifest(null, null, NO_BUCKETS);
    }

    @SuppressWarnings("unchecked")
    private static TreeMap<String, String>[] split(Map<String, String> fingerprints) {
        TreeMap<String, String>[] buckets = new TreeMap[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            buckets[i] = new TreeMap<>();
        }
        fingerprints.forEach((path, fp) -> buckets[bucket(path)].put(path, fp));
        return buckets;
    }

    /** The bucket of an output path: a fixed function of the path, so every process agrees. */
    public static int bucket(String path) {
        return Math.floorMod(path.hashCode(), BUCKETS);
    }

    public static String bucketPath(int bucket) {
        return DIR + String.format("%02x", bucket) + ".json";
    }

    public String imprintVersion() {
        return imprintVersion;
    }

    public String salt() {
        return salt;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** The fingerprint recorded for an output path, or null. */
    public String get(String path) {
        return buckets[bucket(path)].get(path);
    }

    /** Calls {@code action} with every output path, bucket by bucket. */
    public void forEachPath(java.util.function.Consumer<String> action) {
        for (TreeMap<String, String> b : buckets) {
            b.keySet().forEach(action);
        }
    }

    /** Every output path with its fingerprint, sorted by path (a copy: O(outputs)). */
    public Map<String, String> fingerprints() {
        Map<String, String> all = new TreeMap<>();
        for (TreeMap<String, String> b : buckets) {
            all.putAll(b);
        }
        return all;
    }

    /** This manifest with some fingerprints replaced ({@code null}: the output is gone); touches only their buckets. */
    public Manifest with(Map<String, String> changes) {
        TreeMap<String, String>[] next = buckets.clone();
        Set<Integer> copied = new HashSet<>();
        changes.forEach((path, fp) -> {
            int b = bucket(path);
            if (copied.add(b)) {
                next[b] = new TreeMap<>(buckets[b]);
            }
            if (fp == null) {
                next[b].remove(path);
            } else {
                next[b].put(path, fp);
            }
        });
        return new Manifest(imprintVersion, salt, next);
    }

    /** The stored files: the header and every non-empty bucket, by path. */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(PATH, header());
        for (int b = 0; b < BUCKETS; b++) {
            if (!buckets[b].isEmpty()) {
                files.put(bucketPath(b), bucket(b));
            }
        }
        return files;
    }

    /**
     * The stored files, as {@link #files()}, but those whose content {@code previous} stored just the same are
     * left out (their bytes would be the same; the caller keeps the blobs it has).
     */
    public Map<String, byte[]> filesChangedFrom(Manifest previous) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (!Objects.equals(imprintVersion, previous.imprintVersion) || !Objects.equals(salt, previous.salt)
                || previous.isEmpty()) {
            files.put(PATH, header());
        }
        for (int b = 0; b < BUCKETS; b++) {
            if (!buckets[b].isEmpty() && !buckets[b].equals(previous.buckets[b])) {
                files.put(bucketPath(b), bucket(b));
            }
        }
        return files;
    }

    /** The paths of the stored files: the header and every non-empty bucket. */
    public java.util.List<String> filePaths() {
        java.util.List<String> paths = new java.util.ArrayList<>();
        paths.add(PATH);
        for (int b = 0; b < BUCKETS; b++) {
            if (!buckets[b].isEmpty()) {
                paths.add(bucketPath(b));
            }
        }
        return paths;
    }

    /** The files of the buckets holding {@code paths}: path → bytes, or null for a bucket now empty. */
    public Map<String, byte[]> files(Collection<String> paths) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String p : paths) {
            int b = bucket(p);
            files.computeIfAbsent(bucketPath(b), k -> buckets[b].isEmpty() ? null : bucket(b));
        }
        return files;
    }

    private byte[] header() {
        return ("{\n  \"format\": " + FORMAT + ",\n  \"imprint\": " + quote(imprintVersion) + ",\n  \"salt\": "
                + quote(salt) + ",\n  \"buckets\": " + BUCKETS + "\n}\n").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] bucket(int b) {
        StringBuilder sb = new StringBuilder(16 + buckets[b].size() * 96);
        sb.append('{');
        boolean first = true;
        for (var e : buckets[b].entrySet()) {
            sb.append(first ? "\n" : ",\n").append("  ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
            first = false;
        }
        sb.append("\n}\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** JSON string literal; paths and hex fingerprints almost never need escaping, so that case is fast. */
    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
                try {
                    return JSON.writeValueAsString(s);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return '"' + s + '"';
    }

    /** What reads the stored bucket files: bucket file path → bytes, or null when there is no such file. */
    public interface BucketReader {
        byte[] read(String path) throws IOException;
    }

    /**
     * Parses a stored manifest from its header and bucket files; anything unreadable or of another format gives the
     * empty manifest (a full build).
     */
    public static Manifest parse(byte[] header, BucketReader reader) {
        try {
            JsonNode root = JSON.readTree(header);
            if (root == null || root.path("format").asInt(-1) != FORMAT || root.path("buckets").asInt(-1) != BUCKETS) {
                return empty();
            }
            Map<String, String> fps = new TreeMap<>();
            for (int b = 0; b < BUCKETS; b++) {
                byte[] bytes = reader.read(bucketPath(b));
                if (bytes == null) {
                    continue;
                }
                JsonNode bucket = JSON.readTree(bytes);
                if (bucket == null || !bucket.isObject()) {
                    return empty();
                }
                bucket.fields().forEachRemaining(e -> fps.put(e.getKey(), e.getValue().asText()));
            }
            return new Manifest(root.path("imprint").asText(null), root.path("salt").asText(null), fps);
        } catch (IOException | RuntimeException e) {
            return empty();
        }
    }
}
