package dev.imprint.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imprint.forge.SharedPayloads.Expected;
import dev.imprint.forge.WebhookOutcome.Kind;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of shared/payloads/SIGNATURE_VECTORS.tsv (signatures from the upstream go-scm tests). */
class SignatureVectorsTest {

    record Vector(Provider provider, String file, String secret, String header, String value, String upstreamTest,
                  String verifiedHere) {
        boolean negative() {
            return verifiedHere.startsWith("NEGATIVE");
        }

        @Override
        public String toString() {
            return (negative() ? "reject " : "accept? ") + provider + " " + file + " " + header + " "
                    + (value.length() > 20 ? value.substring(0, 20) + "…" : value) + " (" + upstreamTest + ")";
        }
    }

    static Stream<Arguments> vectors() {
        return SharedPayloads.argumentsOrSkip(() -> SharedPayloads.signatureVectors().stream()
                .map(c -> new Vector(Provider.of(c[0]), c[1], c[2], c[3], c[4], c[5], c[6]))
                .toList());
    }

    private static final Pattern EVENT_IN_TEST = Pattern.compile("\\((X-[A-Za-z-]+-Event): ([^)]+)\\)");

    /** The event header the upstream test sent: named in the vector row, else the first one HEADERS.tsv gives. */
    static Map<String, String> eventHeader(Vector v) {
        Matcher m = EVENT_IN_TEST.matcher(v.upstreamTest());
        if (m.find()) {
            return Map.of(m.group(1), m.group(2));
        }
        String dir = v.file().substring(0, v.file().lastIndexOf('/'));
        String name = v.file().substring(dir.length() + 1);
        for (String[] row : SharedPayloads.tsv(SharedPayloads.root().resolve(dir).resolve("HEADERS.tsv"))) {
            if (row[0].equals(name) && row[1].endsWith("-Event")) {
                return Map.of(row[1], row[2]);
            }
        }
        throw new AssertionError("no event header known for " + v);
    }

    static Delivery delivery(Vector v, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>(eventHeader(v));
        if (!v.header().startsWith("(")) { // "(no X-Gitea-Signature)": the header is not sent at all
            headers.put(v.header(), v.value().equals("(empty)") ? "" : v.value());
        }
        return new Delivery(v.provider(), headers, body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vector(Vector v) {
        SharedPayloads.requireRoot();
        byte[] body = SharedPayloads.read(v.file());
        byte[] secret = v.secret().getBytes(StandardCharsets.UTF_8);
        WebhookOutcome out = WebhookVerifier.handle(delivery(v, body), secret, "master");

        if (v.negative()) {
            assertThat(out.kind()).as(out.reason()).isEqualTo(Kind.UNAUTHORIZED);
            assertThat(out.httpStatus()).isEqualTo(401);
            return;
        }

        // A positive row: first check that the row itself is what it says.
        if (!v.provider().equals(Provider.GITLAB)) {
            assertThat(v.value()).isEqualTo(WebhookPayloadsTest.signature(v.header(), secret, body));
        }

        if (v.header().equals("X-Hub-Signature")) {
            // The legacy SHA-1 header alone: go-scm accepts it as a fallback, we do not (see WebhookVerifier):
            // GitHub always sends X-Hub-Signature-256 too, so a delivery with only SHA-1 is not a current GitHub.
            assertThat(out.kind()).isEqualTo(Kind.UNAUTHORIZED);
            assertThat(out.reason()).contains("SHA-1");
            // ... and its presence next to a valid SHA-256 signature does no harm.
            Map<String, String> both = new LinkedHashMap<>(delivery(v, body).headers());
            both.put("X-Hub-Signature-256", WebhookPayloadsTest.signature("X-Hub-Signature-256", secret, body));
            WebhookOutcome withBoth = WebhookVerifier.handle(new Delivery(v.provider(), both, body), secret, "master");
            assertThat(withBoth.kind()).isEqualTo(Kind.PUSH);
            return;
        }

        String event = eventHeader(v).values().iterator().next();
        Expected expected = SharedPayloads.expectation(v.file(), event);
        out = WebhookVerifier.handle(delivery(v, body), secret, expected.watch());
        assertThat(out.kind()).as(out.reason()).isEqualTo(expected.kind());
        assertThat(out.httpStatus()).isEqualTo(expected.kind() == Kind.PING ? 200 : 202);
        if (expected.after() != null) {
            assertThat(out.push().after()).isEqualTo(expected.after());
        }
    }
}
