package dev.imprint.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A Hugo site's config, read as Imprint's {@link SiteConfig} when the repository has no {@code imprint.yml}: what
 * Imprint understands is taken over, and what it does not is named once, in one warning, so a Hugo site builds as it
 * is and its author knows what was left out. Hugo spells keys in any case ({@code baseURL}, {@code baseurl}).
 */
public final class HugoConfig {
    /** Where Hugo looks for its config, in its order. */
    public static final List<String> FILES = List.of("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml",
            "config.yaml", "config.yml", "config.json", "config/_default/hugo.toml", "config/_default/hugo.yaml",
            "config/_default/hugo.json", "config/_default/config.toml", "config/_default/config.yaml",
            "config/_default/config.json");
    /** The keys read (lower-cased); every other top-level key is reported as ignored. */
    private static final Set<String> READ = Set.of("title", "baseurl", "languagecode", "params", "author", "contentdir",
            "builddrafts", "buildfuture", "buildexpired", "frontmatter", "staticdir", "ignorefiles", "taxonomies",
            "disablepathtolower", "enablegitinfo", "pagination", "paginate");

    private static final ObjectMapper TOML = new TomlMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private HugoConfig() {
    }

    /**
     * The config in {@code text}, read from the file at {@code path} (its extension says the format).
     *
     * @param warnings gets one line naming the settings not taken over, when there are any
     */
    public static SiteConfig parse(String path, String text, List<String> warnings) throws SourceException {
        Map<String, Object> map = lowerKeys(read(path, text));
        SiteConfig d = SiteConfig.defaults();
        Map<String, Object> params = mapping(map.get("params"));
        Map<String, Object> author = mapping(map.get("author"));
        String authorName = first(string(params.get("author")), string(params.get("author_name")),
                string(author.get("name")), string(map.get("author")));
        String description = first(string(params.get("description")), string(map.get("description")));
        String contentDir = string(map.get("contentdir"));
        List<String> ignored = new ArrayList<>();
        for (String key : new TreeSet<>(map.keySet())) {
            if (!READ.contains(key) && !(key.equals("description") && description != null)) {
                ignored.add(key);
            }
        }
        List<String> notes = new ArrayList<>();
        if (!ignored.isEmpty()) {
            notes.add("its " + String.join(", ", ignored) + (ignored.size() == 1 ? " is" : " are")
                    + " not used by Imprint (nor are Hugo's templates and themes; the built-in theme or templates/ is)");
        }
        List<String> taxonomies = otherTaxonomies(mapping(map.get("taxonomies")));
        if (!taxonomies.isEmpty()) {
            notes.add("taxonomies " + String.join(", ", taxonomies) + (taxonomies.size() == 1 ? " is" : " are")
                    + " not supported; only tags");
        }
        if (!notes.isEmpty()) {
            warnings.add("a Hugo config: " + String.join("; ", notes));
        }
        return new SiteConfig(first(string(map.get("title")), d.title()), authorName, description,
                string(map.get("baseurl")), first(language(string(map.get("languagecode"))), d.language()),
                d.timezone(), contentDir == null ? null : trimSlashes(contentDir), d.exclude(),
                d.rawHtml(), d.homeNotes(), d.publishAuthorName(), d.publishAuthorEmail(), d.keep(), params,
                d.maxRenderMs(), d.allowedSchemes(), pagerSize(path, map, warnings), hugo(path, map, warnings));
    }

    /**
     * Hugo's {@code pagination.pagerSize}, or the older {@code paginate} (Hugo ≤ 0.127); Imprint's default when neither
     * is set. A value that is no whole number ≥ 1 is named in a warning and the default used, as Hugo configs go.
     */
    private static int pagerSize(String path, Map<String, Object> map, List<String> warnings) {
        Object value = lowerKeys(mapping(map.get("pagination"))).get("pagersize");
        String key = "pagination.pagerSize";
        if (value == null) {
            value = map.get("paginate");
            key = "paginate";
        }
        if (value == null) {
            return SiteConfig.DEFAULT_PAGE_SIZE;
        }
        String text = value.toString().trim();
        if (text.matches("[0-9]{1,9}") && Integer.parseInt(text) >= 1) {
            return Integer.parseInt(text);
        }
        warnings.add(key + " '" + value + "' in " + path + " is not a whole number of at least 1; "
                + SiteConfig.DEFAULT_PAGE_SIZE + " notes a page are shown");
        return SiteConfig.DEFAULT_PAGE_SIZE;
    }

