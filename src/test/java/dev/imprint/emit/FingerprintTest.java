package dev.imprint.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Fingerprints frame every value, so differently split inputs never collide, and batching changes nothing. */
class FingerprintTest {
    @Test
    void valuesAreFramed() {
        assertThat(Fingerprint.of("k", "ab", "c")).isNotEqualTo(Fingerprint.of("k", "a", "bc"));
        assertThat(Fingerprint.of("k", List.of("a"), "b")).isNotEqualTo(Fingerprint.of("k", List.of("a", "b")));
        assertThat(Fingerprint.of("k", Map.of("a", "1", "b", "2"))).isEqualTo(Fingerprint.of("k", Map.of("b", "2", "a", "1")));
    }

    @Test
    void addedDigestsAreFramedAndOrdered() {
        byte[][] digests = new byte[1000][];
        for (int i = 0; i < digests.length; i++) {
            digests[i] = new Fingerprint("item").add("note " + i).digest();
        }
        String together = new Fingerprint("list").addDigests(digests).hex();
        assertThat(new Fingerprint("list").addDigests(digests.clone()).hex()).isEqualTo(together);
        byte[][] swapped = digests.clone();
        swapped[499] = digests[500];
        swapped[500] = digests[499];
        assertThat(new Fingerprint("list").addDigests(swapped).hex()).isNotEqualTo(together);
        // two digests are not one digest of their bytes joined
        byte[] joined = java.util.Arrays.copyOf(digests[0], 40);
        System.arraycopy(digests[1], 0, joined, 20, 20);
        assertThat(new Fingerprint("list").addDigests(new byte[][] {digests[0], digests[1]}).hex())
                .isNotEqualTo(new Fingerprint("list").addDigests(new byte[][] {joined}).hex());
    }
}
