package dev.imprint.site;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import dev.imprint.source.SiteConfig;

/**
 * Which URLs a page may carry: relative ones, http, https and mailto, the schemes {@code links.allowed_schemes}
 * adds, and {@code data:} as an image's source. Everything else (javascript:, vbscript:, data: documents, an app's
 * scheme nobody allowed) is shown as text. The scheme is read the way a browser reads it, so no spelling slips past.
 */
public final class UrlSchemes {
    private final Set<String> allowed;

    public UrlSchemes(Set<String> configured) {
        Set<String> all = new HashSet<>(SiteConfig.BUILT_IN_SCHEMES);
        all.addAll(configured);
        all.removeAll(SiteConfig.NEVER_ALLOWED_SCHEMES); // imprint.yml refuses them; so does every other way in
        this.allowed = Set.copyOf(all);
    }

    public static UrlSchemes of(SiteConfig config) {
        return new UrlSchemes(config.allowedSchemes());
    }

    /** True when {@code scheme} (lower case) may appear in any URL of the site, images or not. */
    public boolean allows(String scheme) {
        return allowed.contains(scheme);
    }

    /**
     * Why {@code url} may not be used, or null when it may. {@code image}: the URL is an image's source, which may be
     * {@code data:} (an image cannot run script).
     */
    public String refusal(String url, boolean image) {
        String scheme = scheme(url);
        if (scheme == null || allowed.contains(scheme) || image && scheme.equals("data")) {
            return null;
        }
        if (scheme.equals("data")) {
            return "the data: scheme is allowed only for images";
        }
        if (SiteConfig.NEVER_ALLOWED_SCHEMES.contains(scheme)) {
            return "the " + scheme + ": scheme is not allowed";
        }
        return "the " + scheme + ": scheme is not allowed (links.allowed_schemes adds one)";
    }

    /**
     * The scheme a browser reads in {@code url}, lower-cased, or null for a relative URL ({@code #x}, {@code ?q},
     * {@code a/b}, {@code //host/x}, {@code ../x}). As the WHATWG URL parser does: leading and trailing C0 controls
     * and spaces are stripped, tabs and newlines anywhere are dropped, then {@code [A-Za-z][A-Za-z0-9+.-]*:} is a
     * scheme. So {@code " java\nscript:"} is javascript:. Character references must be decoded before (the HTML
     * parser does that before the URL parser sees the value).
     */
    public static String scheme(String url) {
        int start = 0;
        int end = url.length();
        while (start < end && url.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && url.charAt(end - 1) <= ' ') {
            end--;
        }
        StringBuilder scheme = new StringBuilder(12);
        for (int i = start; i < end; i++) {
            char c = url.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (c == ':') {
                return scheme.length() == 0 ? null : scheme.toString().toLowerCase(Locale.ROOT);
            }
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            boolean more = c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.';
            if (!letter && (scheme.length() == 0 || !more)) {
                return null; // not a scheme character before any ':': a path
            }
            scheme.append(c);
        }
        return null;
    }
}
