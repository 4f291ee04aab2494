package dev.imprint.source;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** The notes repository's {@code imprint.yml}. Every field has a default, so no config file is needed. */
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
        int maxRenderMs) {

    public static final String FILE = "imprint.yml";
    /** {@code templates.max_render_ms} when imprint.yml does not say: how long one page's template may run. */
    public static final int DEFAULT_MAX_RENDER_MS = 2_000;

    public static SiteConfig defaults() {
        return new SiteConfig("Notes", null, null, null, "en", ZoneId.of("UTC"), null, List.of(), false, 10,
                "Imprint", "imprint@localhost", List.of(), Map.of(), DEFAULT_MAX_RENDER_MS);
    }

    public SiteConfig withBaseUrl(String url) {
        return new SiteConfig(title, author, description, url, language, timezone, contentDir, exclude, rawHtml,
                homeNotes, publishAuthorName, publishAuthorEmail, keep, params, maxRenderMs);
    }

    /** base_url with exactly one trailing slash, or null when unset. */
    public String base() {
        if (baseUrl == null || baseUrl.isBlank()) {
            return null;
        }
        return baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    }
}
