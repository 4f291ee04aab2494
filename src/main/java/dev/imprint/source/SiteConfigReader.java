package dev.imprint.source;

import java.nio.file.FileSystems;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Parses {@code imprint.yml}. A file that is not valid YAML, or has values of the wrong kind, stops the build. */
public final class SiteConfigReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KNOWN = Set.of("title", "author", "description", "base_url", "language",
            "timezone", "content_dir", "exclude", "raw_html", "home_notes", "publish", "params", "templates", "links",
            "pagination");

    private SiteConfigReader() {
    }

    public static SiteConfig parse(String text, List<String> warnings) throws SourceException {
        Map<String, Object> map;
        try {
            Object parsed = text.isBlank() ? Map.of() : YAML.readValue(text, Object.class);
            if (parsed == null) {
                parsed = Map.of();
            }
            if (!(parsed instanceof Map)) {
                throw new SourceException(SiteConfig.FILE + ": expected a mapping of settings at the top level");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) parsed;
            map = m;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new SourceException(SiteConfig.FILE + (loc == null ? "" : ":" + loc.getLineNr()) + ": not valid YAML: "
                    + e.getOriginalMessage());
        }
        for (String key : new TreeMap<>(map).keySet()) {
            if (!KNOWN.contains(key)) {
                warnings.add("unknown setting '" + key + "' ignored (known: " + String.join(", ", new TreeSet<>(KNOWN)) + ")");
            }
        }
        SiteConfig d = SiteConfig.defaults();
        Map<String, Object> publish = mapping(map, "publish");
        checkGlobs(text, "exclude", strings(map, "exclude"));
        checkGlobs(text, "publish.keep", strings(publish, "keep"));
        Map<String, Object> params = mapping(map, "params");
        Map<String, Object> templates = mapping(map, "templates");
        Map<String, Object> links = mapping(map, "links");
        Map<String, Object> pagination = mapping(map, "pagination");
        return new SiteConfig(
                string(map, "title", d.title()),
                string(map, "author", d.author()),
                string(map, "description", d.description()),
                string(map, "base_url", d.baseUrl()),
                string(map, "language", d.language()),
                zone(string(map, "timezone", "UTC")),
                normalizeDir(string(map, "content_dir", null)),
                strings(map, "exclude"),
                rawHtml(string(map, "raw_html", "sanitize")),
                integer(map, "home_notes", d.homeNotes()),
                string(publish, "author_name", d.publishAuthorName()),
                string(publish, "author_email", d.publishAuthorEmail()),
                strings(publish, "keep"),
                params,
                positive(templates, "templates.max_render_ms", integer(templates, "max_render_ms", d.maxRenderMs())),
                schemes(text, strings(links, "allowed_schemes")),
                pageSize(pagination.get("page_size"), d.pageSize()), null);
    }

    /**
     * A glob that does not compile stops the build rather than being ignored: an ignored {@code exclude} would
     * publish the very notes it was written to keep private, an ignored {@code publish.keep} delete what it keeps.
     */
    private static void checkGlobs(String text, String key, List<String> globs) throws SourceException {
        for (String glob : globs) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (PatternSyntaxException e) {
                String why = e.getDescription();
                if (why.matches("Missing '.")) {
                    why += "'"; // the JDK leaves the quote open
                }
                throw new SourceException(SiteConfig.FILE + lineOf(text, glob) + ": " + key + ": '" + glob
                        + "' is not a valid glob (" + why + "); nothing is built, so that no file it was meant to "
                        + (key.equals("exclude") ? "exclude is published" : "keep is removed"));
            }
        }
    }

    /**
     * {@code links.allowed_schemes}: URL schemes links may use besides http, https and mailto (an app's own, like
     * {@code obsidian} or {@code zotero}), lower-cased and sorted. A name that is no scheme, or one that runs script,
     * stops the build: a typo would silently turn every such link into text.
     */
    private static Set<String> schemes(String text, List<String> names) throws SourceException {
        Set<String> out = new TreeSet<>();
        for (String name : names) {
            String scheme = name.strip().toLowerCase(Locale.ROOT);
            String where = SiteConfig.FILE + lineOf(text, name) + ": links.allowed_schemes: '" + name + "' ";
            if (!SCHEME.matcher(scheme).matches()) {
                throw new SourceException(where + "is not a URL scheme (write it without ':', e.g. obsidian or zotero)");
            }
            if (SiteConfig.NEVER_ALLOWED_SCHEMES.contains(scheme)) {
                throw new SourceException(where + "can never be allowed: it runs script or carries a whole document");
            }
            out.add(scheme);
        }
        return Collections.unmodifiableSet(out);
    }

    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

    /** ":N" for the first line holding {@code value}, or "" when no line holds it as written (quoted with escapes). */
    private static String lineOf(String text, String value) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(value)) {
                return ":" + (i + 1);
            }
        }
        return "";
    }

    private static String normalizeDir(String dir) throws SourceException {
        if (dir == null) {
            return null;
        }
        String d = dir.replace('\\', '/').replaceAll("^\\./", "").replaceAll("^/+|/+$", "");
        if (d.equals(".") || d.isEmpty()) {
            return "";
        }
        for (String segment : d.split("/")) {
            if (segment.equals("..")) {
                throw new SourceException(SiteConfig.FILE + ": content_dir must stay inside the repository: " + dir);
            }
        }
        return d;
    }

    private static boolean rawHtml(String value) throws SourceException {
        return switch (value) {
            case "allow" -> true;
            case "sanitize" -> false;
            default -> throw new SourceException(SiteConfig.FILE + ": raw_html must be 'sanitize' or 'allow', not '" + value + "'");
        };
    }

    private static ZoneId zone(String id) throws SourceException {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new SourceException(SiteConfig.FILE + ": unknown timezone '" + id + "' (use e.g. UTC or Europe/Berlin)");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Map<String, Object> map, String key) throws SourceException {
        Object v = map.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw new SourceException(SiteConfig.FILE + ": '" + key + "' must be a mapping");
        }
        return new LinkedHashMap<>((Map<String, Object>) v);
    }

    private static String string(Map<String, Object> map, String key, String fallback) throws SourceException {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Map || v instanceof List) {
            throw new SourceException(SiteConfig.FILE + ": '" + key + "' must be a single value");
        }
        return v.toString();
    }

    private static int integer(Map<String, Object> map, String key, int fallback) throws SourceException {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new SourceException(SiteConfig.FILE + ": '" + key + "' must be a whole number, not '" + v + "'");
        }
    }

    private static int positive(Map<String, Object> map, String key, int value) throws SourceException {
        if (value < 1) {
            throw new SourceException(SiteConfig.FILE + ": '" + key + "' must be at least 1, not " + value);
        }
        return value;
    }

    /** {@code pagination.page_size}: a whole number of notes, at least 1 (2.5, "ten" or 0 stop the build). */
    private static int pageSize(Object v, int fallback) throws SourceException {
        if (v == null) {
            return fallback;
        }
        String text = v.toString().trim();
        if (!(v instanceof Number || v instanceof String) || !text.matches("[0-9]{1,9}") || Integer.parseInt(text) < 1) {
            throw new SourceException(SiteConfig.FILE + ": 'pagination.page_size' must be a whole number of at least 1, "
                    + "not '" + v + "'");
        }
        return Integer.parseInt(text);
    }

    private static List<String> strings(Map<String, Object> map, String key) {
        Object v = map.get(key);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            list.forEach(x -> out.add(String.valueOf(x)));
        } else if (v != null) {
            out.add(v.toString());
        }
        return List.copyOf(out);
    }
}
