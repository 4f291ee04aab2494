package dev.imprint.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A forge's REST API in process, on 127.0.0.1, for tests of the forge clients: it keeps pull requests, comments and
 * commit statuses in memory, records every call, and checks each request against the forge's documented endpoint
 * (method, path, auth header, media types, required body fields and their types). Anything off the documentation is
 * answered with a 4xx in the forge's own error shape, so a wrong client fails its test; {@link Call#offSpec()} says why.
 * Subclasses speak one forge's dialect.
 */
public abstract class ForgeSimulator implements AutoCloseable {
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final String CREATED_AT = "2026-01-02T03:04:05Z";

    /** One request as received: the raw path (after the API prefix), decoded query, body, and the status answered. */
    public record Call(String method, String path, Map<String, String> query, String body, int status, String offSpec) {
    }

    /**
     * A pull request (GitLab: merge request) as the forge holds it: open, or closed and perhaps merged, with the commit
     * at the head of its branch.
     */
    public record Pull(int number, long id, String head, String base, String title, String body, boolean open,
                       boolean merged, String headSha) {
        Pull with(String newTitle, String newBody) {
            return new Pull(number, id, head, base, newTitle, newBody, open, merged, headSha);
        }

        Pull with(boolean nowOpen, boolean nowMerged, String newHeadSha) {
            return new Pull(number, id, head, base, title, body, nowOpen, nowMerged, newHeadSha);
        }
    }

    /** A comment (GitLab: note) on pull request {@code number}. */
    public record Comment(long id, int number, String author, String body, boolean system) {
    }

    /** A commit status, with the forge's own state name. */
    public record Status(long id, String sha, String state, String context, String description, String targetUrl) {
    }

    /**
     * A request answered with a 4xx: {@code status} and {@code message} in the forge's shape. Off spec when the
     * documentation does not allow the request (a missing field, a wrong header); else a refusal the documentation
     * describes for a well-formed one (no such pull request, a wrong token, a conflict).
     */
    protected static final class OffSpec extends RuntimeException {
        final int status;
        final boolean documented;

        OffSpec(int status, String message) {
            this(status, message, false);
        }

        private OffSpec(int status, String message, boolean documented) {
            super(message);
            this.status = status;
            this.documented = documented;
        }
    }

    /** A documented refusal of a well-formed request: not counted in {@link #offSpec()}. */
    protected static OffSpec refused(int status, String message) {
        return new OffSpec(status, message, true);
    }

    /** An answer: status, JSON body (null for none) and extra headers. */
    protected record Answer(int status, JsonNode body, Map<String, String> headers) {
        static Answer of(int status, JsonNode body) {
            return new Answer(status, body, Map.of());
        }
    }

    /** The request being answered. */
    protected record Request(String method, String path, Map<String, String> query, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        /** The body as a JSON object, checked to be sent as JSON. */
        ObjectNode json(int statusIfNot) {
            String type = header("Content-Type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw new OffSpec(statusIfNot == 422 ? 422 : 415, "Content-Type must be application/json, was " + type);
            }
            try {
                JsonNode node = JSON.readTree(body);
                if (node instanceof ObjectNode object) {
                    return object;
                }
            } catch (JacksonException e) {
                // answered below
            }
            throw new OffSpec(400, "Problems parsing JSON");
        }

        /** {@code query[name]} as an int in {@code [min, max]}, or {@code otherwise} when absent. */
        int intParam(String name, int otherwise, int min, int max) {
            String v = query.get(name);
            if (v == null) {
                return otherwise;
            }
            if (!v.matches("\\d{1,9}") || Integer.parseInt(v) < min || Integer.parseInt(v) > max) {
                throw new OffSpec(422, name + " must be an integer in " + min + ".." + max + ", was " + v);
            }
            return Integer.parseInt(v);
        }

        void allowOnly(Set<String> params) {
            for (String p : query.keySet()) {
                if (!params.contains(p)) {
                    throw new OffSpec(422, "undocumented query parameter " + p);
                }
            }
        }
    }

    protected final String token;
    protected final String repository;
    private final String prefix;
    private final HttpServer server;
    private final AtomicLong ids = new AtomicLong(1000);
    private final List<Call> calls = new ArrayList<>();
    private final Deque<Answer> faults = new ArrayDeque<>();
    protected final Map<Integer, Pull> pulls = new LinkedHashMap<>();
    protected final List<Comment> comments = new ArrayList<>();
    protected final List<Status> statuses = new ArrayList<>();

