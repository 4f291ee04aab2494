package dev.imprint.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fingerprint of every output Imprint wrote, stored in the published tree itself: the next build compares
 * against it and renders only what changed. {@code salt} is the fingerprint of everything every output depends on
 * (Imprint's version, the theme, the config). A manifest of another format is treated as absent (a full build).
 *
 * <p>It is stored as a small header at {@link #PATH} and the fingerprints in bucket files under {@link #DIR}, an
 * output's bucket chosen by its path: a build that changes a few outputs rewrites a few small bucket files, not one
 * file listing the whole site. The number of buckets grows with the site ({@link #bucketsFor}), so a bucket stays
 * small on 100,000 pages too. Immutable; {@link #with} shares the buckets it does not touch.
 *
 * <p>Identity equality: builds ask "is this the very manifest I patched?" ({@code ==}) or compare entries with
 * {@link #get} and {@link #sameBuckets}; comparing all of a large site's entries is never needed.
 */
public final class Manifest {
    public static final String PATH = ".imprint/manifest.json";
    public static final String DIR = ".imprint/manifest/";
    public static final int FORMAT = 2;
    private static final int FEWEST_BUCKETS = 256;
    private static final int MOST_BUCKETS = 65536;
    /** Outputs per bucket, on average, past which the buckets are multiplied by 16. */
    private static final int BUCKET_SIZE = 64;
    private static final ObjectMapper JSON = new ObjectMapper().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    private static final TreeMap<String, String>[] NO_BUCKETS = emptyBuckets(FEWEST_BUCKETS);

    private final String imprintVersion;
    private final String salt;
    /** For a preview's manifest, the source commit it was built from; null for the site's own (the commit says). */
    private final String source;
    private final TreeMap<String, String>[] buckets;
    private final int size;

    private Manifest(String imprintVersion, String salt, String source, TreeMap<String, String>[] buckets) {
        this.imprintVersion = imprintVersion;
        this.salt = salt;
        this.source = source;
        this.buckets = buckets;
        int n = 0;
        for (TreeMap<String, String> b : buckets) {
            n += b.size();
        }
        this.size = n;
    }

    public Manifest(String imprintVersion, String salt, Map<String, String> fingerprints) {
        this(imprintVersion, salt, null, split(fingerprints));
    }

    /**
     * This manifest, recording that it describes the build of {@code sourceCommit}: what a preview's manifest says,
     * because the publishing branch's commits say which commit the site itself shows.
     */
    public Manifest builtFrom(String sourceCommit) {
        return new Manifest(imprintVersion, salt, sourceCommit, buckets);
    }

    /** The source commit a preview's manifest was built from ({@link #builtFrom}), else null. */
    public String source() {
        return source;
    }

    @SuppressWarnings("unchecked")
    private static TreeMap<String, String>[] emptyBuckets(int count) {
        TreeMap<String, String>[] buckets = new TreeMap[count];
        Arrays.fill(buckets, new TreeMap<String, String>());
        return buckets;
    }

    public static Manifest empty() {
        return new Manifest(null, null, null, NO_BUCKETS);
    }

    @SuppressWarnings("unchecked")
    private static TreeMap<String, String>[] split(Map<String, String> fingerprints) {
        int count = bucketsFor(fingerprints.size());
        TreeMap<String, String>[] buckets = new TreeMap[count];
        for (int i = 0; i < count; i++) {
            buckets[i] = new TreeMap<>();
        }
        fingerprints.forEach((path, fp) -> buckets[bucket(path, count)].put(path, fp));
        return buckets;
    }

    /** How many buckets a manifest of {@code size} outputs has: 256, 4,096 or 65,536 (a function of the size alone). */
    static int bucketsFor(int size) {
        int count = FEWEST_BUCKETS;
        while (count < MOST_BUCKETS && size > count * BUCKET_SIZE) {
            count *= 16;
        }
        return count;
    }

    /** The bucket of an output path: a fixed function of the path, so every process agrees. */
    private static int bucket(String path, int count) {
        return Math.floorMod(path.hashCode(), count);
    }

    private int bucket(String path) {
        return bucket(path, buckets.length);
    }

    private String bucketPath(int bucket) {
        return bucketPath(bucket, buckets.length);
    }

    /** Bucket files are named by hex number, with as many digits as the largest needs: 00–ff, 000–fff, 0000–ffff. */
    private static String bucketPath(int bucket, int count) {
        int digits = Integer.numberOfTrailingZeros(count) / 4;
        String hex = Integer.toHexString(bucket);
        return DIR + "0".repeat(digits - hex.length()) + hex + ".json";
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
    public void forEachPath(Consumer<String> action) {
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

    /**
     * This manifest with some fingerprints replaced ({@code null}: the output is gone); touches only their buckets,
     * unless the new size takes another number of buckets.
     */
    public Manifest with(Map<String, String> changes) {
        int[] size = {this.size};
        changes.forEach((path, fp) -> size[0] += (fp != null ? 1 : 0) - (get(path) != null ? 1 : 0));
        if (bucketsFor(size[0]) != buckets.length) {
            Map<String, String> all = fingerprints();
            changes.forEach((path, fp) -> {
                if (fp == null) {
                    all.remove(path);
                } else {
                    all.put(path, fp);
                }
            });
            return new Manifest(imprintVersion, salt, source, split(all));
        }
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
        return new Manifest(imprintVersion, salt, source, next);
    }

    /** The stored files: the header and every non-empty bucket, by path. */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(PATH, header());
        for (int b = 0; b < buckets.length; b++) {
            if (!buckets[b].isEmpty()) {
                files.put(bucketPath(b), bucketFile(b));
            }
        }
        return files;
    }

    /** Whether {@code other} stores its fingerprints in the same bucket files as this one. */
    public boolean sameBuckets(Manifest other) {
        return buckets.length == other.buckets.length;
    }

    /**
     * The stored files, as {@link #files()}, but those whose content {@code previous} stored just the same are
     * left out (their bytes would be the same; the caller keeps the blobs it has).
     */
    public Map<String, byte[]> filesChangedFrom(Manifest previous) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        boolean same = sameBuckets(previous);
        if (!Objects.equals(imprintVersion, previous.imprintVersion) || !Objects.equals(salt, previous.salt)
                || !Objects.equals(source, previous.source) || previous.isEmpty() || !same) {
            files.put(PATH, header());
        }
        for (int b = 0; b < buckets.length; b++) {
            if (!buckets[b].isEmpty() && (!same || !buckets[b].equals(previous.buckets[b]))) {
                files.put(bucketPath(b), bucketFile(b));
            }
        }
        return files;
    }

    /** The paths of the stored files: the header and every non-empty bucket. */
    public List<String> filePaths() {
        List<String> paths = new ArrayList<>();
        paths.add(PATH);
        for (int b = 0; b < buckets.length; b++) {
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
            files.computeIfAbsent(bucketPath(b), k -> buckets[b].isEmpty() ? null : bucketFile(b));
        }
        return files;
    }

    /** The header file's bytes ({@link #PATH}). */
    public byte[] header() {
        return ("{\n  \"format\": " + FORMAT + ",\n  \"imprint\": " + quote(imprintVersion) + ",\n  \"salt\": "
                + quote(salt) + (source == null ? "" : ",\n  \"source\": " + quote(source))
                + ",\n  \"buckets\": " + buckets.length + "\n}\n").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] bucketFile(int b) {
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
     * Parses a stored manifest from its header and bucket files; anything unreadable, of another format or with
     * another number of buckets than its size takes gives the empty manifest (a full build).
     */
    public static Manifest parse(byte[] header, BucketReader reader) {
        try {
            JsonNode root = JSON.readTree(header);
            int count = root == null ? -1 : root.path("buckets").asInt(-1);
            if (root == null || root.path("format").asInt(-1) != FORMAT
                    || count != FEWEST_BUCKETS && count != FEWEST_BUCKETS * 16 && count != MOST_BUCKETS) {
                return empty();
            }
            Map<String, String> fps = new TreeMap<>();
            for (int b = 0; b < count; b++) {
                byte[] bytes = reader.read(bucketPath(b, count));
                if (bytes == null) {
                    continue;
                }
                JsonNode bucket = JSON.readTree(bytes);
                if (bucket == null || !bucket.isObject()) {
                    return empty();
                }
                bucket.fields().forEachRemaining(e -> fps.put(e.getKey(), e.getValue().asText()));
            }
            Manifest parsed = new Manifest(root.path("imprint").asText(null), root.path("salt").asText(null),
                    root.path("source").asText(null), split(fps));
            // (the bucket files were named for the header's count; read under another, they would be misread)
            return parsed.buckets.length == count || fps.isEmpty() ? parsed : empty();
        } catch (IOException | RuntimeException e) {
            return empty();
        }
    }
}
