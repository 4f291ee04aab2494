package dev.imprint.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The manifest's buckets grow with the site, and whatever it stores reads back as the same manifest. */
class ManifestTest {
    private static Map<String, String> outputs(int n) {
        Map<String, String> fps = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            fps.put("notes/note-" + i + "/index.html", "fp" + i);
        }
        return fps;
    }

    private static Manifest reread(Map<String, byte[]> files) {
        return Manifest.parse(files.get(Manifest.PATH), files::get);
    }

    @Test
    void bucketsStaySmallAsTheSiteGrows() {
        assertThat(Manifest.bucketsFor(0)).isEqualTo(256);
        assertThat(Manifest.bucketsFor(256 * 64)).isEqualTo(256);
        assertThat(Manifest.bucketsFor(256 * 64 + 1)).isEqualTo(4096);
        assertThat(Manifest.bucketsFor(100_000)).isEqualTo(4096);
        assertThat(Manifest.bucketsFor(10_000_000)).isEqualTo(65536);

        Manifest small = new Manifest("v", "salt", outputs(1_000));
        assertThat(small.files().keySet()).allMatch(p -> p.equals(Manifest.PATH) || p.matches("\\.imprint/manifest/[0-9a-f]{2}\\.json"));
        Manifest large = new Manifest("v", "salt", outputs(20_000));
        assertThat(large.files().keySet()).allMatch(p -> p.equals(Manifest.PATH) || p.matches("\\.imprint/manifest/[0-9a-f]{3}\\.json"));
        assertThat(large.files().values()).allMatch(bytes -> bytes.length < 64 * 100);
    }

    @Test
    void storedManifestsReadBackTheSame() {
        for (int n : new int[] {0, 1, 1_000, 20_000}) {
            Manifest m = new Manifest("v", "salt", outputs(n));
            Manifest back = reread(m.files());
            assertThat(back.fingerprints()).isEqualTo(m.fingerprints());
            assertThat(back.salt()).isEqualTo("salt");
            if (n > 0) {
                assertThat(back.filesChangedFrom(m)).isEmpty();
            }
        }
    }

    @Test
    void anEditRewritesOneBucketAndGrowingPastABoundaryRebucketsEverything() {
        Map<String, String> fps = outputs(256 * 64);
        Manifest m = new Manifest("v", "salt", fps);
        Manifest edited = m.with(Map.of("notes/note-7/index.html", "new"));
        assertThat(edited.filesChangedFrom(m)).hasSize(1);
        assertThat(edited.sameBuckets(m)).isTrue();

        Manifest grown = m.with(Map.of("notes/new/index.html", "fp"));
        Map<String, String> all = new HashMap<>(fps);
        all.put("notes/new/index.html", "fp");
        Manifest full = new Manifest("v", "salt", all);
        assertThat(grown.sameBuckets(m)).isFalse();
        Map<String, byte[]> fullFiles = full.files();
        assertThat(grown.files().keySet()).isEqualTo(fullFiles.keySet());
        grown.files().forEach((path, bytes) -> assertThat(bytes).isEqualTo(fullFiles.get(path)));
        // every bucket file is new, and the header says how many there are
        assertThat(grown.filesChangedFrom(m).keySet()).isEqualTo(grown.files().keySet());
        assertThat(reread(grown.files()).fingerprints()).isEqualTo(all);

        Map<String, String> removal = new HashMap<>();
        removal.put("notes/new/index.html", null);
        Manifest shrunk = grown.with(removal);
        assertThat(shrunk.sameBuckets(m)).isTrue();
        Map<String, byte[]> before = m.files();
        assertThat(shrunk.files().keySet()).isEqualTo(before.keySet());
        shrunk.files().forEach((path, bytes) -> assertThat(bytes).isEqualTo(before.get(path)));
    }

    @Test
    void bucketsNamedForAnotherCountAreNotTrusted() {
        Map<String, byte[]> files = new HashMap<>(new Manifest("v", "salt", outputs(20_000)).files());
        // a header claiming 256 buckets over files written for 4,096: a full build, never a misread manifest
        String header = new String(files.get(Manifest.PATH), StandardCharsets.UTF_8).replace("4096", "256");
        files.put(Manifest.PATH, header.getBytes(StandardCharsets.UTF_8));
        assertThat(reread(files).isEmpty()).isTrue();
        files.put(Manifest.PATH, header.replace("256", "1000").getBytes(StandardCharsets.UTF_8));
        assertThat(reread(files).isEmpty()).isTrue();

        // 20,000 fingerprints in 256 well-formed bucket files: more than 256 buckets hold, so not a manifest Imprint
        // wrote; taken as is, its buckets would be named differently from those the next build writes
        Map<String, StringBuilder> buckets = new TreeMap<>();
        outputs(20_000).forEach((path, fp) -> buckets.computeIfAbsent(
                String.format(".imprint/manifest/%02x.json", Math.floorMod(path.hashCode(), 256)), k -> new StringBuilder())
                .append(String.format("\"%s\": \"%s\",", path, fp)));
        Map<String, byte[]> crowded = new HashMap<>();
        buckets.forEach((p, body) -> crowded.put(p, ("{" + body.substring(0, body.length() - 1) + "}").getBytes(StandardCharsets.UTF_8)));
        assertThat(Manifest.parse(header.getBytes(StandardCharsets.UTF_8), crowded::get).isEmpty()).isTrue();
    }
}
