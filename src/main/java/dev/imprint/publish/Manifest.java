package dev.imprint.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fingerprint of every output Imprint wrote, stored in the published tree itself at {@link #PATH}: the next
 * build compares against it and renders only what changed. {@code salt} is the fingerprint of everything every
 * output depends on (Imprint's version, the theme, the config). A manifest of another format is treated as absent.
 */
public record Manifest(String imprintVersion, String salt, Map<String, String> fingerprints) {
    public static final String PATH = ".imprint/manifest.json";
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    public static Manifest empty() {
        return new Manifest(null, null, Map.of());
    }

    public boolean isEmpty() {
        return fingerprints.isEmpty();
    }

    public byte[] toJson() {
        StringBuilder sb = new StringBuilder(64 + fingerprints.size() * 80);
        sb.append("{\n  \"format\": ").append(FORMAT).append(",\n  \"imprint\": ")
                .append(quote(imprintVersion)).append(",\n  \"salt\": ").append(quote(salt))
                .append(",\n  \"outputs\": {");
        boolean first = true;
        for (var e : new TreeMap<>(fingerprints).entrySet()) {
            sb.append(first ? "\n" : ",\n").append("    ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
            first = false;
        }
        sb.append(first ? "}\n}\n" : "\n  }\n}\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** JSON string literal; paths and hex fingerprints almost never need escaping, so that case is fast. */
    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
                try {
                    return JSON.writeValueAsString(s);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return '"' + s + '"';
    }

    /** Parses a manifest; anything unreadable or of another format gives the empty manifest (a full build). */
    public static Manifest parse(byte[] json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || root.path("format").asInt(-1) != FORMAT || !root.path("outputs").isObject()) {
                return empty();
            }
            Map<String, String> fps = new TreeMap<>();
            root.path("outputs").fields().forEachRemaining(e -> fps.put(e.getKey(), e.getValue().asText()));
            return new Manifest(root.path("imprint").asText(null), root.path("salt").asText(null), fps);
        } catch (IOException | RuntimeException e) {
            return empty();
        }
    }
}
