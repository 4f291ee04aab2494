package dev.imprint.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.imprint.service.ServiceConfig.ConfigException;

/**
 * HTTP Basic in front of the built-in Git host, on every request under {@code /git/} (smart and dumb HTTP
 * alike). A repository without users is open to whoever reaches the port, which is why that is allowed on
 * loopback only; one with users answers 401 to anyone else and 403 to a reader who tries to push.
 */
final class GitAccess implements Filter {
    /** A user, with the SHA-256 of name and secret: digests have one length, so comparing them leaks nothing. */
    record Account(String name, byte[] nameDigest, byte[] secretDigest, boolean write) {
    }

    private final Map<String, List<Account>> users = new ConcurrentHashMap<>();

    /** Reads each user's secret from the environment or its file; refuses a missing or empty one. */
    static List<Account> accounts(String repo, List<ServiceConfig.GitUser> configured, Map<String, String> environment)
            throws ConfigException {
        List<Account> out = new ArrayList<>();
        for (ServiceConfig.GitUser u : configured) {
            String env = u.passwordEnv != null ? u.passwordEnv : u.tokenEnv;
            String file = u.passwordFile != null ? u.passwordFile : u.tokenFile;
            byte[] secret;
            try {
                secret = ServiceConfig.secret(env, file, environment);
            } catch (ConfigException e) {
                throw new ConfigException("repo '" + repo + "': git_host user '" + u.name + "': " + e.getMessage());
            }
            if (secret.length == 0) {
                throw new ConfigException("repo '" + repo + "': git_host user '" + u.name + "': secret file " + file + " is empty");
            }
            out.add(new Account(u.name, sha256(u.name.getBytes(StandardCharsets.UTF_8)), sha256(secret), u.canWrite()));
        }
        return out;
    }

    /** Makes {@code /git/REPO.git} reachable, for these users only; an empty list leaves it open to anyone. */
    void admit(String repo, List<Account> accounts) {
        users.put(repo, List.copyOf(accounts));
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String repo = repoName(request.getPathInfo());
        List<Account> accounts = repo == null ? null : users.get(repo);
        if (accounts == null) {
            // not a hosted repository: answer here rather than let the Git servlet read the path another way
            refuse(response, HttpServletResponse.SC_NOT_FOUND, "no such repository");
            return;
        }
        if (!accounts.isEmpty()) {
            Account who = authenticate(request.getHeader("Authorization"), accounts);
            if (who == null) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"Imprint " + repo + "\", charset=\"UTF-8\"");
                refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "a user name and password are needed for " + repo);
                return;
            }
            if (isPush(request) && !who.write()) {
                refuse(response, HttpServletResponse.SC_FORBIDDEN,
                        who.name() + " may clone and fetch " + repo + " but not push to it (access: read)");
                return;
            }
        }
        chain.doFilter(req, res);
    }

    /** {@code /notes.git/info/refs} → notes: the first segment, the one name GitHost's resolver accepts. */
    static String repoName(String pathInfo) {
        if (pathInfo == null || !pathInfo.startsWith("/")) {
            return null;
        }
        int end = pathInfo.indexOf('/', 1);
        String name = end < 0 ? pathInfo.substring(1) : pathInfo.substring(1, end);
        return name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
    }

    /** Receive-pack is the only way in; its advertisement is asked for too, so a reader is stopped before uploading. */
    private static boolean isPush(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getPathInfo().endsWith("/git-receive-pack") || (query != null && query.contains("git-receive-pack"));
    }

    /** Every account is compared, matched or not, so the time taken says nothing about which part was wrong. */
    private static Account authenticate(String header, List<Account> accounts) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        byte[] name = sha256(decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8));
        byte[] secret = sha256(decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        Account found = null;
        for (Account a : accounts) {
            boolean match = MessageDigest.isEqual(a.nameDigest(), name) & MessageDigest.isEqual(a.secretDigest(), secret);
            if (match) {
                found = a;
            }
        }
        return found;
    }

    /** A plain-text body: git prints it after "remote:" where it can. */
    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.getWriter().write(message + "\n");
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
