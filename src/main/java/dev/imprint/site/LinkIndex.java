package dev.imprint.site;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.imprint.render.Heading;
import dev.imprint.source.SourceFile;

/**
 * Resolves what notes link to: relative Markdown links, content-root-absolute links, Obsidian wikilinks
 * (case-insensitive; by file name when unique, else the shortest matching path; aliases too), embeds, heading
 * fragments and inline tags. Built once per site.
 */
final class LinkIndex {
    /** "obsidian://open?vault=x" written as a wikilink: Obsidian forbids ':' in file names, so no note is meant. */
    private static final Pattern URL_TARGET = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    private static final Comparator<String> SHORTEST_PATH = Comparator.comparingInt(String::length).thenComparing(s -> s);

    private static final String NOT_FOUND = "no such note or file";
    private static final String OUTSIDE = "leaves the site";

    private Site site;
    private final Map<String, Note> byContentPath = new HashMap<>();
    /** lower-case content path without extension → note */
    private final Map<String, Note> byStem = new HashMap<>();
    /** lower-case file name without extension → notes, shortest path first */
    private final Map<String, List<Note>> byName = new HashMap<>();
    private final Map<String, Note> byAlias = new HashMap<>();
    /** Org {@code :ID:} property → the note that defines it (org-roam's {@code [[id:…]]} links) */
    private final Map<String, Note> byId = new HashMap<>();
    private final Map<String, Asset> assetsByPath = new HashMap<>();
    private final Map<String, List<Asset>> assetsByName = new HashMap<>();
    private final Set<String> drafts;
    private final Map<String, Section> sections;
    private final UrlSchemes schemes;

