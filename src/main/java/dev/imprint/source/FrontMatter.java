package dev.imprint.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A note split into its front matter and its Markdown body: YAML between {@code ---} lines, TOML between
 * {@code +++} lines or a JSON object opening the file (Hugo's other kinds).
 *
 * @param fields the front matter keys, in file order (empty when there is none or it is broken)
 * @param body the Markdown after the front matter
 * @param bodyLine the 1-based line of the source where {@code body} starts (so messages can point at lines)
 * @param error a description of a malformed front matter block, or null
 */
public record FrontMatter(Map<String, Object> fields, String body, int bodyLine, String error) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper TOML = new TomlMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JSON_START = Pattern.compile("\\{\\s*[\"}]");

    public static FrontMatter parse(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (s.startsWith("+++\n") || s.startsWith("+++\r\n")) {
            return toml(s);
        }
        if (JSON_START.matcher(s).lookingAt()) {
            return json(s);
        }
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

    /** Hugo's TOML front matter, between {@code +++} lines. */
    @SuppressWarnings("unchecked")
    private static FrontMatter toml(String s) {
        int start = s.indexOf('\n') + 1;
        int line = 2;
        for (int pos = start; pos <= s.length(); line++) {
            int end = s.indexOf('\n', pos);
            String current = (end < 0 ? s.substring(pos) : s.substring(pos, end)).stripTrailing();
            if (current.equals("+++")) {
                String body = end < 0 ? "" : s.substring(end + 1);
                try {
                    Map<String, Object> fields = TOML.readValue(s.substring(start, pos), Map.class);
                    return new FrontMatter(new LinkedHashMap<>(fields), body, line + 1, null);
                } catch (JsonProcessingException e) {
                    var loc = e.getLocation();
                    String where = loc == null ? "" : " (line " + (loc.getLineNr() + 1) + ")";
                    return new FrontMatter(Map.of(), body, line + 1, "malformed TOML front matter" + where + ": "
                            + e.getOriginalMessage());
                }
            }
            if (end < 0) {
                break;
            }
            pos = end + 1;
        }
        return new FrontMatter(Map.of(), s, 1, "front matter starts with '+++' but has no closing '+++' line");
    }

    /**
     * Hugo's JSON front matter: an object opening the file, the body after it. Only a '{' followed by a key or '}'
     * counts, so a note opening with a template-like {@code {{...}}} stays Markdown.
     */
    @SuppressWarnings("unchecked")
    private static FrontMatter json(String s) {
        try (JsonParser parser = JSON.createParser(s)) {
            Map<String, Object> fields = parser.readValueAs(Map.class);
            int end = (int) parser.currentLocation().getCharOffset();
            int newline = s.indexOf('\n', end);
            String rest = newline < 0 ? "" : s.substring(end, newline);
            int bodyStart = newline >= 0 && rest.isBlank() ? newline + 1 : end;
            int line = 1;
            for (int i = 0; i < bodyStart; i++) {
                line += s.charAt(i) == '\n' ? 1 : 0;
            }
            return new FrontMatter(new LinkedHashMap<>(fields), s.substring(bodyStart), line, null);
        } catch (IOException e) {
            String where = e instanceof JsonProcessingException j && j.getLocation() != null
                    ? " (line " + j.getLocation().getLineNr() + ")" : "";
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return new FrontMatter(Map.of(), s, 1, "malformed JSON front matter" + where + ": " + why);
        }
    }

    @SuppressWarnings("unchecked")
    private static FrontMatter parseYaml(String yaml, String body, int bodyLine) {
        if (yaml.isBlank()) {
            return new FrontMatter(Map.of(), body, bodyLine, null);
        }
        Map<String, Object> simple = simple(yaml);
        if (simple != null) {
            return new FrontMatter(simple, body, bodyLine, null);
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

    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9 _./-]*");
    private static final Pattern LINE_WORDS = Pattern.compile("[A-Za-z][A-Za-z0-9 ,_./-]*");
    private static final Pattern DATE =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}Z)?");
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    /** Plain words YAML 1.1 reads as a boolean or null, not as a string. */
    private static final Set<String> NOT_STRINGS =
            Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null");

    /**
     * The front matter almost every note has, read without a YAML parser (parsing YAML was 5 % of a full build):
     * one {@code key: value} per line, a value being a double-quoted string without escapes, a date, a few plain
     * words, {@code true} / {@code false}, a flow list {@code [a, b]} of plain words, or nothing and a block list
     * ({@code - a}) of plain words below. Anything else (comments, blank lines, numbers, other quoting, nesting,
     * a repeated key...) returns null and goes to the YAML parser; whatever this accepts, it reads exactly as
     * the YAML parser does (FrontMatterTest checks this).
     */
    static Map<String, Object> simple(String yaml) {
        if (yaml.indexOf('\r') >= 0 || yaml.indexOf('\t') >= 0) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        String[] lines = yaml.split("\n", -1);
        List<Object> list = null; // the block list being read, if any
        String itemPrefix = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                break; // the newline ending the last line
            }
            if (line.isEmpty() || line.endsWith(" ")) {
                return null;
            }
            if (list != null && (itemPrefix == null ? line.startsWith("- ") || line.startsWith("  - ") : line.startsWith(itemPrefix))) {
                if (itemPrefix == null) {
                    itemPrefix = line.startsWith("- ") ? "- " : "  - ";
                }
                String item = line.substring(itemPrefix.length());
                if (!isWord(item, WORD)) {
                    return null;
                }
                list.add(item);
                continue;
            }
            if (list != null && list.isEmpty()) {
                return null; // "key:" with nothing below is null: leave it to the parser
            }
            list = null;
            itemPrefix = null;
            int colon = line.indexOf(':');
            if (colon <= 0 || !KEY.matcher(line.substring(0, colon)).matches()) {
                return null;
            }
            String key = line.substring(0, colon);
            if (out.containsKey(key) || NOT_STRINGS.contains(key.toLowerCase(Locale.ROOT))) {
                return null;
            }
            if (colon == line.length() - 1) {
                list = new ArrayList<>();
                out.put(key, list);
                continue;
            }
            if (line.charAt(colon + 1) != ' ' || line.charAt(colon + 2) == ' ') {
                return null;
            }
            Object value = value(line.substring(colon + 2));
            if (value == null) {
                return null;
            }
            out.put(key, value);
        }
        if (list != null && list.isEmpty()) {
            return null;
        }
        return out;
    }

    private static Object value(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            String inner = v.substring(1, v.length() - 1);
            return inner.indexOf('"') < 0 && inner.indexOf('\\') < 0 && plain(inner) ? inner : null;
        }
        if (v.length() > 2 && v.startsWith("[") && v.endsWith("]")) {
            List<Object> items = new ArrayList<>();
            for (String part : v.substring(1, v.length() - 1).split(",", -1)) {
                String item = part.strip();
                if (!isWord(item, WORD)) {
                    return null;
                }
                items.add(item);
            }
            return items;
        }
        if (DATE.matcher(v).matches() || isWord(v, LINE_WORDS)) {
            return v;
        }
        return null;
    }

    /** No character YAML refuses, folds as a line break or treats as a byte order mark. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c >= '\ufeff'
                    && (c == '\ufeff' || c >= '\ufffe')) {
                return false;
            }
        }
        return true;
    }

    /** Plain words that YAML reads as this very string: no trailing or doubled-up specials, not a boolean or null. */
    private static boolean isWord(String s, Pattern words) {
        return !s.isEmpty() && !s.endsWith(" ") && words.matcher(s).matches()
                && !NOT_STRINGS.contains(s.toLowerCase(Locale.ROOT));
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
