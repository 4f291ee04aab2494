package dev.imprint.forge;

import static dev.imprint.forge.WebhookPayloadsTest.signature;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imprint.forge.WebhookOutcome.Kind;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules that the real payloads do not exercise: the generic route, header handling, odd bodies. */
class WebhookVerifierTest {

    static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    static WebhookOutcome generic(String body, String... headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("x-hub-signature-256", signature("X-Hub-Signature-256", SECRET, bytes));
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return WebhookVerifier.handle(new Delivery(Provider.GENERIC, h, bytes), SECRET, "main");
    }

    @Test
    void genericEmptyObjectMeansLookAtTheRepository() {
        WebhookOutcome out = generic("{}");
        assertThat(out.kind()).isEqualTo(Kind.PUSH);
        assertThat(out.httpStatus()).isEqualTo(202);
        assertThat(out.push()).isEqualTo(new PushEvent(null, null, null, null, null, false, false, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "  \r\n"})
    void genericEmptyBodyIsLikeAnEmptyObject(String body) {
        assertThat(generic(body).kind()).isEqualTo(Kind.PUSH);
    }

    @Test
    void genericPushToTheWatchedBranch() {
        WebhookOutcome out = generic("{\"ref\":\"refs/heads/main\",\"before\":\"" + "0".repeat(40) + "\",\"after\":\""
                + SHA + "\"}", "Idempotency-Key", "k-1");
        assertThat(out.kind()).isEqualTo(Kind.PUSH);
        assertThat(out.push().after()).isEqualTo(SHA);
        assertThat(out.push().branch()).isEqualTo("main");
        assertThat(out.deliveryId()).isEqualTo("k-1");
    }

    @Test
    void genericOtherBranchTagAndDeletionAreIgnored() {
        assertThat(generic("{\"ref\":\"refs/heads/x\",\"after\":\"" + SHA + "\"}").reason())
                .isEqualTo("push to refs/heads/x, watching main");
        assertThat(generic("{\"ref\":\"refs/tags/v1\"}").kind()).isEqualTo(Kind.IGNORED);
        assertThat(generic("{\"ref\":\"refs/heads/main\",\"after\":\"" + "0".repeat(40) + "\"}").reason())
                .startsWith("deletion");
        assertThat(generic("{\"ref\":\"refs/heads/main\",\"after\":\"" + "0".repeat(64) + "\"}").reason())
                .as("SHA-256 repositories").startsWith("deletion");
        assertThat(generic("{\"ref\":\"refs/heads/main\",\"deleted\":true}").reason()).startsWith("deletion");
        assertThat(generic("{\"ref\":\"refs/pull/1/head\"}").kind()).isEqualTo(Kind.IGNORED);
    }

    @Test
    void genericEventHeaderIsOptional() {
        assertThat(generic("{}", "X-GitHub-Event", "ping").kind()).isEqualTo(Kind.PING);
        assertThat(generic("{}", "X-GitHub-Event", "ping").httpStatus()).isEqualTo(200);
        assertThat(generic("{}", "X-GitHub-Event", "push").kind()).isEqualTo(Kind.PUSH);
        assertThat(generic("{}", "X-GitHub-Event", "issues").kind()).isEqualTo(Kind.IGNORED);
        assertThat(generic("{}", "X-Request-Id", "r-9").deliveryId()).isEqualTo("r-9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"refs/heads/main\"", "42", "null", "{\"ref\":", "{} {}", "{\"ref\":1}",
            "{\"ref\":\"a\",\"ref\":\"b\"}", "\u00ff"})
    void genericBodiesThatAreNotAPushObjectAreMalformed(String body) {
        WebhookOutcome out = generic(body);
        assertThat(out.kind()).as(out.reason()).isEqualTo(Kind.MALFORMED);
        assertThat(out.httpStatus()).isEqualTo(400);
    }

    @Test
    void watchedBranchMayBeGivenAsAFullRef() {
        byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
        Delivery d = new Delivery(Provider.GENERIC,
                Map.of("X-Hub-Signature-256", signature("X-Hub-Signature-256", SECRET, body)), body);
        assertThat(WebhookVerifier.handle(d, SECRET, "refs/heads/main").kind()).isEqualTo(Kind.PUSH);
    }

    @Test
    void signatureHeadersAreCaseInsensitiveAndTheWrongSecretIsRejected() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Delivery d = new Delivery(Provider.GITHUB, Map.of("x-hub-signature-256",
                signature("X-Hub-Signature-256", SECRET, body), "x-github-event", "ping"), body);
        assertThat(WebhookVerifier.handle(d, SECRET, "main").kind()).isEqualTo(Kind.PING);
        assertThat(WebhookVerifier.handle(d, "other".getBytes(StandardCharsets.UTF_8), "main").kind())
                .isEqualTo(Kind.UNAUTHORIZED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha256=", "sha1=abc", "sha256=xyz", "sha256=00"})
    void malformedSignatureHeadersAreUnauthorized(String value) {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Delivery d = new Delivery(Provider.GITHUB, Map.of("X-Hub-Signature-256", value, "X-GitHub-Event", "ping"), body);
        assertThat(WebhookVerifier.handle(d, SECRET, "main").kind()).isEqualTo(Kind.UNAUTHORIZED);
    }

    @Test
    void giteaFirstPresentSignatureHeaderDecides() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String good = signature("X-Gitea-Signature", SECRET, body);
        Map<String, String> h = new LinkedHashMap<>(Map.of("X-Gitea-Event", "push", "X-Gitea-Signature", good,
                "X-Forgejo-Signature", WebhookPayloadsTest.forge(good, 3)));
        assertThat(WebhookVerifier.handle(new Delivery(Provider.GITEA, h, body), SECRET, "main").kind())
                .isEqualTo(Kind.UNAUTHORIZED);
    }

    @Test
    void gitlabTokenComparisonIsExact() {
        byte[] body = "{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
        for (String token : new String[] {"s3cre", "s3cret!", "S3CRET", ""}) {
            Delivery d = new Delivery(Provider.GITLAB, Map.of("X-Gitlab-Token", token, "X-Gitlab-Event", "Push Hook"),
                    body);
            assertThat(WebhookVerifier.handle(d, SECRET, "main").kind()).as(token).isEqualTo(Kind.UNAUTHORIZED);
        }
        Delivery ok = new Delivery(Provider.GITLAB, Map.of("X-Gitlab-Token", "s3cret", "X-Gitlab-Event", "Push Hook",
                "X-Gitlab-Event-UUID", "u-1", "Idempotency-Key", "i-1"), body);
        WebhookOutcome out = WebhookVerifier.handle(ok, SECRET, "main");
        assertThat(out.kind()).isEqualTo(Kind.PUSH);
        assertThat(out.deliveryId()).isEqualTo("u-1");
    }

    @Test
    void aPushWithoutRefFromAForgeIsMalformed() {
        byte[] body = "{\"after\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        Delivery d = new Delivery(Provider.GITHUB, Map.of("X-Hub-Signature-256",
                signature("X-Hub-Signature-256", SECRET, body), "X-GitHub-Event", "push"), body);
        assertThat(WebhookVerifier.handle(d, SECRET, "main").kind()).isEqualTo(Kind.MALFORMED);
    }

    @Test
    void providerFromPathSegment() {
        assertThat(Provider.of("github")).isEqualTo(Provider.GITHUB);
        assertThat(Provider.of("gitea")).isEqualTo(Provider.GITEA);
        assertThat(Provider.of("gitlab")).isEqualTo(Provider.GITLAB);
        assertThat(Provider.of("generic")).isEqualTo(Provider.GENERIC);
        assertThat(Provider.of("bitbucket")).isNull();
        assertThat(Provider.of(null)).isNull();
    }

    @Test
    void deliveryHeadersIgnoreCase() {
        Delivery d = new Delivery(Provider.GITHUB, Map.of("X-GitHub-Delivery", "abc"), new byte[0]);
        assertThat(d.header("x-github-delivery")).isEqualTo("abc");
        assertThat(d.header("X-GITHUB-DELIVERY")).isEqualTo("abc");
        assertThat(d.header("X-Other")).isNull();
    }
}
