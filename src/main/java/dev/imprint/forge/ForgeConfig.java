package dev.imprint.forge;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A repository's {@code forge:} block in the service config:
 * {@code forge: { type: github|gitea|gitlab, api_url, repository, token_env | token_file }}. The token is never in the
 * config text, only the name of the environment variable or file that holds it. Jackson reads it as it reads the rest
 * of {@code ServiceConfig}; {@link #problem()} says what is wrong with one.
 *
 * @param type       {@code github}, {@code gitea} (also Forgejo) or {@code gitlab}
 * @param apiUrl     the API root; default {@code https://api.github.com} or {@code https://gitlab.com/api/v4}, required
 *                   for Gitea ({@code https://codeberg.org/api/v1}). GitHub Enterprise: {@code https://HOST/api/v3}
 * @param repository {@code owner/name}; GitLab: the project's full path, {@code group/subgroup/name}
 * @param tokenEnv   the environment variable holding the API token
 * @param tokenFile  or the file holding it (trimmed)
 */
public record ForgeConfig(
        @JsonProperty("type") String type,
        @JsonProperty("api_url") String apiUrl,
        @JsonProperty("repository") String repository,
        @JsonProperty("token_env") String tokenEnv,
        @JsonProperty("token_file") String tokenFile) {

    static final URI GITHUB_API = URI.create("https://api.github.com");
    static final URI GITLAB_API = URI.create("https://gitlab.com/api/v4");

    /** The forge {@code type} names, or null for anything else (a generic webhook sender has no API). */
    public Provider provider() {
        Provider p = Provider.of(type);
        return p == Provider.GENERIC ? null : p;
    }

    /** What makes this config unusable, as one line naming the key; null when it is fine. */
    public String problem() {
        Provider p = provider();
        if (p == null) {
            return "forge.type must be github, gitea or gitlab (got '" + type + "')";
        }
        if (apiUrl == null && p == Provider.GITEA) {
            return "forge.api_url is required for gitea: the API root, e.g. https://codeberg.org/api/v1";
        }
        if (apiUrl != null) {
            URI uri;
            try {
                uri = new URI(apiUrl);
            } catch (URISyntaxException e) {
                return "forge.api_url is not a URL: " + apiUrl;
            }
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                return "forge.api_url must be an http(s) URL with a host (got '" + apiUrl + "')";
            }
            if (uri.getRawUserInfo() != null) {
                return "forge.api_url must not hold credentials (user:token@); name the token with token_env or token_file";
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return "forge.api_url must be the API root, without ?query or #fragment";
            }
        }
        String form = p == Provider.GITLAB ? "group/name or group/subgroup/name" : "owner/name";
        if (repository == null || !repository.matches(p == Provider.GITLAB ? "[^/\\s]+(/[^/\\s]+)+" : "[^/\\s]+/[^/\\s]+")) {
            return "forge.repository must be " + form + " (got '" + repository + "')";
        }
        if ((tokenEnv == null) == (tokenFile == null)) {
            return "forge needs exactly one of token_env (an environment variable) or token_file (a file holding the token)";
        }
        return null;
    }

    /** The API root: {@code api_url}, or the type's default. */
    public URI apiUri() {
        if (apiUrl != null) {
            return URI.create(apiUrl);
        }
        return switch (provider()) {
            case GITHUB -> GITHUB_API;
            case GITLAB -> GITLAB_API;
            default -> throw new IllegalStateException("forge.api_url is required for " + type);
        };
    }

    /**
     * Reads the token from the environment variable or the file, trimmed.
     *
     * @throws IllegalArgumentException naming the variable or file (never the token) when it is unset, unreadable or empty
     */
    public ForgeToken token(Map<String, String> environment) {
        if (tokenEnv != null) {
            String value = environment.get(tokenEnv);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("forge.token_env: environment variable " + tokenEnv + " is not set");
            }
            return ForgeToken.of(value);
        }
        if (tokenFile == null) {
            throw new IllegalArgumentException("forge needs token_env or token_file");
        }
        String value;
        try {
            value = Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("forge.token_file: cannot read " + tokenFile + " (" + e.getClass().getSimpleName() + ")");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException("forge.token_file: " + tokenFile + " is empty");
        }
        return ForgeToken.of(value);
    }
}
