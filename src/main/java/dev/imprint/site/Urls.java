package dev.imprint.site;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.imprint.source.SourceFile;

/** Output paths and the relative hrefs between them. Output paths never start with a slash. */
public final class Urls {
    private Urls() {
    }

    /** {@code a/b/note.md} → {@code a/b/note/index.html}; {@code a/b/index.md} → {@code a/b/index.html}. */
    public static String notePath(String contentPath, String slug) {
        String noExt = SourceFile.stem(contentPath);
        List<String> segments = new ArrayList<>(List.of(noExt.split("/")));
        boolean bundle = segments.get(segments.size() - 1).equalsIgnoreCase("index");
        if (bundle) {
            segments.remove(segments.size() - 1);
        }
        if (slug != null && !segments.isEmpty()) {
            segments.set(segments.size() - 1, slug);
        }
        List<String> clean = new ArrayList<>();
        for (String s : segments) {
            clean.add(segment(s));
        }
        String dir = String.join("/", clean);
        return dir.isEmpty() ? "index.html" : dir + "/index.html";
    }

    /** An asset keeps its path, with the same segment cleaning as notes so bundles stay together. */
    public static String assetPath(String contentPath) {
        List<String> clean = new ArrayList<>();
        for (String s : contentPath.split("/")) {
            clean.add(segment(s));
        }
        return String.join("/", clean);
    }

    /**
     * One path segment of a URL: NFC, spaces become dashes, characters that break URLs (and ':', which would make a
     * root-relative href a scheme) are dropped; case is kept. What is left is always a safe tree entry name:
     * never empty, "." or "..", never a name Git treats as its own ({@link #reservedName}).
     */
    public static String segment(String s) {
        String out = urlFriendly(s);
        if (out.isEmpty() || DOTS.matcher(out).matches()) {
            return "-";
        }
        if (!reservedName(out)) {
            return out;
        }
        return out.startsWith(".") ? "-" + out.substring(1) : out.replace('~', '-'); // .git → -git, git~1 → git-1
    }

    /**
     * Why {@code raw} as one path segment could not be published as written (and {@link #segment} replaced part of
     * it), or null when only URL-unfriendly characters were dropped: a "." or ".." segment, a name Git reserves, a
     * control character, a slash.
     */
    public static String unsafeSegment(String raw) {
        if (raw.indexOf('/') >= 0 || raw.indexOf('\\') >= 0) {
            return "a '/' or '\\' inside one path segment";
        }
        String cleaned = clean(raw);
        if (!cleaned.equals(Normalizer.normalize(raw, Normalizer.Form.NFC).strip())) {
            return "a control or invisible formatting character";
        }
        String out = dropUnfriendly(cleaned);
        if (DOTS.matcher(out).matches()) {
            return "a '.' or '..' path segment";
        }
        return reservedName(out) ? "a name Git reserves (" + out + ")" : null;
    }

    /** {@code s} {@linkplain #clean cleaned}, spaces as dashes, the characters a URL cannot carry plainly dropped. */
    private static String urlFriendly(String s) {
        return dropUnfriendly(clean(s));
    }

    private static String dropUnfriendly(String cleaned) {
        return UNSAFE.matcher(SPACES.matcher(cleaned).replaceAll("-")).replaceAll("");
    }

    /** NFC, without control characters or the invisible ones HFS+ ignores in names (".g\u200cit" is ".git" there). */
    private static String clean(String s) {
        String nfc = Normalizer.normalize(s, Normalizer.Form.NFC);
        return INVISIBLE.matcher(nfc).replaceAll("").strip();
    }

    /**
     * True for a name Git refuses or treats specially in a tree: .git, .gitmodules, .gitattributes (any case, with the
     * trailing dots and spaces NTFS ignores) and their NTFS short names (git~1, gitmod~1).
     */
    static boolean reservedName(String name) {
        return RESERVED.matcher(TRAILING_DOTS.matcher(name.toLowerCase(Locale.ROOT)).replaceFirst("")).matches();
    }