    protected ForgeSimulator(String prefix, String repository, String token) {
        this.prefix = prefix;
        this.repository = repository;
        this.token = token;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1", e);
        }
        server.createContext("/", this::exchange);
        server.start();
    }

    /** The API root the client is configured with, e.g. {@code http://127.0.0.1:41234/api/v4}. */
    public String apiUrl() {
        return origin() + prefix;
    }

    protected String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Calls the documentation does not allow (not the refusals it describes, such as a 404 for a missing pull request). */
    public synchronized List<Call> offSpec() {
        return calls.stream().filter(c -> c.offSpec() != null).toList();
    }

    /** The next request is answered with {@code status}, {@code message} in the forge's error shape, and these headers. */
    public synchronized void failNext(int status, String message, String... headerPairs) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        faults.add(new Answer(status, error(status, message), headers));
    }

    /** An open pull request from {@code head} into {@code base}, its head a commit of its own; returns its number. */
    public synchronized int openPullRequest(String head, String base, String title, String body) {
        int number = pulls.size() + 1;
        pulls.put(number, new Pull(number, ids.incrementAndGet(), head, base, title, body, true, false,
                commitId(head + "#" + number)));
        return number;
    }

    /** Closes pull request {@code number} without merging it. */
    public synchronized void closePullRequest(int number) {
        Pull p = pulls.get(number);
        pulls.put(number, p.with(false, false, p.headSha()));
    }

    /** Merges open pull request {@code number}: it is closed, and merged. */
    public synchronized void mergePullRequest(int number) {
        Pull p = openPull(number);
        pulls.put(number, p.with(false, true, p.headSha()));
    }

    /** A push to the branch of open pull request {@code number}: {@code sha} is its head now. */
    public synchronized void pushToPullRequest(int number, String sha) {
        if (!sha.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("not a commit id: " + sha);
        }
        Pull p = openPull(number);
        pulls.put(number, p.with(true, false, sha));
    }

    private Pull openPull(int number) {
        Pull p = pulls.get(number);
        if (p == null || !p.open()) {
            throw new IllegalStateException("pull request " + number + " is not open");
        }
        return p;
    }

    /** A made-up but well-formed commit id, the same for the same {@code seed}. */
    private static String commitId(String seed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized List<Pull> pulls() {
        return List.copyOf(pulls.values());
    }

    /** A comment someone else wrote; returns its id. */
    public synchronized long addComment(int number, String author, String body) {
        return addComment(number, author, body, false).id();
    }

    public synchronized List<Comment> comments(int number) {
        return comments.stream().filter(c -> c.number() == number).toList();
    }

    public synchronized List<Status> statuses(String sha) {
        return statuses.stream().filter(s -> s.sha().equals(sha)).toList();
    }

    protected Comment addComment(int number, String author, String body, boolean system) {
        Comment c = new Comment(ids.incrementAndGet(), number, author, body, system);
        comments.add(c);
        return c;
    }

    protected Comment replaceComment(Comment old, String body) {
        Comment c = new Comment(old.id(), old.number(), old.author(), body, old.system());
        comments.set(comments.indexOf(old), c);
        return c;
    }

    protected Status addStatus(String sha, String state, String context, String description, String targetUrl) {
        Status s = new Status(ids.incrementAndGet(), sha, state, context, description, targetUrl);
        statuses.add(s);
        return s;
    }

    protected Pull addPull(String head, String base, String title, String body) {
        return pulls.get(openPullRequest(head, base, title, body));
    }

    protected Comment comment(long id) {
        return comments.stream().filter(c -> c.id() == id).findFirst().orElse(null);
    }

    /** Checks what every request must carry (the token, media types); throws {@link OffSpec} when it does not. */
    protected abstract void check(Request request);

    /** Answers one checked request; unknown routes throw {@link OffSpec} with the forge's 404. */
    protected abstract Answer route(Request request);

    /** The forge's error body for {@code status}. */
    protected abstract JsonNode error(int status, String message);

    /** {@code regex} matched against the request's raw path when the method is {@code method}, else null. */
    protected static Matcher match(Request request, String method, String regex) {
        if (!request.method().equals(method)) {
            return null;
        }
        Matcher m = Pattern.compile(regex).matcher(request.path());
        return m.matches() ? m : null;
    }

    /** Elements {@code (page - 1) * perPage} up to {@code page * perPage}. */
    protected static <T> List<T> page(List<T> all, int page, int perPage) {
        int from = Math.min(all.size(), (page - 1) * perPage);
        return all.subList(from, Math.min(all.size(), from + perPage));
    }

    /** A required string field; 422 in the forge's words when absent or not a string. */
    protected static String string(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual()) {
            throw new OffSpec(422, field + (v == null ? " is missing" : " must be a string"));
        }
        return v.asText();
    }

    /** An optional string field (a JSON null counts as absent); 422 when another type. */
    protected static String optionalString(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new OffSpec(422, field + " must be a string");
        }
        return v.asText();
    }

    protected static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try {
            String raw = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer;
            String offSpec = null;
            synchronized (this) {
                if (!faults.isEmpty()) {
                    answer = faults.poll();
                } else if (!raw.startsWith(prefix + "/")) {
                    offSpec = "not under " + prefix;
                    answer = Answer.of(404, error(404, "Not Found"));
                } else {
                    Request request = new Request(exchange.getRequestMethod(), raw.substring(prefix.length()), query,
                            exchange.getRequestHeaders(), body);
                    try {
                        check(request);
                        answer = route(request);
                    } catch (OffSpec e) {
                        offSpec = e.documented ? null : e.getMessage();
                        answer = Answer.of(e.status, error(e.status, e.getMessage()));
                    }
                }
                calls.add(new Call(exchange.getRequestMethod(), raw.substring(Math.min(raw.length(), prefix.length())),
                        query, body, answer.status(), offSpec));
            }
            byte[] bytes = answer.body() == null ? new byte[0] : JSON.writeValueAsBytes(answer.body());
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            if (answer.body() != null) {
                exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } finally {
            exchange.close();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(name, value);
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
