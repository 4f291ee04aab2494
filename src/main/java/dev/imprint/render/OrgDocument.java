package dev.imprint.render;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One render's state: the lines and the position in them, the keywords (with {@code #+SETUPFILE}s and
 * {@code #+OPTIONS:}) read before anything renders, and what rendering collects: headings, links, ids, footnotes,
 * problems. It also answers {@link OrgInline}'s questions about the note.
 */
final class OrgDocument implements OrgInline.Note {
    static final Pattern KEYWORD = Pattern.compile("#\\+([^\\s:]+):(?: (.*))?");
    private static final Set<String> TODO = Set.of("TODO", "DONE");
    /** Setup files that name setup files: so deep at most, so that two naming each other end. */
    private static final int MAX_SETUP_DEPTH = 4;

    final boolean allowRawHtml;
    String[] lines; // swapped for an item's own lines while a list item renders
    final Map<String, String> keywords = new LinkedHashMap<>();
    final List<Heading> headings = new ArrayList<>();
    final List<String> links = new ArrayList<>();
    /** {@code :ID:} → anchor ("" for the file's own drawer), as {@link OrgRendering#ids}. */
    final Map<String, String> ids = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    final OrgInNoteLinks inNote = new OrgInNoteLinks();
    private final Map<String, String> macros = new HashMap<>();
    /** {@code #+LINK: name prefix}: {@code [[name:tag]]} links to the prefix with the tag added. */
    private final Map<String, String> linkAbbreviations = new HashMap<>();
    /** {@code #+OPTIONS:} toggles as written (e.g. "toc" → "nil"). */
    final Map<String, String> options = new HashMap<>();
    final OrgFootnotes footnotes;
    /** {@code #+OPTIONS: ealb:t}: lines of Chinese, Japanese or Korean join without a space. */
    final boolean ealb;
    final OrgInline inline;
    final Set<String> todo = new LinkedHashSet<>(TODO);
    /** Tags whose subtrees are not exported ({@code #+EXCLUDE_TAGS:}, by default {@code noexport}). */
    final Set<String> excludeTags = new HashSet<>();
    boolean hasCode;
    boolean hasMath;
    int pos;
    /** {@code #+caption:} for the element that follows: a table, a src block or a paragraph. */
    String caption;
    /** Reads the files {@code #+INCLUDE} and {@code #+SETUPFILE} name; null: none. */
    final Function<String, String> files;
    private int setupDepth;

    OrgDocument(String org, LinkResolver resolver, Function<String, String> files, boolean allowRawHtml) {
        this.allowRawHtml = allowRawHtml;
        this.lines = org.replace("\r\n", "\n").split("\n", -1);
        this.files = files;
        keywords(lines);
        this.footnotes = new OrgFootnotes(!off("f"));
        this.inline = new OrgInline(resolver, links, footnotes, this,
                new OrgInline.Options(!off("e"), !off("^"), allowRawHtml));
        this.ealb = "t".equals(options.get("ealb"));
        for (String tag : keywords.getOrDefault("exclude_tags", "noexport").split("\\s+")) {
            excludeTags.add(tag);
        }
    }

    /** Keywords apply to the whole file, wherever they are. */
    private void keywords(String[] lines) {
        for (String line : lines) {
            Matcher m = KEYWORD.matcher(line.strip());
            if (m.matches() && !m.group(1).toLowerCase(Locale.ROOT).startsWith("begin_")
                    && !m.group(1).toLowerCase(Locale.ROOT).startsWith("end_")) {
                String key = m.group(1).toLowerCase(Locale.ROOT);
                String value = m.group(2) == null ? "" : m.group(2).strip();
                keyword(key, value);
            }
        }
    }

    /** {@code #+SETUPFILE:}: the file's keywords, as if they were the note's (go-org and Org read them so). */
    private void setupFile(String value) {
        String path = unquote(value);
        String text = files == null || setupDepth >= MAX_SETUP_DEPTH ? null : files.apply(path);
        if (text == null) {
            problems.add(files == null ? "#+SETUPFILE is not supported; " + path + " not read"
                    : "#+SETUPFILE: " + path + " not found or nested too deep; not read");
            return;
        }
        setupDepth++;
        keywords(text.replace("\r\n", "\n").split("\n"));
        setupDepth--;
    }

    /** A file keyword, kept for the front matter; some also set up how the note reads. */
    private void keyword(String key, String value) {
        keywords.put(key, value);
        String[] words = value.isEmpty() ? new String[0] : value.split("\\s+");
        switch (key) {
            case "link" -> { // #+LINK: name prefix
                if (words.length > 0) {
                    linkAbbreviations.put(words[0], value.substring(words[0].length()).strip());
                }
            }
            case "macro" -> { // #+MACRO: name body with $1, $2…
                if (words.length > 0) {
                    macros.put(words[0].toLowerCase(Locale.ROOT), value.substring(words[0].length()).strip());
                }
            }
            case "options" -> { // several lines add up
                for (String w : words) {
                    int colon = w.indexOf(':');
                    if (colon > 0) {
                        options.put(w.substring(0, colon).toLowerCase(Locale.ROOT), w.substring(colon + 1));
                    }
                }
            }
            case "setupfile" -> setupFile(value);
            case "todo" -> { // #+TODO: TODO WAIT(w) | DONE
                for (String w : value.split("[\\s|]+")) {
                    if (!w.isEmpty()) {
                        todo.add(w.replaceAll("\\(.*\\)", ""));
                    }
                }
            }
            default -> { }
        }
    }

    /** An {@code #+OPTIONS:} toggle turned off ({@code key:nil}). */
    boolean off(String key) {
        return "nil".equals(options.get(key));
    }

    @Override
    public String inNoteLink(String target, String textHtml) {
        return inNote.placeholder(target, textHtml);
    }

    @Override
    public String macro(String name) {
        return switch (name) {
            case "title", "author", "date", "email", "subtitle", "description" -> keywords.get(name);
            default -> macros.get(name);
        };
    }

    @Override
    public String expandLink(String destination) {
        int colon = destination.indexOf(':');
        String name = colon < 0 ? destination : destination.substring(0, colon);
        String prefix = linkAbbreviations.get(name);
        if (prefix == null) {
            return destination;
        }
        String tag = colon < 0 ? "" : destination.substring(colon + 1);
        if (prefix.contains("%s") || prefix.contains("%h")) { // %h: the tag URL-encoded
            return prefix.replace("%s", tag).replace("%h", URLEncoder.encode(tag, StandardCharsets.UTF_8));
        }
        return prefix + tag;
    }

    @Override
    public void mathSeen() {
        hasMath = true;
    }

    /** {@code "file" …} → file; a value without quotes is its first word. */
    static String unquote(String value) {
        int close = value.startsWith("\"") ? value.indexOf('"', 1) : -1;
        return close > 0 ? value.substring(1, close) : value.split("\\s+", 2)[0];
    }
}
