package dev.imprint.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Hugo shortcode tag, {@code {{< name args >}}} or {@code {{% name args %}}}, or the escape
 * <code>{{&lt;/* name args *&#47;&gt;}}</code>.
 *
 * @param start      offset of its "{{"
 * @param end        offset just past its "}}"
 * @param delimiter  '<' or '%'
 * @param escaped    the escape form; {@code inner} is what goes between the delimiters, the rest is unset
 * @param closing    {@code {{< /name >}}}
 * @param positional unnamed arguments, unquoted
 * @param named      {@code key=value} arguments, unquoted
 */
record ShortcodeTag(int start, int end, char delimiter, boolean escaped, String inner, String name, boolean closing,
                    List<String> positional, Map<String, String> named) {

    /**
     * The tag whose "{{" is at {@code at}, or null if there is none (then the text stays text). A tag never contains
     * "{{": the scan stops at the next one, where the caller's next attempt starts, so every character is read by
     * one attempt (and "{{{" by two) however hostile the text.
     */
    static ShortcodeTag at(String text, int at, int limit) {
        if (at + 2 >= limit || text.charAt(at + 2) != '<' && text.charAt(at + 2) != '%') {
            return null;
        }
        char d = text.charAt(at + 2);
        int from = skipSpace(text, at + 3, limit);
        return text.startsWith("/*", from) ? escape(text, at, from + 2, d, limit) : tag(text, at, d, limit);
    }

    private static ShortcodeTag escape(String text, int at, int from, char d, int limit) {
        for (int p = from; p + 1 < limit; p++) {
            if (text.charAt(p) == '{' && text.charAt(p + 1) == '{') {
                return null;
            }
            if (text.charAt(p) == '*' && text.charAt(p + 1) == '/') {
                int q = skipSpace(text, p + 2, limit);
                if (closes(text, q, d, limit)) {
                    return new ShortcodeTag(at, q + 3, d, true, text.substring(from, p), null, false, List.of(),
                            Map.of());
                }
            }
        }
        return null;
    }

    private static ShortcodeTag tag(String text, int at, char d, int limit) {
        char quote = 0;
        for (int p = at + 3; p < limit; p++) {
            char c = text.charAt(p);
            if (c == '{' && p + 1 < limit && text.charAt(p + 1) == '{') {
                return null;
            }
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    p++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (closes(text, p, d, limit)) {
                return parse(text.substring(at + 3, p), at, p + 3, d);
            }
        }
        return null;
    }

    private static boolean closes(String text, int p, char d, int limit) {
        return p + 2 < limit && text.charAt(p) == closer(d) && text.charAt(p + 1) == '}' && text.charAt(p + 2) == '}';
    }

    /** '>' for '<', '%' for '%'. */
    static char closer(char delimiter) {
        return delimiter == '<' ? '>' : '%';
    }

    /** The name and arguments between the delimiters; null if there is no name. */
    private static ShortcodeTag parse(String body, int start, int end, char d) {
        String b = body.endsWith("/") ? body.substring(0, body.length() - 1) : body; // self-closing {{< name />}}
        b = b.strip();
        boolean closing = b.startsWith("/");
        if (closing) {
            b = b.substring(1).strip();
        }
        int i = 0;
        while (i < b.length() && isNameChar(b.charAt(i))) {
            i++;
        }
        if (i == 0 || i < b.length() && !Character.isWhitespace(b.charAt(i))) {
            return null;
        }
        String name = b.substring(0, i);
        List<String> positional = new ArrayList<>();
        Map<String, String> named = new LinkedHashMap<>();
        int[] pos = {i};
        while (true) {
            pos[0] = skipSpace(b, pos[0], b.length());
            if (pos[0] >= b.length()) {
                break;
            }
            boolean bare = b.charAt(pos[0]) != '"' && b.charAt(pos[0]) != '`';
            String value = token(b, pos, true);
            if (bare && pos[0] < b.length() && b.charAt(pos[0]) == '=') {
                pos[0]++;
                named.put(value, token(b, pos, false));
            } else {
                positional.add(value);
            }
        }
        return new ShortcodeTag(start, end, d, false, null, name, closing, List.copyOf(positional), Map.copyOf(named));
    }

    /** A quoted ("…" with \-escapes, or `…`) or bare argument at {@code pos[0]}; moves pos past it. */
    private static String token(String b, int[] pos, boolean key) {
        int p = pos[0];
        StringBuilder out = new StringBuilder();
        if (p < b.length() && (b.charAt(p) == '"' || b.charAt(p) == '`')) {
            char q = b.charAt(p++);
            while (p < b.length() && b.charAt(p) != q) {
                if (q == '"' && b.charAt(p) == '\\' && p + 1 < b.length()) {
                    p++;
                }
                out.append(b.charAt(p++));
            }
            pos[0] = p + 1;
            return out.toString();
        }
        while (p < b.length() && !Character.isWhitespace(b.charAt(p)) && !(key && b.charAt(p) == '=')) {
            out.append(b.charAt(p++));
        }
        pos[0] = p;
        return out.toString();
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/';
    }

    private static int skipSpace(String s, int p, int limit) {
        while (p < limit && Character.isWhitespace(s.charAt(p))) {
            p++;
        }
        return p;
    }

    /** The named argument {@code key}, else positional argument {@code index}, else null. */
    String arg(String key, int index) {
        String v = named.get(key);
        return v != null ? v : index < positional.size() ? positional.get(index) : null;
    }

    /** How problems name it: {@code {{< kbd >}}}, whatever its arguments. */
    String label() {
        return "{{" + delimiter + " " + name + " " + closer(delimiter) + "}}";
    }
}
