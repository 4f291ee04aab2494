package dev.imprint.source;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The notes repository's {@code imprint.yml}. Every field has a default, so no config file is needed.
 *
 * @param hugo a Hugo site's own settings when the config was a Hugo config, else null
 */
public record SiteConfig(
        String title,
        String author,
        String description,
        String baseUrl,
        String language,
        ZoneId timezone,
        String contentDir,
        List<String> exclude,
        boolean rawHtml,
        int homeNotes,
        String publishAuthorName,
        String publishAuthorEmail,
        List<String> keep,
        Map<String, Object> params,
        int maxRenderMs,
        Set<String> allowedSchemes,
        int pageSize,
        Hugo hugo) {

    public static final String FILE = "imprint.yml";
    /** {@code templates.max_render_ms} when imprint.yml does not say: how long one page's template may run. */
    public static final int DEFAULT_MAX_RENDER_MS = 2_000;
    /** {@code pagination.page_size} when imprint.yml does not say: notes per section index or tag page. */
    public static final int DEFAULT_PAGE_SIZE = 50;
    /** The URL schemes every page may link to; {@code links.allowed_schemes} adds to them. */
    public static final Set<String> BUILT_IN_SCHEMES = Set.of("http", "https", "mailto");
    /** Schemes that run script or carry a whole document: {@code links.allowed_schemes} can never add them. */
    public static final Set<String> NEVER_ALLOWED_SCHEMES = Set.of("javascript", "vbscript", "data");

    public static SiteConfig defaults() {
        return new SiteConfig("Notes", null, null, null, "en", ZoneId.of("UTC"), null, List.of(), false, 10,
                "Imprint", "imprint@localhost", List.of(), Map.of(), DEFAULT_MAX_RENDER_MS, Set.of(),
                DEFAULT_PAGE_SIZE, null);
    }

    public SiteConfig withBaseUrl(String url) {
        return new SiteConfig(title, author, description, url, language, timezone, contentDir, exclude, rawHtml,
                homeNotes, publishAuthorName, publishAuthorEmail, keep, params, maxRenderMs, allowedSchemes, pageSize,
                hugo);
    }

    /** This config with raw HTML in notes kept ({@code true}) or sanitized ({@code false}). */
    public SiteConfig withRawHtml(boolean keep) {
        return new SiteConfig(title, author, description, baseUrl, language, timezone, contentDir, exclude, keep,
                homeNotes, publishAuthorName, publishAuthorEmail, this.keep, params, maxRenderMs, allowedSchemes,
                pageSize, hugo);
    }

    /** base_url with exactly one trailing slash, or null when unset. */
    public String base() {
        if (baseUrl == null || baseUrl.isBlank()) {
            return null;
        }
        return baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    }
}
