package dev.imprint.forge;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a webhook delivery and says what it means, without side effects: signature (or token)
 * first, then the JSON body, then the event. Every answer is a {@link WebhookOutcome}.
 *
 * <h2>Authentication per provider</h2>
 * <ul>
 *   <li>GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>}. The legacy
 *       {@code X-Hub-Signature: sha1=...} header is <em>never</em> accepted, not even as a fallback
 *       when the SHA-256 header is missing: GitHub sends both headers and documents the SHA-1 one as
 *       kept only for old integrations, so a delivery that carries only the SHA-1 header did not come
 *       from a current GitHub, and accepting it would let a downgrade to HMAC-SHA1 through. (drone/go-scm
 *       accepts it as a fallback; the shared signature vectors file lists that vector as a correct
 *       HMAC-SHA1, which our tests check, and we answer it with 401 on purpose.)</li>
 *   <li>Gitea / Forgejo: the first present of {@code X-Forgejo-Signature}, {@code X-Gitea-Signature}
 *       (bare hex HMAC-SHA256) and {@code X-Hub-Signature-256} (GitHub form) decides.</li>
 *   <li>GitLab: {@code X-Gitlab-Token} equals the secret (GitLab sends the secret itself, no HMAC).</li>
 *   <li>Generic: as GitHub.</li>
 * </ul>
 * All comparisons are constant-time ({@link MessageDigest#isEqual}); the GitLab token is compared
 * through SHA-256 digests so that not even its length leaks. A null or empty secret answers 401:
 * a repository with a webhook always has a secret.
 *
 * <h2>Events</h2>
 * A push is wanted only when it moves the watched branch; pushes to other refs, tag pushes and
 * branch deletions are {@code IGNORED} (202) with a reason. GitLab's {@code System Hook} and
 * {@code Service Hook} deliveries (system hooks and integrations send these instead of
 * {@code Push Hook}) are dispatched on the body's {@code object_kind}, so a push (or merge request) they carry
 * is not lost.
 *
 * <p>Pull requests (GitHub and Gitea/Forgejo {@code pull_request}, GitLab {@code Merge Request Hook}) are
 * {@code PULL_REQUEST} when they merge into the watched branch and were opened, reopened, got new commits, or were
 * closed or merged; {@code PullRequestHook} reads them. The generic provider has no pull requests.
 */
public final class WebhookVerifier {

    static final String HUB_SIGNATURE_256 = "X-Hub-Signature-256";
    static final String GITEA_SIGNATURE = "X-Gitea-Signature";
    static final String FORGEJO_SIGNATURE = "X-Forgejo-Signature";
    static final String GITLAB_TOKEN = "X-Gitlab-Token";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private WebhookVerifier() {
    }

    /**
     * Looks at one delivery.
     *
     * @param delivery      the delivery as received
     * @param secret        the repository's webhook secret (raw bytes, e.g. UTF-8 of the configured string);
     *                      null or empty → {@code UNAUTHORIZED}
     * @param watchedBranch the branch whose pushes trigger a build and whose pull requests are wanted, short
     *                      ({@code main}) or full ({@code refs/heads/main})
     */
    public static WebhookOutcome handle(Delivery delivery, byte[] secret, String watchedBranch) {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(watchedBranch, "watchedBranch");
        String watched = watchedBranch.startsWith(PushEvent.HEADS)
                ? watchedBranch.substring(PushEvent.HEADS.length()) : watchedBranch;
        String deliveryId = deliveryId(delivery);

        String authProblem = authenticate(delivery, secret);
        if (authProblem != null) {
            return WebhookOutcome.unauthorized(authProblem, deliveryId);
        }

        byte[] body = delivery.body();
        JsonNode root;
        if (delivery.provider() == Provider.GENERIC && isBlank(body)) {
            root = JSON.createObjectNode(); // `curl -X POST` with no body: "look at the repo"
        } else {
            try {
                root = JSON.readTree(body);
            } catch (JacksonException e) {
                return WebhookOutcome.malformed("body is not valid JSON", deliveryId);
            } catch (IOException e) {
                return WebhookOutcome.malformed("body could not be read as JSON", deliveryId);
            }
            if (root == null || !root.isObject()) {
                return WebhookOutcome.malformed("body is not a JSON object", deliveryId);
            }
        }

        return switch (delivery.provider()) {
            case GITHUB -> githubLike(Provider.GITHUB, delivery.header("X-GitHub-Event"), null, root, watched,
                    deliveryId);
            case GITEA -> githubLike(Provider.GITEA,
                    delivery.firstHeader("X-Forgejo-Event", "X-Gitea-Event", "X-GitHub-Event", "X-Gogs-Event"),
                    delivery.firstHeader("X-Forgejo-Event-Type", "X-Gitea-Event-Type", "X-GitHub-Event-Type"),
                    root, watched, deliveryId);
            case GITLAB -> gitlab(delivery.header("X-Gitlab-Event"), root, watched, deliveryId);
            case GENERIC -> generic(delivery.firstHeader("X-Imprint-Event", "X-GitHub-Event"), root, watched,
                    deliveryId);
        };
    }

    // ---------------------------------------------------------------- authentication

    /** Null when authentic, else why not (for logs; never includes the secret or the header value). */
    private static String authenticate(Delivery delivery, byte[] secret) {
        if (secret == null || secret.length == 0) {
            return "no webhook secret configured for this repository";
        }
        switch (delivery.provider()) {
            case GITHUB, GENERIC -> {
                String header = delivery.header(HUB_SIGNATURE_256);
                if (header == null) {
                    return delivery.header("X-Hub-Signature") != null
                            ? "only the deprecated SHA-1 X-Hub-Signature header was sent; X-Hub-Signature-256 is required"
                            : "missing X-Hub-Signature-256 header";
                }
                return verifyHmac(prefixed(header), delivery.body(), secret) ? null : "invalid X-Hub-Signature-256";
            }
            case GITEA -> {
                String forgejo = delivery.header(FORGEJO_SIGNATURE);
                String gitea = delivery.header(GITEA_SIGNATURE);
                String hub = delivery.header(HUB_SIGNATURE_256);
                String name;
                String hex;
                if (forgejo != null) {
                    name = FORGEJO_SIGNATURE;
                    hex = forgejo.trim();
                } else if (gitea != null) {
                    name = GITEA_SIGNATURE;
                    hex = gitea.trim();
                } else if (hub != null) {
                    name = HUB_SIGNATURE_256;
                    hex = prefixed(hub);
                } else {
                    return "missing X-Gitea-Signature / X-Forgejo-Signature / X-Hub-Signature-256 header";
                }
                return verifyHmac(hex, delivery.body(), secret) ? null : "invalid " + name;
            }
            case GITLAB -> {
                String token = delivery.header(GITLAB_TOKEN);
                if (token == null) {
                    return "missing X-Gitlab-Token header";
                }
                return MessageDigest.isEqual(sha256(token.trim().getBytes(StandardCharsets.UTF_8)), sha256(secret))
                        ? null : "invalid X-Gitlab-Token";
            }
            default -> throw new IllegalStateException(delivery.provider().toString());
        }
    }

    /** The hex part of a {@code sha256=<hex>} header, or null if the prefix is wrong. */
    private static String prefixed(String header) {
        String value = header.trim();
        return value.regionMatches(true, 0, "sha256=", 0, 7) ? value.substring(7) : null;
    }

    private static boolean verifyHmac(String hex, byte[] body, byte[] secret) {
        if (hex == null || hex.length() != 64) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmacSha256(secret, body), given);
    }

    static byte[] hmacSha256(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    // ---------------------------------------------------------------- delivery id

    private static String deliveryId(Delivery d) {
        String id = switch (d.provider()) {
            case GITHUB -> d.header("X-GitHub-Delivery");
            case GITEA -> d.firstHeader("X-Gitea-Delivery", "X-Forgejo-Delivery");
            case GITLAB -> d.firstHeader("X-Gitlab-Event-UUID", "Idempotency-Key");
            case GENERIC -> d.firstHeader("Idempotency-Key", "X-Request-Id");
        };
        if (id == null) {
            return null;
        }
        id = id.trim();
        return id.isEmpty() ? null : id;
    }

    // ---------------------------------------------------------------- events

    /** GitHub, and Gitea/Forgejo (which send GitHub's payload shapes; {@code eventType} is their X-*-Event-Type). */
    private static WebhookOutcome githubLike(Provider provider, String event, String eventType, JsonNode root,
                                             String watched, String deliveryId) {
        if (event == null || event.isBlank()) {
            return WebhookOutcome.ignored("no event header", null, deliveryId);
        }
        String e = event.trim().toLowerCase(Locale.ROOT);
        return switch (e) {
            case "push" -> push(root, "repository", "full_name", "clone_url", true, watched, deliveryId);
            case "ping" -> WebhookOutcome.ping(deliveryId);
            case "pull_request" -> provider == Provider.GITEA
                    ? PullRequestHook.gitea(eventType, root, watched, deliveryId)
                    : PullRequestHook.github(root, watched, deliveryId);
            default -> WebhookOutcome.ignored("unhandled event " + event.trim(), null, deliveryId);
        };
    }

    private static WebhookOutcome gitlab(String event, JsonNode root, String watched, String deliveryId) {
        if (event == null || event.isBlank()) {
            return WebhookOutcome.ignored("no X-Gitlab-Event header", null, deliveryId);
        }
        String e = event.trim();
        if (e.equalsIgnoreCase("System Hook") || e.equalsIgnoreCase("Service Hook")) {
            String kind = root.path("object_kind").asText("");
            if (kind.isEmpty()) {
                kind = root.path("event_name").asText("");
            }
            e = switch (kind) {
                case "push" -> "Push Hook";
                case "tag_push" -> "Tag Push Hook";
                case "merge_request" -> "Merge Request Hook";
                default -> e + " (" + (kind.isEmpty() ? "no object_kind" : kind) + ")";
            };
        }
        if (e.equalsIgnoreCase("Push Hook")) {
            return push(root, "project", "path_with_namespace", "git_http_url", true, watched, deliveryId);
        }
        if (e.equalsIgnoreCase("Tag Push Hook")) {
            PushEvent tag = parsePush(root, "project", "path_with_namespace", "git_http_url");
            return WebhookOutcome.ignored("tag push" + (tag != null && tag.ref() != null ? " " + tag.ref() : ""),
                    tag, deliveryId);
        }
        if (e.equalsIgnoreCase("Merge Request Hook")) {
            return PullRequestHook.gitlab(root, watched, deliveryId);
        }
        return WebhookOutcome.ignored("unhandled event " + e, null, deliveryId);
    }

    private static WebhookOutcome generic(String event, JsonNode root, String watched, String deliveryId) {
        if (event != null && !event.isBlank()) {
            String e = event.trim().toLowerCase(Locale.ROOT);
            if (e.equals("ping")) {
                return WebhookOutcome.ping(deliveryId);
            }
            if (!e.equals("push")) {
                return WebhookOutcome.ignored("unhandled event " + event.trim(), null, deliveryId);
            }
        }
        return push(root, "repository", "full_name", "clone_url", false, watched, deliveryId);
    }

    private static WebhookOutcome push(JsonNode root, String repoObject, String nameField, String cloneField,
                                       boolean refRequired, String watched, String deliveryId) {
        PushEvent push = parsePush(root, repoObject, nameField, cloneField);
        if (push == null) {
            return WebhookOutcome.malformed("ref, before and after must be strings", deliveryId);
        }
        if (push.ref() == null) {
            return refRequired
                    ? WebhookOutcome.malformed("push payload has no ref", deliveryId)
                    : new WebhookOutcome(WebhookOutcome.Kind.PUSH, 202, "look at the repository", push, null,
                            deliveryId);
        }
        if (push.tag()) {
            return WebhookOutcome.ignored("tag push " + push.ref(), push, deliveryId);
        }
        if (push.deleted()) {
            return WebhookOutcome.ignored("deletion of " + push.ref(), push, deliveryId);
        }
        if (!watched.equals(push.branch())) {
            return WebhookOutcome.ignored("push to " + push.ref() + ", watching " + watched, push, deliveryId);
        }
        return WebhookOutcome.push(push, deliveryId);
    }

    /** The push described by {@code root}, or null when ref/before/after are present but not strings. */
    private static PushEvent parsePush(JsonNode root, String repoObject, String nameField, String cloneField) {
        JsonNode ref = root.get("ref");
        JsonNode before = root.get("before");
        JsonNode after = root.get("after");
        for (JsonNode n : new JsonNode[] {ref, before, after}) {
            if (n != null && !n.isNull() && !n.isTextual()) {
                return null;
            }
        }
        JsonNode repo = root.path(repoObject);
        if (!repo.isObject() && repoObject.equals("project")) {
            repo = root.path("repository"); // very old GitLab payloads had no project object
        }
        String name = text(repo.get(nameField));
        String clone = text(repo.get(cloneField));
        JsonNode deleted = root.get("deleted");
        return PushEvent.of(text(ref), text(before), text(after), name, clone,
                deleted != null && deleted.isBoolean() && deleted.booleanValue());
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