    LinkIndex(Site site, List<Note> notes, List<Asset> assets, Set<String> drafts, Map<String, Section> sections) {
        this.site = site;
        this.schemes = UrlSchemes.of(site.config());
        this.drafts = drafts;
        this.sections = sections;
        for (Note n : notes) {
            String cp = n.file().contentPath();
            byContentPath.put(cp, n);
            String stem = stem(cp).toLowerCase(Locale.ROOT);
            byStem.putIfAbsent(stem, n);
            byName.computeIfAbsent(name(stem), k -> new ArrayList<>()).add(n);
        }
        for (Note n : notes) {
            byContentPath.putIfAbsent(n.file().contentPath().toLowerCase(Locale.ROOT), n);
            for (String alias : n.aliases()) {
                byAlias.putIfAbsent(alias.toLowerCase(Locale.ROOT), n);
            }
            for (String id : n.parsed().ids().keySet()) {
                byId.putIfAbsent(id, n); // notes come in path order: the first definer of an id wins
            }
        }
        byName.values().forEach(l -> l.sort(Comparator.comparing((Note n) -> n.file().contentPath(), SHORTEST_PATH)));
        for (Asset a : assets) {
            String cp = a.file().contentPath();
            assetsByPath.put(cp, a);
            assetsByPath.putIfAbsent(cp.toLowerCase(Locale.ROOT), a);
            assetsByName.computeIfAbsent(name(cp).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(a);
        }
        assetsByName.values().forEach(l -> l.sort(Comparator.comparing((Asset a) -> a.file().contentPath(), SHORTEST_PATH)));
    }

    private static String stem(String path) {
        return SourceFile.stem(path);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Puts {@code now} wherever {@code old} was (a note of the same shape); the index then belongs to {@code site}. */
    void replace(Note old, Note now, Site site) {
        this.site = site;
        String cp = old.file().contentPath();
        for (String key : List.of(cp, cp.toLowerCase(Locale.ROOT))) {
            byContentPath.replace(key, old, now);
        }
        String stem = stem(cp).toLowerCase(Locale.ROOT);
        byStem.replace(stem, old, now);
        List<Note> named = byName.get(name(stem));
        if (named != null) {
            named.replaceAll(n -> n == old ? now : n);
        }
        for (String alias : old.aliases()) {
            byAlias.replace(alias.toLowerCase(Locale.ROOT), old, now);
        }
        for (String id : old.parsed().ids().keySet()) {
            byId.replace(id, old, now);
        }
    }

    Note note(String contentPath) {
        return byContentPath.get(contentPath);
    }

    /**
     * Where {@code destination} leads from the page at {@code fromPath}. Whatever that is (an external URL, a broken
     * link's destination as written), a URL no page may carry is shown as text instead: the one check every link
     * passes, so no spelling that the steps before read as a path or a note can reach the page as a script URL.
     */
    Link resolve(String fromContentPath, String fromPath, String destination, boolean image) {
        Link link = find(fromContentPath, fromPath, destination);
        String refusal = schemes.refusal(link.href(), image);
        return refusal == null ? link : Link.shownAsText(link.href(), refusal);
    }

    private Link find(String fromContentPath, String fromPath, String destination) {
        String d = destination.trim();
        if (d.startsWith("![[") && d.endsWith("]]")) {
            return embed(fromContentPath, fromPath, d.substring(3, d.length() - 2));
        }
        if (d.startsWith("[[") && d.endsWith("]]")) {
            return wikilink(fromContentPath, fromPath, d.substring(2, d.length() - 2), false);
        }
        if (d.startsWith("tag:")) {
            String tag = d.substring(4);
            return Link.ok(Urls.relative(fromPath, site.tagPath(tag)));
        }
        if (d.isEmpty() || d.startsWith("#")) {
            return Link.ok(d);
        }
        if (d.startsWith("id:")) {
            return orgId(fromPath, d.substring(3).strip());
        }
        if (Urls.isExternal(d)) {
            return external(d);
        }
        return markdownLink(fromContentPath, fromPath, d, destination);
    }

    /**
     * A link out of the site. An app's own scheme ({@code obsidian://}, {@code zotero://}) is an external link like
     * any other, never a broken one; whether a page may carry it is {@link #resolve}'s last word.
     */
    private static Link external(String d) {
        return Link.ok(d);
    }

    private Link markdownLink(String fromContentPath, String fromPath, String d, String asWritten) {
        int cut = indexOfAny(d, '#', '?');
        String pathPart = cut < 0 ? d : d.substring(0, cut);
        String suffix = cut < 0 ? "" : d.substring(cut);
        String target = Urls.resolveContentPath(fromContentPath, pathPart);
        if (target == null) {
            return Link.broken(asWritten, OUTSIDE);
        }
        Note note = byContentPath.get(target);
        if (note == null && !target.isEmpty()) {
            note = byContentPath.get(target.toLowerCase(Locale.ROOT));
        }
        if (note == null) {
            String folder = target.replaceAll("/+$", "");
            for (String candidate : List.of(folder + ".md", folder + ".org", folder + "/index.md", folder + "/index.org",
                    folder + "/README.md")) {
                note = byContentPath.get(candidate);
                if (note != null) {
                    break;
                }
            }
        }
        if (note != null) {
            String fragment = suffix.startsWith("#") ? suffix.substring(1) : null;
            String id = null;
            if (fragment != null && !fragment.isEmpty()) {
                id = headingId(note, Urls.decode(fragment));
                if (id == null) {
                    return Link.broken(asWritten, "no heading '" + fragment + "' in " + note.file().path());
                }
            }
            return Link.to(Urls.relative(fromPath, note.path()) + (id == null ? suffix : anchor(id)), note, id);
        }
        Asset asset = assetsByPath.get(target);
        if (asset != null) {
            return Link.ok(Urls.relative(fromPath, asset.path()) + suffix);
        }
        String folder = target.replaceAll("/+$", "");
        if (folder.isEmpty()) {
            return Link.ok(Urls.relative(fromPath, "index.html") + suffix);
        }
        Section section = sections.get(folder);
        if (section != null) {
            return Link.ok(Urls.relative(fromPath, section.path()) + suffix);
        }
        if (drafts.contains(target)) {
            return Link.broken(asWritten, "links to a draft");
        }
        if (pathPart.contains("/") && !pathPart.startsWith("/")) {
            // "posts/a.md" from the page, then from the root: Hugo's ref and link hook, Obsidian's vault paths
            Link fromRoot = markdownLink(fromContentPath, fromPath, "/" + d, asWritten);
            if (!fromRoot.broken() || !fromRoot.reason().equals(NOT_FOUND) && !fromRoot.reason().equals(OUTSIDE)) {
                return fromRoot; // found, or found a draft or a note without that heading: say so
            }
        }
        if (!pathPart.contains("/")) {
            // a bare file name, as Obsidian writes Markdown links ("shortest path"): found wherever it is
            Link byName = wikilink(fromContentPath, fromPath, Urls.decode(pathPart) + suffix.replaceFirst("^\\?[^#]*", ""), false);
            if (!byName.broken()) {
                return byName;
            }
        }
        return Link.broken(asWritten, NOT_FOUND);
    }

    /** An org-roam link: to the note, or the headline in it, whose property drawer has this {@code :ID:}. */
    private Link orgId(String fromPath, String id) {
        Note note = byId.get(id);
        if (note == null) {
            // "id:" is no URL scheme a page could use: the broken link stays in the page, leading nowhere
            return Link.broken("#", "no note or headline has the ID '" + id + "'");
        }
        String anchor = note.parsed().ids().get(id);
        return Link.to(Urls.relative(fromPath, note.path()) + anchor(anchor), note, anchor.isEmpty() ? null : anchor);
    }

    private Link wikilink(String fromContentPath, String fromPath, String target, boolean image) {
        String asWritten = "[[" + target + "]]";
        if (URL_TARGET.matcher(target).matches()) {
            return external(target.strip());
        }
        int hash = target.indexOf('#');
        String name = (hash < 0 ? target : target.substring(0, hash)).trim();
        String fragment = hash < 0 ? null : target.substring(hash + 1).trim();
        if (fragment != null && fragment.startsWith("^")) {
            fragment = null; // block references have no anchor in the page; link to the note
        }
        if (name.isEmpty()) {
            Note self = byContentPath.get(fromContentPath);
            if (fragment == null || self == null) {
                return Link.ok("#" + (fragment == null ? "" : fragment));
            }
            String id = headingId(self, fragment);
            return id == null ? Link.broken(asWritten, "no heading '" + fragment + "' in this note")
                    : Link.to(id.isEmpty() ? "#" : "#" + id, self, id);
        }
        Note note = image ? null : findNote(name);
        if (note == null) {
            Asset asset = findAsset(name);
            if (asset != null) {
                return Link.ok(Urls.relative(fromPath, asset.path()));
            }
            return Link.broken(asWritten, draftNamed(name) ? "links to a draft" : "no note or file named '" + name + "'");
        }
        String id = null;
        if (fragment != null && !fragment.isEmpty()) {
            id = headingId(note, fragment);
            if (id == null) {
                return Link.broken(asWritten, "no heading '" + fragment + "' in " + note.file().path());
            }
        }
        return Link.to(Urls.relative(fromPath, note.path()) + anchor(id), note, id);
    }

    private Link embed(String fromContentPath, String fromPath, String target) {
        String asWritten = "![[" + target + "]]";
        int hash = target.indexOf('#');
        String name = (hash < 0 ? target : target.substring(0, hash)).trim();
        String fragment = hash < 0 ? null : target.substring(hash + 1).trim();
        Note note = name.isEmpty() ? byContentPath.get(fromContentPath) : findNote(name);
        Asset file = note == null && !name.isEmpty() ? findAsset(name) : null;
        if (file != null) {
            return Link.embedOf(Urls.relative(fromPath, file.path())); // a PDF, a recording: shown as a link to it
        }
        if (note == null) {
            return Link.broken(asWritten, draftNamed(name) ? "embeds a draft" : "no note named '" + name + "' to embed");
        }
        String id = null;
        if (fragment != null && !fragment.isEmpty() && !fragment.startsWith("^")) {
            id = headingId(note, fragment);
            if (id == null) {
                return Link.broken(asWritten, "no heading '" + fragment + "' in " + note.file().path());
            }
        }
        return Link.embedOf(note, id);
    }

    /** Obsidian's rule: exact path (from the content root), else unique file name, else shortest matching path; then aliases. */
    Note findNote(String name) {
        String key = stem(name.replaceAll("^/+", "")).toLowerCase(Locale.ROOT);
        Note exact = byStem.get(key);
        if (exact != null) {
            return exact;
        }
        if (!key.contains("/")) {
            List<Note> named = byName.get(key);
            if (named != null && !named.isEmpty()) {
                return named.get(0);
            }
        } else {
            Note best = null;
            for (var e : byStem.entrySet()) {
                if (e.getKey().endsWith("/" + key)) {
                    if (best == null || SHORTEST_PATH.compare(e.getValue().file().contentPath(), best.file().contentPath()) < 0) {
                        best = e.getValue();
                    }
                }
            }
            if (best != null) {
                return best;
            }
        }
        return byAlias.get(name.toLowerCase(Locale.ROOT));
    }

    private Asset findAsset(String name) {
        String key = name.replaceAll("^/+", "");
        Asset a = assetsByPath.get(key);
        if (a == null) {
            a = assetsByPath.get(key.toLowerCase(Locale.ROOT));
        }
        if (a != null) {
            return a;
        }
        String lower = key.toLowerCase(Locale.ROOT);
        List<Asset> named = assetsByName.get(name(lower));
        if (named == null) {
            return null;
        }
        for (Asset candidate : named) {
            String cp = candidate.file().contentPath().toLowerCase(Locale.ROOT);
            if (cp.equals(lower) || cp.endsWith("/" + lower)) {
                return candidate;
            }
        }
        return null;
    }

    private boolean draftNamed(String name) {
        String key = stem(name).toLowerCase(Locale.ROOT);
        for (String d : drafts) {
            String s = stem(d).toLowerCase(Locale.ROOT);
            if (s.equals(key) || s.endsWith("/" + key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The id of the heading a fragment names: an id, or a heading's text (as Obsidian writes it); null if none.
     * {@code Section#Subsection} descends as in Obsidian: each part is looked for under the heading found before it.
     */
    static String headingId(Note note, String fragment) {
        if (fragment.equalsIgnoreCase(note.title())) {
            return ""; // the title: the top of the page
        }
        List<Heading> headings = note.parsed().markdown().headings();
        String[] parts = fragment.split("#");
        int from = 0;
        int to = headings.size();
        int found = -1;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.isEmpty() || i == 0 && parts.length > 1 && part.equalsIgnoreCase(note.title())) {
                continue; // "Note#Title#Section" and stray '#'s
            }
            found = find(headings, from, to, part);
            if (found < 0) {
                return null;
            }
            from = found + 1;
            to = sectionEnd(headings, found);
        }
        return found < 0 ? "" : headings.get(found).id();
    }

    /** The first heading in {@code [from, to)} that {@code fragment} names, by id first, then by text; else -1. */
    private static int find(List<Heading> headings, int from, int to, String fragment) {
        for (int i = from; i < to; i++) {
            if (headings.get(i).id().equals(fragment)) {
                return i;
            }
        }
        String wanted = normalize(fragment);
        for (int i = from; i < to; i++) {
            Heading h = headings.get(i);
            if (normalize(h.text()).equals(wanted) || h.id().equalsIgnoreCase(fragment)) {
                return i;
            }
        }
        return -1;
    }

    /** Where the section of heading {@code at} ends: the next heading of the same or a higher level. */
    private static int sectionEnd(List<Heading> headings, int at) {
        int level = headings.get(at).level();
        for (int i = at + 1; i < headings.size(); i++) {
            if (headings.get(i).level() <= level) {
                return i;
            }
        }
        return headings.size();
    }

    private static String anchor(String id) {
        return id == null || id.isEmpty() ? "" : "#" + id;
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
