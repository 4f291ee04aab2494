package dev.imprint.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A note split into its YAML front matter and its Markdown body.
 *
 * @param fields the front matter keys, in file order (empty when there is none or it is broken)
 * @param body the Markdown after the front matter
 * @param bodyLine the 1-based line of the source where {@code body} starts (so messages can point at lines)
 * @param error a description of a malformed front matter block, or null
 */
public record FrontMatter(Map<String, Object> fields, String body, int bodyLine, String error) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static FrontMatter parse(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (!(s.startsWith("---\n") || s.startsWith("---\r\n"))) {
            return new FrontMatter(Map.of(), s, 1, null);
        }
        int start = s.indexOf('\n') + 1;
        int line = 2;
        int pos = start;
        while (pos <= s.length()) {
            int end = s.indexOf('\n', pos);
            String current = (end < 0 ? s.substring(pos) : s.substring(pos, end)).stripTrailing();
            if (current.equals("---") || current.equals("...")) {
                String yaml = s.substring(start, pos);
                String body = end < 0 ? "" : s.substring(end + 1);
                return parseYaml(yaml, body, line + 1);
            }
            if (end < 0) {
                break;
            }
            pos = end + 1;
            line++;
        }
        return new FrontMatter(Map.of(), s, 1, "front matter starts with '---' but has no closing '---' line");
    }

    @SuppressWarnings("unchecked")
    private static FrontMatter parseYaml(String yaml, String body, int bodyLine) {
        if (yaml.isBlank()) {
            return new FrontMatter(Map.of(), body, bodyLine, null);
        }
        try {
            Object value = YAML.readValue(yaml, Object.class);
            if (value == null) {
                return new FrontMatter(Map.of(), body, bodyLine, null);
            }
            if (!(value instanceof Map)) {
                return new FrontMatter(Map.of(), body, bodyLine, "front matter must be a mapping of keys to values");
            }
            return new FrontMatter(new LinkedHashMap<>((Map<String, Object>) value), body, bodyLine, null);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " (line " + (loc.getLineNr() + 1) + ")";
            return new FrontMatter(Map.of(), body, bodyLine, "malformed front matter" + where + ": " + e.getOriginalMessage());
        }
    }

    public String string(String key) {
        Object v = fields.get(key);
        if (v == null || v instanceof Map || v instanceof List) {
            return null;
        }
        String s = v.toString().trim();
        return s.isEmpty() ? null : s;
    }

    /** A list value, or a comma-separated string, as trimmed non-empty strings. */
    public List<String> list(String key) {
        Object v = fields.get(key);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o != null && !o.toString().isBlank()) {
                    out.add(o.toString().trim());
                }
            }
        } else if (v != null) {
            for (String part : v.toString().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }
}
