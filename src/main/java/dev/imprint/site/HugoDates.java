package dev.imprint.site;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.imprint.source.Dates;
import dev.imprint.source.FileHistory;
import dev.imprint.source.FrontMatter;
import dev.imprint.source.Hugo;
import dev.imprint.source.SourceFile;
import dev.imprint.source.Warning;

/**
 * A Hugo page's dates, each read from the first of its config's {@code frontmatter} keys that has one (keys
 * compared lower-cased). {@code :git} is the file's first commit for date and publishDate, its last for the others;
 * {@code :fileModTime} is its last commit too, as files in Git have no modification time.
 *
 * @param publishDate the publishDate keys' date, else {@code date} (as Hugo falls back)
 * @param slug what {@code :filename} leaves of a dated file or bundle name ({@code 2024-01-02-trip} → trip), or null
 */
record HugoDates(ZonedDateTime date, ZonedDateTime lastmod, ZonedDateTime publishDate, ZonedDateTime expiryDate,
                 String slug) {
    private static final Pattern DATED_NAME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})(.*)$");

    static HugoDates read(Hugo hugo, SourceFile file, FrontMatter fm, FileHistory facts, ZoneId zone,
                          List<Warning> warnings) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fm.fields().forEach((k, v) -> fields.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
        Matcher dated = DATED_NAME.matcher(name(file.contentPath()));
        ZonedDateTime fromName = dated.matches() ? Dates.parse(dated.group(1), zone) : null;
        Reader r = new Reader(file, fields, facts, zone, fromName, warnings);
        ZonedDateTime date = r.first(hugo.dates(Hugo.DATE), true);
        ZonedDateTime lastmod = r.first(hugo.dates(Hugo.LASTMOD), false);
        ZonedDateTime publish = r.first(hugo.dates(Hugo.PUBLISH_DATE), true);
        ZonedDateTime expiry = r.first(hugo.dates(Hugo.EXPIRY_DATE), false);
        String slug = null;
        if (r.usedName && fm.string("slug") == null) {
            String rest = dated.group(2).replaceAll("^[-_ ]+|[-_ ]+$", "");
            slug = rest.isEmpty() ? null : rest;
        }
        return new HugoDates(date, lastmod, publish != null ? publish : date, expiry, slug);
    }

    /** The file's name without its extension; a bundle's index takes its folder's. */
    private static String name(String contentPath) {
        String[] segments = contentPath.split("/");
        String name = segments[segments.length - 1].replaceFirst("\\.[^.]+$", "");
        return name.equalsIgnoreCase("index") && segments.length > 1 ? segments[segments.length - 2] : name;
    }

    private static final class Reader {
        private final SourceFile file;
        private final Map<String, Object> fields;
        private final FileHistory facts;
        private final ZoneId zone;
        private final ZonedDateTime fromName;
        private final List<Warning> warnings;
        private final Set<String> warned = new HashSet<>(); // "date" is in several lists: one warning
        boolean usedName;

        Reader(SourceFile file, Map<String, Object> fields, FileHistory facts, ZoneId zone, ZonedDateTime fromName,
               List<Warning> warnings) {
            this.file = file;
            this.fields = fields;
            this.facts = facts;
            this.zone = zone;
            this.fromName = fromName;
            this.warnings = warnings;
        }

        ZonedDateTime first(List<String> keys, boolean firstCommit) {
            for (String key : keys) {
                ZonedDateTime d = switch (key) {
                    case ":filename" -> {
                        usedName |= fromName != null;
                        yield fromName;
                    }
                    case ":git" -> facts == null ? null : at(firstCommit ? facts.created() : facts.updated());
                    case ":filemodtime" -> facts == null ? null : at(facts.updated());
                    default -> field(key);
                };
                if (d != null) {
                    return d;
                }
            }
            return null;
        }

        private ZonedDateTime at(Instant t) {
            return t.atZone(zone);
        }

        private ZonedDateTime field(String key) {
            Object v = fields.get(key);
            if (v == null || v instanceof Map || v instanceof List || v.toString().isBlank()) {
                return null;
            }
            String text = v.toString().trim();
            ZonedDateTime d = Dates.parse(text, zone);
            if (d == null && warned.add(key)) {
                warnings.add(new Warning(file.path(), key + " '" + text
                        + "' is not a date (write 2024-07-24 or 2024-07-24T06:15:04); ignored"));
            }
            return d;
        }
    }
}
