package dev.imprint.forge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imprint.forge.SharedPayloads.Case;
import dev.imprint.forge.SharedPayloads.Expected;
import dev.imprint.forge.WebhookOutcome.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real payload of the shared corpus, with the headers its upstream test sends, signed by us:
 * the right outcome when signed, 401 when forged or unsigned, 400 when cut short.
 */
class WebhookPayloadsTest {

    static Stream<Arguments> cases() {
        return SharedPayloads.argumentsOrSkip(SharedPayloads::cases);
    }

    /** The ways a sender can sign: Gitea/Forgejo have three headers, each is tried. */
    static List<String> signatureHeaders(Provider provider) {
        return switch (provider) {
            case GITHUB, GENERIC -> List.of("X-Hub-Signature-256");
            case GITEA -> List.of("X-Gitea-Signature", "X-Forgejo-Signature", "X-Hub-Signature-256");
            case GITLAB -> List.of("X-Gitlab-Token");
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void signedDeliveryHasTheExpectedOutcome(Case c) {
        SharedPayloads.requireRoot();
        byte[] body = SharedPayloads.read(c.path());
        Expected e = c.expected();
        for (String header : signatureHeaders(c.provider())) {
            WebhookOutcome out = WebhookVerifier.handle(
                    delivery(c, body, header, signature(header, c.secret(), body)), c.secret(), e.watch());

            assertThat(out.kind()).as("%s signed with %s: %s", c, header, out.reason()).isEqualTo(e.kind());
            assertThat(out.httpStatus()).isEqualTo(e.kind() == Kind.PING ? 200 : 202);
            assertThat(out.deliveryId()).isEqualTo(c.expectedDeliveryId());
            if (e.reason() != null) {
                assertThat(out.reason()).contains(e.reason());
            }
            if (e.kind() == Kind.PULL_REQUEST) {
                assertThat(out.pullRequest()).isNotNull();
                assertThat(out.pullRequest().summary()).isEqualTo(out.reason());
            } else {
                assertThat(out.pullRequest()).isNull();
            }
            if (e.ref() == null) {
                assertThat(out.push()).isNull();
                continue;
            }
            PushEvent push = out.push();
            assertThat(push).isNotNull();
            assertThat(push.ref()).isEqualTo(e.ref());
            assertThat(push.after()).isEqualTo(e.after());
            assertThat(push.repositoryFullName()).isEqualTo(e.repository());
            assertThat(push.cloneUrl()).isEqualTo(e.cloneUrl());
            assertThat(push.tag()).isEqualTo(e.ref().startsWith("refs/tags/"));
            assertThat(push.branch()).isEqualTo(
                    e.ref().startsWith("refs/heads/") ? e.ref().substring("refs/heads/".length()) : null);
            assertThat(push.deleted()).isEqualTo("deletion".equals(e.reason()) || e.after().matches("0{40}"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aPushOrPullRequestForAnotherBranchIsIgnored(Case c) {
        SharedPayloads.requireRoot();
        byte[] body = SharedPayloads.read(c.path());
        String header = signatureHeaders(c.provider()).get(0);
        WebhookOutcome out = WebhookVerifier.handle(
                delivery(c, body, header, signature(header, c.secret(), body)), c.secret(), "not-this-branch");

        if (c.expected().kind() == Kind.PUSH) {
            assertThat(out.kind()).isEqualTo(Kind.IGNORED);
            assertThat(out.httpStatus()).isEqualTo(202);
            assertThat(out.reason()).isEqualTo("push to " + c.expected().ref() + ", watching not-this-branch");
        } else if (c.expected().kind() == Kind.PULL_REQUEST) { // the pull request's base is not the watched branch
            assertThat(out.kind()).isEqualTo(Kind.IGNORED);
            assertThat(out.httpStatus()).isEqualTo(202);
            assertThat(out.pullRequest()).isNull();
            assertThat(out.reason()).matches("pull request #\\d+ into " + c.expected().watch()
                    + ", watching not-this-branch");
        } else {
            assertThat(out.kind()).isEqualTo(c.expected().kind());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aForgedSignatureIsUnauthorized(Case c) {
        SharedPayloads.requireRoot();
        byte[] body = SharedPayloads.read(c.path());
        for (String header : signatureHeaders(c.provider())) {
            String forged = forge(signature(header, c.secret(), body), body.length);
            WebhookOutcome out = WebhookVerifier.handle(delivery(c, body, header, forged), c.secret(),
                    c.expected().watch());
            assertThat(out.kind()).as("%s forged %s", c, header).isEqualTo(Kind.UNAUTHORIZED);
            assertThat(out.httpStatus()).isEqualTo(401);
            assertThat(out.push()).isNull();
            assertThat(out.pullRequest()).isNull();
            assertThat(out.reason()).doesNotContain(forged);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aMissingSignatureIsUnauthorized(Case c) {
        SharedPayloads.requireRoot();
        byte[] body = SharedPayloads.read(c.path());
        WebhookOutcome out = WebhookVerifier.handle(delivery(c, body, null, null), c.secret(), c.expected().watch());
        assertThat(out.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(out.httpStatus()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aSignedButTruncatedBodyIsMalformedAndAForgedOneUnauthorized(Case c) {
        SharedPayloads.requireRoot();
        byte[] body = Arrays.copyOf(SharedPayloads.read(c.path()), SharedPayloads.read(c.path()).length / 2);
        for (String header : signatureHeaders(c.provider())) {
            String valid = signature(header, c.secret(), body);
            WebhookOutcome out = WebhookVerifier.handle(delivery(c, body, header, valid), c.secret(),
                    c.expected().watch());
            assertThat(out.kind()).as("%s truncated, %s", c, header).isEqualTo(Kind.MALFORMED);
            assertThat(out.httpStatus()).isEqualTo(400);

            // The signature is looked at before the body: a forged one is 401, not 400.
            WebhookOutcome forged = WebhookVerifier.handle(delivery(c, body, header, forge(valid, body.length)),
                    c.secret(), c.expected().watch());
            assertThat(forged.kind()).isEqualTo(Kind.UNAUTHORIZED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void noSecretConfiguredIsUnauthorized(Case c) {
        SharedPayloads.requireRoot();
        byte[] body = SharedPayloads.read(c.path());
        String header = signatureHeaders(c.provider()).get(0);
        Delivery d = delivery(c, body, header, signature(header, c.secret(), body));
        assertThat(WebhookVerifier.handle(d, null, c.expected().watch()).kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(WebhookVerifier.handle(d, new byte[0], c.expected().watch()).kind()).isEqualTo(Kind.UNAUTHORIZED);
    }

    /** Every payload file of the corpus is covered, and the table has no row the corpus does not imply. */
    @Test
    void everyPayloadOfTheCorpusIsACase() throws IOException {
        Path root = SharedPayloads.requireRoot();
        Set<String> payloadFiles;
        try (Stream<Path> files = Files.walk(root)) {
            payloadFiles = files.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> SharedPayloads.relative(root, p))
                    .filter(p -> !p.contains("/payload-schemas/")) // JSON schemas, not deliveries
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        List<Case> cases = SharedPayloads.cases();
        Set<String> casePaths = cases.stream().map(Case::path).collect(Collectors.toCollection(TreeSet::new));
        Set<String> caseKeys = cases.stream().map(c -> c.path() + " " + c.event())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> tableKeys = SharedPayloads.expectations().stream().map(e -> e.path() + " " + e.event())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(casePaths).isEqualTo(payloadFiles);
        assertThat(caseKeys).isEqualTo(tableKeys);
        assertThat(payloadFiles).hasSizeGreaterThan(100);
    }

    /** Cross-check of our hand-made table against go-scm's own parse of the same payloads. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refAndAfterAgreeWithGoScmsGoldenFile(Case c) throws IOException {
        SharedPayloads.requireRoot();
        Path golden = SharedPayloads.root().resolve(c.path() + ".golden");
        Expected e = c.expected();
        if (!Files.exists(golden) || Files.size(golden) == 0 || e.ref() == null) {
            return; // only go-scm payloads have one (gitlab/go-scm/push_merge.json.golden is empty)
        }
        JsonNode parsed = new ObjectMapper().readTree(golden.toFile());
        if (!parsed.path("Ref").isTextual()) {
            return; // go-scm parsed it as a branch/tag hook (Ref is an object): nothing to compare
        }
        assertThat(parsed.path("Ref").asText()).isEqualTo(e.ref());
        String after = parsed.path("After").isTextual() ? parsed.path("After").asText()
                : parsed.path("Commit").path("Sha").asText(); // go-scm's gitea driver leaves After empty
        assertThat(after).isEqualTo(e.after());
    }

    // ---------------------------------------------------------------- helpers

    static Delivery delivery(Case c, byte[] body, String signatureHeader, String signatureValue) {
        Map<String, String> headers = new LinkedHashMap<>(c.headers());
        if (signatureHeader != null) {
            headers.put(signatureHeader, signatureValue);
        }
        return new Delivery(c.provider(), headers, body);
    }

    /** What an honest sender puts in {@code header}, computed here independently of the code under test. */
    static String signature(String header, byte[] secret, byte[] body) {
        return switch (header) {
            case "X-Gitlab-Token" -> new String(secret, StandardCharsets.UTF_8);
            case "X-Hub-Signature-256" -> "sha256=" + hmac("HmacSHA256", secret, body);
            case "X-Hub-Signature" -> "sha1=" + hmac("HmacSHA1", secret, body);
            default -> hmac("HmacSHA256", secret, body);
        };
    }

    static String hmac(String algorithm, byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same value with one character changed (a hex digit stays a hex digit), at a spot chosen by {@code salt}. */
    static String forge(String value, int salt) {
        int start = value.startsWith("sha256=") ? 7 : 0;
        int i = start + Math.floorMod(salt * 31, value.length() - start);
        char c = value.charAt(i);
        char flipped = Character.digit(c, 16) >= 0
                ? Character.forDigit(Character.digit(c, 16) ^ 1, 16)
                : (char) (c ^ 1);
        return value.substring(0, i) + flipped + value.substring(i + 1);
    }
}
