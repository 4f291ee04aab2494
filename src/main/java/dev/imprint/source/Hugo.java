package dev.imprint.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a Hugo config says beyond the settings every site has: which pages are built (drafts, future, expired),
 * where page dates come from, the static folders, the ignored files and whether paths are lower-cased. Null in
 * {@link SiteConfig#hugo()} for a site configured by {@code imprint.yml}, whose behaviour stays as it was.
 *
 * @param dates per date field (lower-cased: date, lastmod, publishdate, expirydate), the front matter keys
 *              (lower-cased) or special values ({@code :filename}, {@code :git}, {@code :filemodtime}) tried in order
 * @param staticDirs folders (repository-relative, no trailing slash) whose files are copied to the site root
 * @param ignoreFiles patterns of content-relative paths that are neither notes nor assets
 */
public record Hugo(boolean buildDrafts, boolean buildFuture, boolean buildExpired, Map<String, List<String>> dates,
                   List<String> staticDirs, List<Pattern> ignoreFiles, boolean pathToLower) {
    public static final String DATE = "date";
    public static final String LASTMOD = "lastmod";
    public static final String PUBLISH_DATE = "publishdate";
    public static final String EXPIRY_DATE = "expirydate";

    /** Hugo's own lists; {@code :default} in a config's list stands for these. */
    public static Map<String, List<String>> defaultDates(boolean gitInfo) {
        List<String> lastmod = new ArrayList<>(List.of("lastmod", "modified", "date", "publishdate", "pubdate",
                "published"));
        if (gitInfo) {
            lastmod.add(0, ":git"); // Hugo reads Git only with enableGitInfo
        }
        return Map.of(DATE, List.of("date", "publishdate", "pubdate", "published", "lastmod", "modified"),
                LASTMOD, List.copyOf(lastmod),
                PUBLISH_DATE, List.of("publishdate", "pubdate", "published", "date"),
                EXPIRY_DATE, List.of("expirydate", "unpublishdate"));
    }

    public Hugo {
        dates = Map.copyOf(dates);
        staticDirs = List.copyOf(staticDirs);
        ignoreFiles = List.copyOf(ignoreFiles);
    }

    /** The keys a date field is read from, in order. */
    public List<String> dates(String field) {
        return dates.getOrDefault(field, List.of());
    }

    /** True when {@code contentPath} matches an {@code ignoreFiles} pattern (anywhere, as Go's regexp does). */
    public boolean ignores(String contentPath) {
        for (Pattern p : ignoreFiles) {
            if (p.matcher(contentPath).find()) {
                return true;
            }
        }
        return false;
    }

    /** A file's path on the site when it lies in a static folder ({@code static/img/a.png} → {@code img/a.png}). */
    public String staticPath(String path) {
        for (String dir : staticDirs) {
            if (dir.isEmpty()) {
                continue;
            }
            if (path.startsWith(dir + "/")) {
                return path.substring(dir.length() + 1);
            }
        }
        return null;
    }
}
