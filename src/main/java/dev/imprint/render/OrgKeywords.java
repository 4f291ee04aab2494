package dev.imprint.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.imprint.source.FrontMatter;

/** An Org note's {@code #+key: value} lines read as the front matter a Markdown note would have. */
final class OrgKeywords {
    /** {@code <2024-07-24 Wed 06:15>} or {@code [2023-01-01 Sun 17:57]}: Org's active and inactive timestamps. */
    private static final Pattern TIMESTAMP =
            Pattern.compile("[<\\[](\\d{4}-\\d{2}-\\d{2})(?: +[^\\s\\d>\\]]+)?(?: +(\\d{1,2}):(\\d{2}))?[^>\\]]*[>\\]]");

    private static final Pattern TOC = Pattern.compile("(?:^|\\s)toc:(\\S+)");

    private OrgKeywords() {}

    /** @param keywords the keys (lower-cased) and values in file order; a repeated key keeps its last value */
    static FrontMatter of(Map<String, String> keywords) {
        Map<String, Object> fields = new LinkedHashMap<>();
        keywords.forEach((key, value) -> {
            switch (key) {
                case "date", "lastmod" -> fields.put(key, date(value));
                // Hugo's "[]" suffix: a whitespace-separated list
                case "tags[]", "aliases[]", "categories[]", "keywords[]" ->
                        fields.put(key.substring(0, key.length() - 2), words(value));
                case "filetags" -> fields.put("tags", filetags(value));
                case "draft" -> fields.put(key, !value.isBlank() && !value.strip().equalsIgnoreCase("false")
                        && !value.strip().equalsIgnoreCase("nil"));
                case "options" -> {
                    fields.put(key, value);
                    toc(value).ifPresent(toc -> fields.put("toc", toc));
                }
                default -> fields.put(key, value);
            }
        });
        return new FrontMatter(fields, "", 1, null);
    }

    /**
     * {@code toc:nil} as {@code toc: false} and {@code toc:2} as {@code toc: 2} in the front matter, for the page to
     * leave out its Contents or limit their depth as go-org's table of contents is.
     */
    private static Optional<Object> toc(String options) {
        Matcher m = TOC.matcher(options);
        if (!m.find()) {
            return Optional.empty();
        }
        String v = m.group(1);
        return Optional.of(v.equals("nil") ? false : v.equals("t") ? true : v.matches("\\d+") ? Integer.parseInt(v) : v);
    }

    /** An ISO date as is; an Org timestamp as an ISO date, with its time when it has one. */
    static String date(String value) {
        Matcher m = TIMESTAMP.matcher(value.strip());
        if (!m.matches()) {
            return value.strip();
        }
        if (m.group(2) == null) {
            return m.group(1);
        }
        return String.format(Locale.ROOT, "%sT%02d:%s:00", m.group(1), Integer.parseInt(m.group(2)), m.group(3));
    }

    private static List<String> words(String value) {
        List<String> out = new ArrayList<>();
        for (String w : value.strip().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** {@code :a:b:} (Org's own spelling) or plain words. */
    private static List<String> filetags(String value) {
        List<String> out = new ArrayList<>();
        for (String w : value.strip().split("[:\\s]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
