package dev.imprint.site;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.imprint.source.SiteConfig;
import dev.imprint.source.Warning;

/** The immutable site model of one source commit. Everything here is in a stable order. */
public final class Site {
    private static final Set<String> SAFE_SCHEMES = Set.of("http", "https", "mailto", "ftp", "tel", "xmpp", "irc", "ircs", "news", "geo");

    private final SiteConfig config;
    private final List<Note> notes;
    private final Map<String, Note> notesByContentPath;
    private final List<Note> chronological;
    private final Map<Note, Integer> chronoIndex = new IdentityHashMap<>();
    private final List<Section> sections;
    private final List<Tag> tags;
    private final Intro homeIntro;
    private final Map<String, Asset> assetsByContentPath;
    private final Map<String, Section> sectionsByName;
    private final Set<String> drafts;
    private final List<Warning> warnings;

    Site(SiteConfig config, List<Note> notes, Map<String, Note> notesByContentPath, List<Note> chronological,
         List<Section> sections, List<Tag> tags, Intro homeIntro, Map<String, Asset> assetsByContentPath,
         Map<String, Section> sectionsByName, Set<String> drafts, List<Warning> warnings) {
        this.config = config;
        this.notes = notes;
        this.notesByContentPath = notesByContentPath;
        this.chronological = chronological;
        this.sections = sections;
        this.tags = tags;
        this.homeIntro = homeIntro;
        this.assetsByContentPath = assetsByContentPath;
        this.sectionsByName = sectionsByName;
        this.drafts = drafts;
        this.warnings = warnings;
        for (int i = 0; i < chronological.size(); i++) {
            chronoIndex.put(chronological.get(i), i);
        }
    }

    public SiteConfig config() {
        return config;
    }

    /** All published notes, by content path. */
    public List<Note> notes() {
        return notes;
    }

    /** Dated notes, oldest first; ties broken by path. */
    public List<Note> chronological() {
        return chronological;
    }

    /** The next older note ("Previously"), or null. */
    public Note previous(Note note) {
        Integer i = chronoIndex.get(note);
        return i == null || i == 0 ? null : chronological.get(i - 1);
    }

    /** The next newer note ("Next"), or null. */
    public Note next(Note note) {
        Integer i = chronoIndex.get(note);
        return i == null || i == chronological.size() - 1 ? null : chronological.get(i + 1);
    }

    /** Notes newest first: dated ones by date, then undated ones by weight and title. */
    public List<Note> newestFirst() {
        return SiteBuilder.newestFirst(notes);
    }

    public List<Section> sections() {
        return sections;
    }

    public Section section(String name) {
        return name == null ? null : sectionsByName.get(name);
    }

    public List<Tag> tags() {
        return tags;
    }

    public Intro homeIntro() {
        return homeIntro;
    }

    public List<Asset> assets() {
        return List.copyOf(assetsByContentPath.values());
    }

    public List<Warning> warnings() {
        return warnings;
    }

    public String tagPath(String tag) {
        return "tags/" + Urls.tagSlug(tag) + "/index.html";
    }

    /**
     * Resolves a link written in the file at {@code fromContentPath}, whose page is at {@code fromPath}.
     * External links and same-page anchors are left as they are.
     */
    public Link resolve(String fromContentPath, String fromPath, String destination) {
        String d = destination.trim();
        if (d.isEmpty() || d.startsWith("#")) {
            return Link.ok(d);
        }
        if (Urls.isExternal(d)) {
            // the sanitizer only ever sees placeholders, so unsafe schemes are caught here
            if (!config.rawHtml() && !d.startsWith("//") && !SAFE_SCHEMES.contains(scheme(d))) {
                return new Link("#", true, "unsafe URL scheme");
            }
            return Link.ok(d);
        }
        int cut = indexOfAny(d, '#', '?');
        String pathPart = cut < 0 ? d : d.substring(0, cut);
        String suffix = cut < 0 ? "" : d.substring(cut);
        String target = Urls.resolveContentPath(fromContentPath, pathPart);
        if (target == null) {
            return Link.broken(destination, "leaves the site");
        }
        Note note = notesByContentPath.get(target);
        if (note == null && !target.isEmpty()) {
            note = notesByContentPath.get(target.toLowerCase(Locale.ROOT));
        }
        if (note != null) {
            return Link.ok(Urls.relative(fromPath, note.path()) + suffix);
        }
        Asset asset = assetsByContentPath.get(target);
        if (asset != null) {
            return Link.ok(Urls.relative(fromPath, asset.path()) + suffix);
        }
        String folder = target.replaceAll("/+$", "");
        if (folder.isEmpty()) {
            return Link.ok(Urls.relative(fromPath, "index.html") + suffix);
        }
        Section section = sectionsByName.get(folder);
        if (section != null) {
            return Link.ok(Urls.relative(fromPath, section.path()) + suffix);
        }
        for (String candidate : List.of(folder + ".md", folder + "/index.md", folder + "/README.md")) {
            Note n = notesByContentPath.get(candidate);
            if (n != null) {
                return Link.ok(Urls.relative(fromPath, n.path()) + suffix);
            }
        }
        if (drafts.contains(target)) {
            return Link.broken(destination, "links to a draft");
        }
        return Link.broken(destination, "no such note or file");
    }

    private static String scheme(String d) {
        return d.substring(0, Math.max(0, d.indexOf(':'))).toLowerCase(Locale.ROOT);
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
