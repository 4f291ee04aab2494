package dev.imprint.forge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Reads the shared webhook corpus ({@code ../shared/payloads}, see shared/SOURCES.md): real payloads
 * from octokit/webhooks, drone/go-scm, woodpecker and the Gitea/GitLab docs, the headers each
 * upstream test sends with them, and our hand-made table of expected outcomes.
 */
final class SharedPayloads {

    static final byte[] TEST_SECRET = "imprint-test-secret-\u00e9".getBytes(StandardCharsets.UTF_8);

    private SharedPayloads() {
    }

    static Path root() {
        String override = System.getProperty("imprint.payloads");
        return override != null ? Path.of(override) : Path.of("..", "shared", "payloads");
    }

    /** Skips (not fails) the calling test when the shared corpus is not laid out next to the project. */
    static Path requireRoot() {
        Path root = root();
        Assumptions.assumeTrue(Files.isDirectory(root),
                "shared webhook payloads not found at " + root.toAbsolutePath().normalize() + ": skipped");
        return root;
    }

    static boolean present() {
        return Files.isDirectory(root());
    }

    /**
     * Arguments for a parameterized test: the items, or, when the corpus is missing, one placeholder
     * whose test then skips itself through {@link #requireRoot()} (so the skip shows in the report).
     */
    static <T> Stream<Arguments> argumentsOrSkip(java.util.function.Supplier<List<T>> items) {
        if (!present()) {
            return Stream.of(Arguments.of(Named.of("shared payloads not found: skipped", null)));
        }
        return items.get().stream().map(Arguments::of);
    }