    /**
     * Why {@code path} cannot be an output path, or null when it can: the last check on every path a build writes,
     * after every rule that made it. A path is segments joined by '/', each a safe tree entry name.
     */
    public static String unsafePath(String path) {
        if (path.isEmpty()) {
            return "an empty path";
        }
        for (String seg : path.split("/", -1)) {
            if (seg.isEmpty()) {
                return "an empty path segment";
            }
            if (seg.equals(".") || seg.equals("..")) {
                return "a '" + seg + "' path segment";
            }
            for (int i = 0; i < seg.length(); i++) {
                char c = seg.charAt(i);
                if (c < 0x20 || c == 0x7f || c == '\\') {
                    return "a control character or '\\' in a name";
                }
            }
            if (reservedName(seg)) {
                return "a name Git reserves (" + seg + ")";
            }
        }
        return null;
    }

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern UNSAFE = Pattern.compile("[?#%\"<>\\\\|^`{}\\[\\]:/]");
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\u200c-\\u200f\\u202a-\\u202e\\u206a-\\u206f\\ufeff]");
    private static final Pattern DOTS = Pattern.compile("\\.+");
    private static final Pattern TRAILING_DOTS = Pattern.compile("[. ]+$");
    private static final Pattern RESERVED = Pattern.compile("\\.git(modules|attributes)?|gi[a-z0-9]{0,4}~\\d+");

    /** A tag's URL segment: lower case, dashes for spaces. */
    public static String tagSlug(String tag) {
        return TAG_SLUGS.computeIfAbsent(tag, t -> segment(t.toLowerCase(Locale.ROOT).replace('/', '-')));
    }

    /** Sites have few distinct tags and ask for their slugs constantly. */
    private static final Map<String, String> TAG_SLUGS = new ConcurrentHashMap<>();

    /** "" for a page at the root, "../" per folder level otherwise. */
    public static String root(String fromPath) {
        int depth = 0;
        for (int i = 0; i < fromPath.length(); i++) {
            if (fromPath.charAt(i) == '/') {
                depth++;
            }
        }
        return "../".repeat(depth);
    }

    /** The relative href from the page at {@code fromPath} to {@code toPath}. */
    public static String relative(String fromPath, String toPath) {
        String[] from = fromPath.split("/");
        String[] to = toPath.split("/");
        int common = 0;
        while (common < from.length - 1 && common < to.length - 1 && from[common].equals(to[common])) {
            common++;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("../".repeat(from.length - 1 - common));
        for (int i = common; i < to.length; i++) {
            if (i > common) {
                sb.append('/');
            }
            sb.append(to[i]);
        }
        return encode(sb.toString());
    }

    /** Percent-encodes what an href cannot carry as is (spaces, non-ASCII stays as browsers accept it). */
    public static String encode(String href) {
        return href.replace("%", "%25").replace(" ", "%20");
    }

    /** Percent-decoding that leaves a malformed escape as it is. */
    public static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Resolves a link written in the note at {@code fromContentPath} to a content path, or null if it leaves the root. */
    public static String resolveContentPath(String fromContentPath, String linkPath) {
        String decoded = decode(linkPath);
        List<String> parts = new ArrayList<>();
        if (!decoded.startsWith("/")) {
            String[] base = fromContentPath.split("/");
            for (int i = 0; i < base.length - 1; i++) {
                parts.add(base[i]);
            }
        }
        for (String seg : decoded.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(seg);
            }
        }
        return String.join("/", parts);
    }

    /** True for links that leave the site: a scheme (https:, mailto:), or protocol-relative. */
    public static boolean isExternal(String destination) {
        if (destination.startsWith("//")) {
            return true;
        }
        try {
            return URI.create(destination.replace(" ", "%20")).getScheme() != null;
        } catch (IllegalArgumentException e) {
            return destination.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
        }
    }
}
