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
    void digestsAddedTogetherHashAsAddedOneByOne() {
        byte[][] digests = new byte[1000][];
        for (int i = 0; i < digests.length; i++) {
            digests[i] = new Fingerprint("item").add("note " + i).digest();
        }
        Fingerprint oneByOne = new Fingerprint("list").add(digests.length);
        for (byte[] d : digests) {
            oneByOne.addDigest(d);
        }
        String together = new Fingerprint("list").add(digests.length).addDigests(digests).hex();
        assertThat(together).isEqualTo(oneByOne.hex());
        digests[500] = digests[499];
        assertThat(new Fingerprint("list").add(digests.length).addDigests(digests).hex()).isNotEqualTo(together);
    }
}