    static byte[] read(String relativePath) {
        try {
            return Files.readAllBytes(root().resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row of expected-outcomes.tsv. Absent columns ("-") are null. */
    record Expected(String path, String event, WebhookOutcome.Kind kind, String watch, String ref, String after,
                    String repository, String cloneUrl, String reason) {
    }

    /** One delivery to make: a payload, the headers its upstream test sends (one event header value), the secret. */
    record Case(Provider provider, String path, String event, Map<String, String> headers, byte[] secret,
                String expectedDeliveryId, Expected expected) {
        @Override
        public String toString() {
            return path + (event == null ? " [no event header]" : " [" + event + "]");
        }
    }

    private static List<Expected> expectations;

    static synchronized List<Expected> expectations() {
        if (expectations == null) {
            expectations = List.copyOf(loadExpectations());
        }
        return expectations;
    }

    private static List<Expected> loadExpectations() {
        List<Expected> rows = new ArrayList<>();
        try (InputStream in = SharedPayloads.class.getResourceAsStream("expected-outcomes.tsv")) {
            String text = new String(Objects.requireNonNull(in, "expected-outcomes.tsv").readAllBytes(),
                    StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                rows.add(new Expected(c[0], dash(c[1]), WebhookOutcome.Kind.valueOf(c[2]), c[3], dash(c[4]),
                        dash(c[5]), dash(c[6]), dash(c[7]), dash(c[8])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static Expected expectation(String path, String event) {
        return expectations().stream()
                .filter(e -> e.path().equals(path) && Objects.equals(e.event(), event))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no expectation for " + path + " [" + event + "]"));
    }

    private static String dash(String s) {
        return s.equals("-") ? null : s;
    }

    /** Every (payload, event) case the shared corpus implies, headers as the upstream tests send them. */
    static List<Case> cases() {
        Path root = requireRoot();
        List<Case> cases = new ArrayList<>();
        for (String dir : List.of("github/go-scm", "github/woodpecker", "gitea/go-scm", "gitea/woodpecker-gitea",
                "gitlab/go-scm", "gitlab/woodpecker")) {
            fromHeadersTsv(root, dir, cases);
        }
        // octokit/webhooks examples come without headers: the event is the folder name.
        try (Stream<Path> files = Files.walk(root.resolve("github/octokit-webhooks/payload-examples"))) {
            files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(p -> {
                String rel = relative(root, p);
                String event = p.getParent().getFileName().toString();
                cases.add(newCase(Provider.GITHUB, rel, event, Map.of("X-GitHub-Event", event), null));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String rel : List.of("gitea/gitea-docs/push.json", "gitlab/gitlab-docs/push.json",
                "gitlab/gitlab-docs/tag_push.json")) {
            Map<String, String> headers = headersTxt(root.resolve(rel.replace(".json", ".headers.txt")));
            Provider provider = rel.startsWith("gitea") ? Provider.GITEA : Provider.GITLAB;
            String event = provider == Provider.GITEA ? headers.get("X-Gitea-Event") : headers.get("X-Gitlab-Event");
            cases.add(newCase(provider, rel, event, headers, null));
        }
        return cases;
    }

    private static final Pattern IMPLIES = Pattern.compile("implies (.+)\\)$");

    /**
     * HEADERS.tsv: one row per (file, header, value); a header with several values (GitLab's
     * "Push Hook" and "System Hook") means several upstream tests, so one case each.
     */
    private static void fromHeadersTsv(Path root, String dir, List<Case> out) {
        Provider provider = Provider.of(dir.substring(0, dir.indexOf('/')));
        String eventHeader = switch (provider) {
            case GITHUB -> "X-GitHub-Event";
            case GITEA -> "X-Gitea-Event";
            default -> "X-Gitlab-Event";
        };
        Map<String, Map<String, List<String>>> byFile = new LinkedHashMap<>();
        for (String[] row : tsv(root.resolve(dir).resolve("HEADERS.tsv"))) {
            byFile.computeIfAbsent(row[0], f -> new LinkedHashMap<>())
                    .computeIfAbsent(row[1], h -> new ArrayList<>()).add(row[2]);
        }
        byFile.forEach((file, headers) -> {
            Map<String, String> fixed = new LinkedHashMap<>();
            String gitlabToken = null;
            for (var h : headers.entrySet()) {
                String name = h.getKey();
                if (name.equals(eventHeader)) {
                    continue;
                }
                if (name.equals("X-Gitlab-Token")) {
                    gitlabToken = h.getValue().get(0); // the upstream test's token is this hook's secret
                    continue;
                }
                if (name.startsWith("X-Hub-Signature")) {
                    continue; // go-scm's dummy values; we sign ourselves
                }
                fixed.put(name, h.getValue().get(0));
            }
            List<String> events = headers.getOrDefault(eventHeader, List.of("(none sent)"));
            List<String> seen = new ArrayList<>();
            for (String raw : events) {
                String event = raw;
                if (raw.startsWith("(none")) {
                    event = null;
                } else if (raw.startsWith("(")) {
                    Matcher m = IMPLIES.matcher(raw);
                    if (!m.find()) {
                        throw new AssertionError("cannot read event value " + raw + " for " + file);
                    }
                    event = m.group(1);
                }
                if (seen.contains(event)) {
                    continue;
                }
                seen.add(event);
                Map<String, String> caseHeaders = new LinkedHashMap<>(fixed);
                if (event != null) {
                    caseHeaders.put(eventHeader, event);
                }
                byte[] secret = gitlabToken == null ? null : gitlabToken.getBytes(StandardCharsets.UTF_8);
                out.add(newCase(provider, dir + "/" + file, event, caseHeaders, secret));
            }
        });
    }

    private static Case newCase(Provider provider, String rel, String event, Map<String, String> headers,
                                byte[] secret) {
        if (secret == null) {
            secret = vectorSecret(rel);
        }
        String deliveryId = switch (provider) {
            case GITHUB -> headers.get("X-GitHub-Delivery");
            case GITEA -> headers.get("X-Gitea-Delivery");
            default -> headers.get("X-Gitlab-Event-UUID");
        };
        return new Case(provider, rel, event, Map.copyOf(headers), secret, deliveryId, expectation(rel, event));
    }

    /** The secret of a positive HMAC vector for this payload, so the vector's own secret is used; else ours. */
    private static byte[] vectorSecret(String rel) {
        for (String[] v : signatureVectors()) {
            if (v[1].equals(rel) && !v[6].startsWith("NEGATIVE") && !v[0].equals("gitlab")) {
                return v[2].getBytes(StandardCharsets.UTF_8);
            }
        }
        return TEST_SECRET;
    }

    /** SIGNATURE_VECTORS.tsv rows: provider, payload_file, secret, header, expected_value, upstream_test, verified_here. */
    static List<String[]> signatureVectors() {
        return tsv(root().resolve("SIGNATURE_VECTORS.tsv"));
    }

    static List<String[]> tsv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    rows.add(line.split("\t", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> headersTxt(Path file) {
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return headers;
    }

    static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
