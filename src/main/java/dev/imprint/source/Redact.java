package dev.imprint.source;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Removes credentials from URLs before anything is shown: {@code https://user:token@host/x} becomes
 * {@code https://host/x}, wherever such a URL sits in a message (JGit's own messages repeat the URL as given).
 */
public final class Redact {
    /** The userinfo of a URL: after "scheme://", up to the last '@' before the host (a password may hold '@'). */
    private static final Pattern USERINFO = Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)[^/\\s?#\"'<>]*@");

    private Redact() {
    }

    /** {@code text} with the user name and password taken out of every URL in it; null stays null. */
    public static String text(String text) {
        return text == null || text.indexOf('@') < 0 ? text : USERINFO.matcher(text).replaceAll("$1");
    }

    /** True when {@code url} carries a secret: a password, or any user name over HTTP (where it is often a token). */
    public static boolean hasCredentials(String url) {
        var m = USERINFO.matcher(url);
        if (!m.find()) {
            return false;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        return m.group().substring(m.group(1).length()).contains(":") || scheme.startsWith("http");
    }
}