    /** The settings only Hugo sites have. */
    private static Hugo hugo(String path, Map<String, Object> map, List<String> warnings) {
        List<String> staticDirs = new ArrayList<>();
        for (String dir : strings(map.getOrDefault("staticdir", "static"))) {
            staticDirs.add(trimSlashes(dir));
        }
        List<Pattern> ignore = new ArrayList<>();
        for (String regex : strings(map.get("ignorefiles"))) {
            try {
                ignore.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                warnings.add("ignoreFiles '" + regex + "' in " + path + " is not a regular expression ("
                        + e.getDescription() + "); skipped");
            }
        }
        return new Hugo(bool(map.get("builddrafts")), bool(map.get("buildfuture")), bool(map.get("buildexpired")),
                dates(mapping(map.get("frontmatter")), bool(map.get("enablegitinfo"))), staticDirs, ignore,
                !bool(map.get("disablepathtolower")));
    }

    /** Hugo's {@code frontmatter} section over its defaults; {@code :default} in a list stands for Hugo's list. */
    private static Map<String, List<String>> dates(Map<String, Object> config, boolean gitInfo) {
        Map<String, List<String>> defaults = Hugo.defaultDates(gitInfo);
        Map<String, List<String>> out = new LinkedHashMap<>(defaults);
        lowerKeys(config).forEach((field, value) -> {
            if (!defaults.containsKey(field)) {
                return;
            }
            List<String> keys = new ArrayList<>();
            for (String key : strings(value)) {
                String k = key.toLowerCase(Locale.ROOT);
                if (k.equals(":default")) {
                    keys.addAll(defaults.get(field));
                } else {
                    keys.add(k);
                }
            }
            out.put(field, keys);
        });
        return out;
    }

    /** The front matter keys of the configured taxonomies other than tags (Hugo maps singular → plural). */
    private static List<String> otherTaxonomies(Map<String, Object> taxonomies) {
        List<String> out = new ArrayList<>();
        taxonomies.forEach((singular, plural) -> {
            String name = plural == null ? singular : plural.toString();
            if (!name.equalsIgnoreCase("tags")) {
                out.add(name);
            }
        });
        return out;
    }

    private static String trimSlashes(String dir) {
        return dir.replaceAll("^/+|/+$", "");
    }

    private static boolean bool(Object value) {
        return Boolean.TRUE.equals(value) || value != null && value.toString().trim().equalsIgnoreCase("true");
    }

    /** A string, or a list of strings, as a list. */
    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> {
                if (v != null && !v.toString().isBlank()) {
                    out.add(v.toString().trim());
                }
            });
        } else if (value != null && !value.toString().isBlank()) {
            out.add(value.toString().trim());
        }
        return out;
    }

    private static Map<String, Object> read(String path, String text) throws SourceException {
        ObjectMapper mapper = path.endsWith(".toml") ? TOML : path.endsWith(".json") ? JSON : YAML;
        try {
            Object parsed = text.isBlank() ? Map.of() : mapper.readValue(text, Object.class);
            return mapping(parsed == null ? Map.of() : parsed);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new SourceException(path + (loc == null ? "" : ":" + loc.getLineNr()) + ": not a valid Hugo config: "
                    + e.getOriginalMessage());
        }
    }

    /** Hugo's {@code languageCode} is a tag like {@code en-us}; pages want {@code en-US}. */
    private static String language(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String[] parts = code.replace('_', '-').split("-", 2);
        return parts.length == 1 ? parts[0].toLowerCase(Locale.ROOT)
                : parts[0].toLowerCase(Locale.ROOT) + "-" + parts[1].toUpperCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Map<String, Object> lowerKeys(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    private static String string(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
