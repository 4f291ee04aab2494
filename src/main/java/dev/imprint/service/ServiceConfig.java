package dev.imprint.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.imprint.forge.ForgeConfig;
import dev.imprint.forge.Provider;
import dev.imprint.source.Redact;

/**
 * The service's config file. Unknown keys are errors with their line; secrets never appear in it, only the
 * names of environment variables ({@code *_env}) or files ({@code *_file}) that hold them.
 */
public final class ServiceConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final Set<String> SECRET_KEYS = Set.of("secret", "token", "password", "key", "api_key", "private_key");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]*");

    public static final class Server {
        @JsonProperty public int port = 8080;
        @JsonProperty public String bind = "127.0.0.1";
    }

    public static final class Source {
        /** A repository Imprint hosts itself at /git/NAME.git. */
        @JsonProperty public boolean hosted;
        /** Hosted only: "template" seeds a new repository with the starter notes. */
        @JsonProperty public String seed;
        @JsonProperty public String url;
        @JsonProperty public String path;
        @JsonProperty public String branch = "main";
        @JsonProperty("token_env") public String tokenEnv;
        @JsonProperty("token_file") public String tokenFile;
    }

    public static final class Publish {
        /** Where a pull-request {@link #mode} proposes each new build, for someone to merge into {@link #branch}. */
        public static final String PROPOSALS = "imprint/publish";

        @JsonProperty public String branch = "gh-pages";
        @JsonProperty public String url;
        /** {@code branch}: publish every build; {@code pull-request}: propose it as a pull request into the branch. */
        @JsonProperty public String mode = "branch";

        public boolean proposes() {
            return "pull-request".equals(mode);
        }
    }

    public static final class Webhook {
        @JsonProperty public String provider;
        @JsonProperty("secret_env") public String secretEnv;
        @JsonProperty("secret_file") public String secretFile;
    }

    public static final class SiteSettings {
        @JsonProperty("base_url") public String baseUrl;
    }

    /** Hosted only: who may clone and push, and what a push may do. */
    public static final class GitHostSettings {
        @JsonProperty("allow_force_push") public boolean allowForcePush;
        @JsonProperty("max_push_mb") public int maxPushMb = 100;
        /** None: anyone who reaches the port may clone and push (fine on 127.0.0.1 only). */
        @JsonProperty public List<GitUser> users = new ArrayList<>();
    }

    /** A user of the built-in Git host: HTTP Basic with this name and a password or token held elsewhere. */
    public static final class GitUser {
        @JsonProperty public String name;
        @JsonProperty("password_env") public String passwordEnv;
        @JsonProperty("password_file") public String passwordFile;
        @JsonProperty("token_env") public String tokenEnv;
        @JsonProperty("token_file") public String tokenFile;
        /** "read" (clone and fetch) or "write" (push too). */
        @JsonProperty public String access;

        public boolean canWrite() {
            return "write".equals(access);
        }
    }

    /**
     * Previews of changes: every branch pushed besides the site's (matching {@code branches}; {@code *} matches any
     * characters, slashes included) and every pull request into it, built under {@code preview/} of the publishing
     * branch.
     */
    public static final class PreviewSettings {
        @JsonProperty public boolean enabled = true;
        /** The folder of the publishing branch previews go into. */
        @JsonProperty public String path = "preview";
        @JsonProperty public List<String> branches = new ArrayList<>(List.of("*"));
        /** Use the templates of a fork's head for its preview (they are code from a stranger). */
        @JsonProperty("trust_templates") public boolean trustTemplates;
        /** A commit status of failure when a pull request brings in broken links. */
        @JsonProperty("fail_on_broken_links") public boolean failOnBrokenLinks;
        /** Where the previews are served, for links in comments: the publishing branch's URL (base_url by default). */
        @JsonProperty public String url;
        /** A URL that must answer 200 before the review comment is posted ({sha} and {folder} are filled in). */
        @JsonProperty("check_url") public String checkUrl;
    }

    public static final class Repo {
        @JsonProperty public String name;
        @JsonProperty public PreviewSettings previews = new PreviewSettings();
        /** The forge's REST API, for the previews' review comments and commit statuses; none without it. */
        @JsonProperty public ForgeConfig forge;
        @JsonProperty public Source source = new Source();
        @JsonProperty public Publish publish = new Publish();
        @JsonProperty public Webhook webhook;
        @JsonProperty public SiteSettings site = new SiteSettings();
        @JsonProperty("git_host") public GitHostSettings gitHost;
    }

    @JsonProperty public Server server = new Server();
    @JsonProperty("data_dir") public String dataDir = "./data";
    @JsonProperty("reconcile_minutes") public int reconcileMinutes = 5;
    @JsonProperty("max_parallel_builds") public int maxParallelBuilds = 2;
    /** A build running longer is abandoned: the worker goes on, and the build may no longer publish. */
    @JsonProperty("max_build_minutes") public int maxBuildMinutes = 30;
    @JsonProperty("max_webhook_bytes") public long maxWebhookBytes = 25L * 1024 * 1024;
    @JsonProperty public List<Repo> repos = new ArrayList<>();

    /** No config file: one hosted repository, "notes", seeded with the starter notes, without users. */
    public static ServiceConfig embeddedDefault() {
        return embeddedDefault(Map.of());
    }

    /**
     * The embedded default; {@code IMPRINT_GIT_USER} names its first user (a writer), whose password is in
     * {@code IMPRINT_GIT_PASSWORD} or the file {@code IMPRINT_GIT_PASSWORD_FILE} names. A container binds
     * 0.0.0.0 and has no config file, so this is how it gets one.
     */
    public static ServiceConfig embeddedDefault(Map<String, String> environment) {
        ServiceConfig c = new ServiceConfig();
        Repo notes = new Repo();
        notes.name = "notes";
        notes.source.hosted = true;
        notes.source.seed = "template";
        String user = environment.get("IMPRINT_GIT_USER");
        if (user != null && !user.isEmpty()) {
            GitUser first = new GitUser();
            first.name = user;
            first.access = "write";
            String file = environment.get("IMPRINT_GIT_PASSWORD_FILE");
            if (file != null && !file.isEmpty()) {
                first.passwordFile = file;
            } else {
                first.passwordEnv = "IMPRINT_GIT_PASSWORD";
            }
            notes.gitHost = new GitHostSettings();
            notes.gitHost.users.add(first);
        }
        c.repos.add(notes);
        return c;
    }

    public static ServiceConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static ServiceConfig parse(String text, String name) throws ConfigException {
        refuseInlineSecrets(text, name);
        ServiceConfig config;
        try {
            config = text.isBlank() ? new ServiceConfig() : YAML.readValue(text, ServiceConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(name + ":" + e.getLocation().getLineNr() + ": unknown key '" + e.getPropertyName()
                    + "' (known here: " + String.join(", ", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()) + ")");
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new ConfigException(name + line + ": " + e.getOriginalMessage());
        }
        if (config == null) {
            config = new ServiceConfig();
        }
        config.validate(name);
        return config;
    }

    private static void refuseInlineSecrets(String text, String name) throws ConfigException {
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME && SECRET_KEYS.contains(p.currentName().toLowerCase(Locale.ROOT))) {
                    throw new ConfigException(name + ":" + p.currentLocation().getLineNr() + ": '" + p.currentName()
                            + "' must not be written in the config file; name where it is instead: "
                            + p.currentName() + "_env: VARIABLE (an environment variable) or "
                            + p.currentName() + "_file: PATH (a file holding it)");
                }
                if (t == JsonToken.VALUE_STRING && Redact.hasCredentials(p.getText())) {
                    throw new ConfigException(name + ":" + p.currentTokenLocation().getLineNr() + ": '" + p.currentName()
                            + "' must not hold credentials (user:token@); write the URL without them and name where the "
                            + "token is instead, under source: token_env: VARIABLE (an environment variable) or "
                            + "token_file: PATH (a file holding it); it is used for publish.url too");
                }
            }
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new ConfigException(name + line + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(name + ": " + e.getMessage());
        }
    }

    private void validate(String file) throws ConfigException {
        if (server.port < 0 || server.port > 65535) {
            throw new ConfigException(file + ": server.port must be 0..65535");
        }
        if (maxParallelBuilds < 1) {
            throw new ConfigException(file + ": max_parallel_builds must be at least 1");
        }
        if (maxBuildMinutes < 1) {
            throw new ConfigException(file + ": max_build_minutes must be at least 1");
        }
        Set<String> names = new HashSet<>();
        for (Repo r : repos) {
            if (r.name == null || !NAME.matcher(r.name).matches()) {
                throw new ConfigException(file + ": every repo needs a name of letters, digits, '.', '_' or '-' (got '" + r.name + "')");
            }
            if (!names.add(r.name)) {
                throw new ConfigException(file + ": two repos are named '" + r.name + "'");
            }
            int kinds = (r.source.hosted ? 1 : 0) + (r.source.url != null ? 1 : 0) + (r.source.path != null ? 1 : 0);
            if (kinds != 1) {
                throw new ConfigException(file + ": repo '" + r.name + "': source needs exactly one of hosted: true, url: or path:");
            }
            if (r.source.seed != null && !(r.source.hosted && r.source.seed.equals("template"))) {
                throw new ConfigException(file + ": repo '" + r.name + "': seed: template is for hosted repositories only");
            }
            if (r.webhook != null) {
                if (Provider.of(r.webhook.provider) == null) {
                    throw new ConfigException(file + ": repo '" + r.name + "': webhook.provider must be github, gitea, gitlab or generic");
                }
                if (r.webhook.secretEnv == null && r.webhook.secretFile == null) {
                    throw new ConfigException(file + ": repo '" + r.name + "': webhook needs secret_env or secret_file");
                }
            }
            if (r.gitHost != null) {
                validateGitHost(file, r);
            }
            if (!previewPath(r.previews.path)) {
                throw new ConfigException(file + ": repo '" + r.name + "': previews.path must be a folder of safe names "
                        + "(letters, digits, '-', '_', '.'; not starting with '.' or '_'), like preview or site/previews");
            }
            if (!"branch".equals(r.publish.mode) && !r.publish.proposes()) {
                throw new ConfigException(file + ": repo '" + r.name + "': publish.mode must be branch or pull-request");
            }
            if (r.publish.proposes() && r.forge == null) {
                throw new ConfigException(file + ": repo '" + r.name + "': publish.mode: pull-request needs forge: "
                        + "{ type, repository, token_env } to open the pull request");
            }
            if (r.forge != null && r.forge.problem() != null) {
                throw new ConfigException(file + ": repo '" + r.name + "': " + r.forge.problem());
            }
        }
    }

    /** A folder path of one or more plain names: nothing a publish could mistake for the site's or Imprint's own. */
    static boolean previewPath(String path) {
        return path != null && path.matches("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*")
                && !path.contains("..");
    }

    private static void validateGitHost(String file, Repo r) throws ConfigException {
        String where = file + ": repo '" + r.name + "': git_host";
        if (!r.source.hosted) {
            throw new ConfigException(where + " is for hosted: true repositories only");
        }
        if (r.gitHost.maxPushMb < 1) {
            throw new ConfigException(where + ".max_push_mb must be at least 1");
        }
        Set<String> users = new HashSet<>();
        for (GitUser u : r.gitHost.users) {
            if (u.name == null || u.name.isEmpty() || u.name.contains(":")) {
                throw new ConfigException(where + ".users: every user needs a name without ':' (got '" + u.name + "')");
            }
            if (!users.add(u.name)) {
                throw new ConfigException(where + ".users: two users are named '" + u.name + "'");
            }
            long secrets = Stream.of(u.passwordEnv, u.passwordFile, u.tokenEnv, u.tokenFile)
                    .filter(Objects::nonNull).count();
            if (secrets != 1) {
                throw new ConfigException(where + ".users: '" + u.name
                        + "' needs exactly one of password_env, password_file, token_env or token_file");
            }
            if (!"read".equals(u.access) && !"write".equals(u.access)) {
                throw new ConfigException(where + ".users: '" + u.name + "' needs access: read (clone and fetch) or access: write (push too)");
            }
        }
    }

    /** Reads a secret named by an *_env or *_file key; null when neither is set. Never logged. */
    static byte[] secret(String env, String file, Map<String, String> environment) throws ConfigException {
        if (env != null) {
            String v = environment.get(env);
            if (v == null || v.isEmpty()) {
                throw new ConfigException("environment variable " + env + " is not set");
            }
            return v.getBytes(StandardCharsets.UTF_8);
        }
        if (file != null) {
            String v;
            try {
                v = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigException("cannot read secret file " + file + ": " + e.getMessage());
            }
            // an empty webhook secret is a key anyone can sign with
            if (v.isEmpty()) {
                throw new ConfigException("secret file " + file + " is empty");
            }
            return v.getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    /** A config that cannot be used: the message says where and how to fix it. */
    public static final class ConfigException extends Exception {
        public ConfigException(String message) {
            super(message);
        }
    }
}
