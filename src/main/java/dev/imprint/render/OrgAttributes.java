package dev.imprint.render;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML attributes {@code #+name:} and {@code #+attr_html:} give the element that follows them. Only
 * presentational attributes pass: no event handlers, no {@code src}/{@code href} (destinations go through the
 * LinkResolver), no style that loads anything.
 */
final class OrgAttributes {
    /** {@code :key value}: a key is a colon at the start or after whitespace. */
    private static final Pattern KEY = Pattern.compile("(?:^|\\s):([A-Za-z][\\w-]*)");
    private static final Set<String> ALLOWED = Set.of("id", "class", "alt", "title", "width", "height", "style",
            "align", "lang", "dir", "role", "loading", "start", "reversed", "border", "cellpadding", "cellspacing");
    private static final Pattern UNSAFE_STYLE = Pattern.compile("(?i)url\\s*\\(|expression\\s*\\(|javascript:|@import|\\\\");
    private static final Pattern FIRST_TAG = Pattern.compile("<(?!figure\\b)([a-zA-Z][\\w-]*)((?:\\s+[\\w-]+=\"[^\"]*\")*)\\s*(/?)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");

    private final Map<String, String> values = new LinkedHashMap<>();

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code #+name: foo}: the element's id, as Org's own HTML export gives it (an attr_html {@code :id} wins). */
    void name(String name) {
        if (!name.isBlank()) {
            values.putIfAbsent("id", name.strip());
        }
    }

    /** One {@code #+attr_html:} line; classes and styles add up over several lines, other keys are replaced. */
    void attrHtml(String line) {
        Matcher m = KEY.matcher(line);
        String key = null;
        int valueStart = 0;
        while (m.find()) {
            if (key != null) {
                put(key, line.substring(valueStart, m.start()));
            }
            key = m.group(1).toLowerCase(Locale.ROOT);
            valueStart = m.end();
        }
        if (key != null) {
            put(key, line.substring(valueStart));
        }
    }

    private void put(String key, String raw) {
        String value = raw.strip();
        // data-* stays out: scripts on the page may read it as instructions
        if (!ALLOWED.contains(key) && !key.startsWith("aria-") || key.equals("style") && UNSAFE_STYLE.matcher(value).find()) {
            return;
        }
        if ((key.equals("class") || key.equals("style")) && values.containsKey(key)) {
            value = values.get(key) + " " + value;
        } else if (key.equals("id")) {
            values.remove("id"); // the last :id names the element
        }
        values.put(key, value);
    }

    /** {@code html} with these attributes on its first element other than a {@code figure}; a class is added to. */
    String applyTo(String html) {
        if (values.isEmpty()) {
            return html;
        }
        Matcher tag = FIRST_TAG.matcher(html);
        if (!tag.find()) {
            return html;
        }
        Map<String, String> merged = new LinkedHashMap<>();
        Matcher a = ATTRIBUTE.matcher(tag.group(2));
        while (a.find()) {
            merged.put(a.group(1), a.group(2)); // already escaped
        }
        values.forEach((k, v) -> merged.merge(k, OrgInline.escape(v),
                (old, added) -> k.equals("class") || k.equals("style") ? old + " " + added : added));
        StringBuilder open = new StringBuilder("<").append(tag.group(1));
        merged.forEach((k, v) -> open.append(' ').append(k).append("=\"").append(v).append('"'));
        open.append(tag.group(3).isEmpty() ? ">" : " />");
        return html.substring(0, tag.start()) + open + html.substring(tag.end());
    }
}
