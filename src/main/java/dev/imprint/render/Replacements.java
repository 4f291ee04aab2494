package dev.imprint.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one supported shortcode becomes, in the note's syntax: never raw HTML, so that a note without raw HTML stays
 * one, and every destination is a plain link or image the renderer resolves.
 */
final class Replacements {
    static final Set<String> SUPPORTED = Set.of("ref", "relref", "figure", "youtube", "vimeo");

    private static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:.*|//.*");

    private final Shortcodes.Syntax syntax;
    private final String text;
    private final ShortcodeTag tag;
    private String problem;

    Replacements(Shortcodes.Syntax syntax, String text, ShortcodeTag tag) {
        this.syntax = syntax;
        this.text = text;
        this.tag = tag;
    }

    /** Why {@link #write()} gave null. */
    String problem() {
        return problem;
    }

    /** The replacement, or null (with a {@link #problem()}) if the tag cannot be one. */
    String write() {
        return switch (tag.name()) {
            case "ref", "relref" -> ref();
            case "figure" -> figure();
            case "youtube" -> video("https://www.youtube.com/watch?v=", "YouTube");
            default -> video("https://vimeo.com/", "Vimeo");
        };
    }

    /**
     * The path as written: LinkIndex then resolves it as Hugo does, "/…" from the content root, else from the page
     * and then from the root, and a bare name wherever it is; a missing page is a broken link like any other.
     */
    private String ref() {
        String path = blankToNull(tag.arg("path", 0));
        if (path == null) {
            problem = "names no page";
            return null;
        }
        return destination(path);
    }

    private String figure() {
        String src = blankToNull(tag.named().get("src"));
        if (src == null) {
            problem = "has no src";
            return null;
        }
        String title = oneLine(tag.named().get("title"));
        String caption = oneLine(tag.named().get("caption"));
        String attr = oneLine(tag.named().get("attr"));
        String attrLink = blankToNull(tag.named().get("attrlink"));
        String link = blankToNull(tag.named().get("link"));
        String alt = oneLine(tag.named().get("alt"));
        return syntax == Shortcodes.Syntax.ORG
                ? orgFigure(src, link, title, caption, attr, attrLink)
                : markdownFigure(src, link, alt == null ? caption : alt, title, caption, attr, attrLink);
    }

    /**
     * The image, then its caption after a hard line break: one paragraph wherever the tag stood (in a list item, a
     * quote, a line of text), which a blank line would not be.
     */
    private static String markdownFigure(String src, String link, String alt, String title, String caption,
            String attr, String attrLink) {
        String image = "![" + mdText(alt == null ? "" : alt) + "](" + destination(src)
                + (title == null ? "" : " \"" + title.replace("\\", "\\\\").replace("\"", "\\\"") + "\"") + ")";
        if (link != null) {
            image = "[" + image + "](" + destination(link) + ")";
        }
        List<String> lines = new ArrayList<>();
        if (title != null) {
            lines.add("**" + title + "**");
        }
        String credit = attr == null ? null : attrLink == null ? attr : "[" + mdText(attr) + "](" + destination(attrLink) + ")";
        String shown = caption == null ? credit : credit == null ? caption : caption + " " + credit;
        if (shown != null) {
            lines.add("*" + shown + "*");
        }
        return lines.isEmpty() ? image : image + "\\\n" + String.join(" ", lines);
    }

    /** Org's own figure, {@code #+caption:} over the image link, when the tag is on a line of its own. */
    private String orgFigure(String src, String link, String title, String caption, String attr, String attrLink) {
        String file = URL.matcher(src).matches() ? src : "file:" + src;
        String image = link == null ? "[[" + orgPath(file) + "]]" : "[[" + orgPath(link) + "][" + orgPath(file) + "]]";
        List<String> parts = new ArrayList<>();
        if (title != null) {
            parts.add("*" + title + "*");
        }
        if (caption != null) {
            parts.add(caption);
        }
        if (attr != null) {
            parts.add(attrLink == null ? attr : "[[" + orgPath(attrLink) + "][" + orgText(attr) + "]]");
        }
        if (parts.isEmpty()) {
            return image;
        }
        String shown = String.join(" ", parts);
        int lineStart = lineStart();
        if (lineStart < 0 || !restOfLineBlank()) {
            return image + " /" + shown + "/";
        }
        String indent = text.substring(lineStart, tag.start());
        return "#+caption: " + shown + "\n" + indent + image;
    }

    private String video(String base, String site) {
        String id = tag.arg("id", 0);
        if (id == null || !VIDEO_ID.matcher(id).matches()) {
            problem = id == null ? "names no video" : "\"" + id + "\" is not a " + site + " video id";
            return null;
        }
        String title = oneLine(tag.named().get("title"));
        String shown = title == null ? site + " video " + id : title;
        return syntax == Shortcodes.Syntax.ORG
                ? "[[" + base + id + "][" + orgText(shown) + "]]"
                : "[" + mdText(shown) + "](" + base + id + ")";
    }

    /** Where the tag's line starts, if only blanks come before the tag on it; else -1. Reads only those blanks. */
    private int lineStart() {
        int p = tag.start();
        while (p > 0 && (text.charAt(p - 1) == ' ' || text.charAt(p - 1) == '\t')) {
            p--;
        }
        return p == 0 || text.charAt(p - 1) == '\n' ? p : -1;
    }

    private boolean restOfLineBlank() {
        int p = tag.end();
        while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t' || text.charAt(p) == '\r')) {
            p++;
        }
        return p == text.length() || text.charAt(p) == '\n';
    }

    /** A destination both syntaxes read as one: what would end or split it is percent-encoded (LinkIndex decodes). */
    static String destination(String path) {
        String p = path.strip();
        StringBuilder out = new StringBuilder(p.length());
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            switch (c) {
                case ' ' -> out.append("%20");
                case '\t', '\n', '\r' -> out.append("%20");
                case '(' -> out.append("%28");
                case ')' -> out.append("%29");
                case '<' -> out.append("%3C");
                case '>' -> out.append("%3E");
                case '[' -> out.append("%5B");
                case ']' -> out.append("%5D");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String orgPath(String p) {
        return destination(p);
    }

    /** Text inside a Markdown link's brackets. */
    private static String mdText(String s) {
        return s.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    }

    /** Text inside an Org link's description, which cannot hold brackets. */
    private static String orgText(String s) {
        return s.replace("[", "(").replace("]", ")");
    }

    private static String oneLine(String s) {
        return blankToNull(s) == null ? null : s.strip().replaceAll("\\s+", " ");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
