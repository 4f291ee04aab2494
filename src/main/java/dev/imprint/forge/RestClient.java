package dev.imprint.forge;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imprint.forge.ForgeResult.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One forge's REST API over {@code java.net.http}: the base URL, the token in the forge's header, JSON in and out,
 * the {@link Retries}, and the forge's error body made into one readable line. It never throws for what the forge or
 * the network does: every call comes back as a {@link Reply}. The token is sent only to the base URL's host and is
 * scrubbed from every message, in case a proxy echoes a header back.
 */
final class RestClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** GitHub: "Otherwise, wait for at least one minute before retrying"; the same for any forge that does not say. */
    private static final Duration UNTOLD_RATE_LIMIT_WAIT = Duration.ofMinutes(1);
    /** 10,000 comments at 100 a page: a loop that goes on longer is a forge that does not page as documented. */
    private static final int MAX_PAGES = 100;

    private final String forge;
    private final URI base;
    private final ForgeToken token;
    private final String authHeader;
    private final String authPrefix;
    private final Map<String, String> headers;
    private final HttpClient http;
    private final Retries retries;

    /**
     * @param forge      the forge's name for messages ({@code GitHub})
     * @param base       the API root, e.g. {@code https://gitlab.com/api/v4}
     * @param authHeader the header that carries the token, its value {@code authPrefix + token}
     * @param headers    headers every request carries (Accept, API version)
     */
    RestClient(String forge, URI base, ForgeToken token, String authHeader, String authPrefix,
               Map<String, String> headers, HttpClient http, Retries retries) {
        this.forge = forge;
        String root = base.toString();
        this.base = URI.create(root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
        this.token = token;
        this.authHeader = authHeader;
        this.authPrefix = authPrefix;
        this.headers = Map.copyOf(headers);
        this.http = http;
        this.retries = retries;
    }

    /** The HTTP client forge clients use unless given one: no redirects, which could carry the token elsewhere. */
    static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    String forge() {
        return forge;
    }

    URI base() {
        return base;
    }

    /** {@code pathAndQuery} (already encoded, starting with '/') under the API root. */
    URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** {@code text} percent-encoded for a path segment or query value: all but RFC 3986's unreserved characters. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    Reply send(String method, String pathAndQuery, ObjectNode body) {
        return send(method, uri(pathAndQuery), body);
    }

    /** One call with its retries; the last answer, or why there was none. */
    Reply send(String method, URI uri, ObjectNode body) {
        if (!sameOrigin(uri)) {
            return Reply.failure(Outcome.FAILED, 0, forge + " pointed to another host (" + uri.getHost()
                    + ") for the next page; Imprint does not send the token there");
        }
        String payload = body == null ? null : body.toString();
        for (int attempt = 1; ; attempt++) {
            Reply reply = once(method, uri, payload);
            if (reply.ok() || attempt >= retries.attempts()) {
                return reply;
            }
            Duration wait = waitBeforeRetry(reply, attempt);
            if (wait == null) {
                return reply;
            }
            if (wait.compareTo(retries.maxWait()) > 0) {
                return reply.with(reply.failure(), reply.message() + " (asks to wait " + wait.toSeconds()
                        + " s; Imprint waits at most " + retries.maxWait().toSeconds() + " s)");
            }
            try {
                retries.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return reply.with(reply.failure(), reply.message() + " (interrupted before retrying)");
            }
        }
    }

    private Reply once(String method, URI uri, String payload) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header(authHeader, authPrefix + token.value())
                .header("User-Agent", "Imprint");
        headers.forEach(request::header);
        if (payload == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Reply.failure(Outcome.FAILED, 0, scrub(forge + " could not be reached at " + base.getHost() + ": " + why));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.failure(Outcome.FAILED, 0, forge + " call interrupted");
        }
        return classify(response);
    }

    private Reply classify(HttpResponse<String> response) {
        int status = response.statusCode();
        HttpHeaders h = response.headers();
        JsonNode json = parse(response.body());
        if (status >= 200 && status < 300) {
            if (json == null) {
                return new Reply(status, h, null, Outcome.FAILED, forge + " answered " + status + " with something that is not JSON");
            }
            return new Reply(status, h, json, null, null);
        }
        String said = status >= 300 && status < 400
                ? "moved to " + h.firstValue("Location").orElse("(no Location)") + "; update forge.api_url or forge.repository"
                : said(json, response.body());
        Outcome failure = status >= 500 ? Outcome.FAILED
                : rateLimited(status, h, said) ? Outcome.RATE_LIMITED : Outcome.REJECTED;
        return new Reply(status, h, json, failure, scrub(forge + " answered " + status + ": " + said));
    }

    /**
     * Every forge: 429. GitHub: a 403 with no requests left, a Retry-After, or its message for a secondary limit:
     * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
     */
    private static boolean rateLimited(int status, HttpHeaders h, String said) {
        return status == 429 || status == 403
                && (h.firstValue("x-ratelimit-remaining").filter("0"::equals).isPresent()
                || h.firstValue("Retry-After").isPresent() || said.contains("secondary rate limit"));
    }

    /** How long to wait before the next try, or null when retrying cannot help. */
    private Duration waitBeforeRetry(Reply reply, int attempt) {
        if (reply.failure() == Outcome.RATE_LIMITED) {
            Duration told = retryAfter(reply);
            if (told == null) {
                told = untilReset(reply);
            }
            return told != null ? told : UNTOLD_RATE_LIMIT_WAIT;
        }
        if (reply.failure() == Outcome.FAILED && (reply.status() == 0 || reply.status() >= 500)) {
            Duration told = retryAfter(reply);
            return told != null ? told : retries.backoffAfter(attempt);
        }
        return null;
    }

    /** {@code Retry-After}: seconds, or an HTTP date. */
    private Duration retryAfter(Reply reply) {
        String value = reply.header("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return positive(Duration.between(retries.clock().instant(), at));
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** GitHub's {@code x-ratelimit-reset} when no requests are left: the epoch second when they may start again. */
    private Duration untilReset(Reply reply) {
        String value = reply.header("x-ratelimit-reset");
        if (value == null || !"0".equals(reply.header("x-ratelimit-remaining"))) {
            return null;
        }
        try {
            Instant reset = Instant.ofEpochSecond(Long.parseLong(value.strip()));
            return positive(Duration.between(retries.clock().instant(), reset));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private boolean sameOrigin(URI uri) {
        return base.getScheme().equalsIgnoreCase(uri.getScheme()) && base.getHost().equalsIgnoreCase(uri.getHost())
                && port(base) == port(uri);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private String scrub(String message) {
        return message.replace(token.value(), "[redacted]");
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * The forge's own words from an error body: GitHub's {@code message} and {@code errors}, Gitea's {@code message},
     * GitLab's {@code message} (a string, or field → messages) or {@code error}.
     */
    static String said(JsonNode json, String text) {
        if (json == null || !json.isObject()) {
            String plain = text == null ? "" : text.strip().replaceAll("\\s+", " ");
            if (plain.isEmpty()) {
                return "(no message)";
            }
            return plain.startsWith("<") ? "(an HTML page, no message)" : plain.substring(0, Math.min(200, plain.length()));
        }
        List<String> parts = new ArrayList<>();
        JsonNode message = json.path("message");
        if (message.isTextual()) {
            parts.add(message.asText());
        } else if (message.isObject()) {
            message.fields().forEachRemaining(f -> parts.add(f.getKey() + " " + joined(f.getValue())));
        } else if (message.isArray()) {
            parts.add(joined(message));
        }
        if (json.path("error").isTextual()) {
            parts.add(json.get("error").asText());
        }
        List<String> details = new ArrayList<>();
        for (JsonNode e : json.path("errors")) {
            if (e.isTextual()) {
                details.add(e.asText());
            } else if (e.path("message").isTextual()) {
                details.add(e.get("message").asText());
            } else if (e.isObject()) {
                details.add(e.path("field").asText("?") + " " + e.path("code").asText("invalid"));
            }
        }
        String head = parts.isEmpty() ? "(no message)" : String.join("; ", parts);
        return details.isEmpty() ? head : head + ": " + String.join("; ", details);
    }

    private static String joined(JsonNode node) {
        if (!node.isArray()) {
            return node.asText();
        }
        List<String> texts = new ArrayList<>();
        node.forEach(n -> texts.add(n.asText()));
        return String.join(", ", texts);
    }

    /** Finds the next page from an answer: {@code page} pages read so far, {@code seen} items on them. */
    @FunctionalInterface
    interface NextPage {
        URI after(Reply reply, int page, int seen);
    }

    /** Walks a paged list: FOUND with the first element {@code match} accepts, or NONE when no page has one. */
    ForgeResult<JsonNode> find(URI first, Predicate<JsonNode> match, NextPage next) {
        URI uri = first;
        int seen = 0;
        int status = 0;
        for (int page = 1; uri != null; page++) {
            if (page > MAX_PAGES) {
                return ForgeResult.failure(Outcome.FAILED, status, forge + " listed more than " + MAX_PAGES
                        + " pages; Imprint stopped looking");
            }
            Reply reply = send("GET", uri, null);
            if (!reply.ok()) {
                return reply.failed();
            }
            if (!reply.json().isArray()) {
                return unexpected(reply, "list");
            }
            for (JsonNode element : reply.json()) {
                if (match.test(element)) {
                    return ForgeResult.of(Outcome.FOUND, element, reply.status());
                }
            }
            status = reply.status();
            seen += reply.json().size();
            try {
                uri = reply.json().isEmpty() ? null : next.after(reply, page, seen);
            } catch (IllegalArgumentException e) {
                return ForgeResult.failure(Outcome.FAILED, status, forge + " named a next page that is not a URL");
            }
        }
        return ForgeResult.none(status);
    }

    /** GitHub's {@code Link: <…>; rel="next"}, or null on the last page. */
    static URI nextLink(Reply reply) {
        String link = reply.header("Link");
        if (link == null) {
            return null;
        }
        for (String part : link.split(",")) {
            int open = part.indexOf('<');
            int close = part.indexOf('>');
            if (open >= 0 && close > open && part.substring(close).matches("(?s).*;\\s*rel=\"?([^\"]*\\s)?next(\\s[^\"]*)?\"?.*")) {
                return URI.create(part.substring(open + 1, close).strip());
            }
        }
        return null;
    }

    /** A successful answer made into {@code T}, or FAILED when it lacks what the documentation promises. */
    <T> ForgeResult<T> result(Reply reply, Outcome outcome, Function<JsonNode, T> parse, String what) {
        if (!reply.ok()) {
            return reply.failed();
        }
        T value = parse.apply(reply.json());
        return value == null ? unexpected(reply, what) : ForgeResult.of(outcome, value, reply.status());
    }

    /** A find's element made into {@code T}; NONE and failures pass through. */
    <T> ForgeResult<T> result(ForgeResult<JsonNode> found, Function<JsonNode, T> parse, String what) {
        if (found.value() == null) {
            return new ForgeResult<>(found.outcome(), null, found.httpStatus(), found.message());
        }
        T value = parse.apply(found.value());
        return value == null
                ? ForgeResult.failure(Outcome.FAILED, found.httpStatus(), forge + " listed a " + what + " without its documented fields")
                : ForgeResult.of(found.outcome(), value, found.httpStatus());
    }

    private <T> ForgeResult<T> unexpected(Reply reply, String what) {
        return ForgeResult.failure(Outcome.FAILED, reply.status(),
                forge + " answered " + reply.status() + " without the documented " + what);
    }

    /** Text of {@code field}, or null when absent or not a string. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    /** An enum constant as the forges spell states: {@code pending}. */
    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** True when {@code field} is an integer. */
    static boolean integer(JsonNode node, String field) {
        return node.path(field).isIntegralNumber();
    }

    /** One answer: the JSON of a 2xx, or the failure and the forge's message. */
    record Reply(int status, HttpHeaders headers, JsonNode json, Outcome failure, String message) {

        static Reply failure(Outcome failure, int status, String message) {
            return new Reply(status, null, null, failure, message);
        }

        boolean ok() {
            return failure == null;
        }

        Reply with(Outcome failure, String message) {
            return new Reply(status, headers, json, failure, message);
        }

        String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }

        <T> ForgeResult<T> failed() {
            return ForgeResult.failure(failure, status, message);
        }
    }

    @Override
    public String toString() {
        return forge + " API at " + base;
    }
}
