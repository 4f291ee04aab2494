package dev.imprint.site;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.imprint.render.NoteParser;
import dev.imprint.render.ParsedNote;
import dev.imprint.source.Dates;
import dev.imprint.source.FileHistory;
import dev.imprint.source.FrontMatter;
import dev.imprint.source.HistoryIndex;
import dev.imprint.source.Hugo;
import dev.imprint.source.SiteConfig;
import dev.imprint.source.Snapshot;
import dev.imprint.source.SourceFile;
import dev.imprint.source.Warning;

/** Builds the {@link Site} of a snapshot. Deterministic: the same snapshot always gives the same model. */
public final class SiteBuilder {
    /** The folder Hugo's tag taxonomy pages live in: {@code content/tags/<tag>/_index.md}. */
    private static final String TAGS = "tags";
    private static final Set<String> KNOWN_KEYS = Set.of("title", "date", "lastmod", "tags", "draft", "slug", "summary",
            "description", "aliases", "weight");

    /** The dated notes oldest first by instant, ties broken by path; each instant computed once, not per comparison. */
    private static List<Note> chronological(List<Note> notes) {
        record Keyed(long second, int nano, String path, Note note) {
        }
        List<Keyed> keyed = new ArrayList<>(notes.size());
        for (Note n : notes) {
            if (n.dated()) {
                keyed.add(new Keyed(n.date().toEpochSecond(), n.date().getNano(), n.file().contentPath(), n));
            }
        }
        keyed.sort(Comparator.comparingLong(Keyed::second).thenComparingInt(Keyed::nano).thenComparing(Keyed::path));
        List<Note> sorted = new ArrayList<>(keyed.size());
        keyed.forEach(k -> sorted.add(k.note()));
        return sorted;
    }

    private static final Comparator<Note> UNDATED = Comparator.comparingInt(Note::weight)
            .thenComparing(n -> n.title().toLowerCase(Locale.ROOT))
            .thenComparing(n -> n.file().contentPath());

    private final Snapshot snapshot;
    private final NoteParser parser;
    private final List<Warning> warnings = new ArrayList<>();

    private final HistoryIndex history;
    private final Map<String, Made> previous;
    private final Site previousSite;
    private final Map<String, Made> made = new HashMap<>();

    /**
     * A note as the last build of this repository made it, with the warnings making it gave. Reused while its blob,
     * its parse and its history are the very same (the caller drops these when the config or Imprint changes) and the
     * commit's time is inside its window (a Hugo page's publishDate or expiryDate was not crossed).
     */
    public record Made(ParsedNote parsed, FileHistory facts, Note note, List<Warning> warnings, PublishWindow window) {
    }

    /** @param history Git facts per file (created, updated, contributors), or null to go without */
    public SiteBuilder(Snapshot snapshot, NoteParser parser, HistoryIndex history) {
        this(snapshot, parser, history, Map.of(), null);
    }

    /**
     * @param previous the notes the last build made, by repository path ({@link #made()}), or an empty map
     * @param previousSite the last build's site, whose link resolutions are reused where nothing they read changed
     */
    public SiteBuilder(Snapshot snapshot, NoteParser parser, HistoryIndex history, Map<String, Made> previous,
                       Site previousSite) {
        this.snapshot = snapshot;
        this.parser = parser;
        this.history = history;
        this.previous = previous;
        this.previousSite = previousSite;
        this.commitTime = snapshot.time();
    }

    /** "Now" for future and expired pages: the source commit's time, never the clock. */
    private final Instant commitTime;
    /** The window of the note {@link #note} last decided on. */
    private PublishWindow noteWindow = PublishWindow.ALWAYS;
    /** The window of every note decided on, published or left out. */
    private PublishWindow siteWindow = PublishWindow.ALWAYS;

    private boolean patched;
    private Map<Note, Note> swaps = Map.of();

    /** After a {@link #patch}: each changed note of the previous site → its new note. */
    public Map<Note, Note> swaps() {
        return swaps;
    }

    /** True when some link's fragment may name {@code title} (compared loosely: letters and digits only). */
    private static boolean mentionsTitle(Site site, String title) {
        String t = loose(title);
        if (t.isEmpty()) {
            return true;
        }
        for (String fragment : site.linkFragments()) {
            if (fragment.contains(t)) {
                return true;
            }
        }
        return false;
    }

    static String loose(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /** The notes this build made, for the next build of the same repository (a patch updates the previous map). */
    public Map<String, Made> made() {
        return patched ? previous : made;
    }

    private Note reuseOrBuild(SourceFile file, ParsedNote p, SiteConfig config) {
        FileHistory facts = history == null ? null : history.get(file.path());
        Made last = previous.get(file.path());
        if (last != null && last.parsed() == p && last.facts() == facts && last.note() != null
                && last.note().file().equals(file) && last.window().contains(commitTime)) {
            siteWindow = siteWindow.and(last.window());
            warnings.addAll(last.warnings());
            made.put(file.path(), last);
            return last.note();
        }
        int before = warnings.size();
        Note note = note(file, p, config);
        siteWindow = siteWindow.and(noteWindow);
        made.put(file.path(), new Made(p, facts, note, List.copyOf(warnings.subList(before, warnings.size())),
                noteWindow));
        return note;
    }


    public Site build() {
        SiteConfig config = snapshot.config();
        warnings.addAll(snapshot.warnings());

        // parsed on every core (a stream is parallel or sequential as a whole: the map must not be collected by a
        // sequential forEach, which would make the parsing sequential too); toList keeps the order
        List<ParsedNote> results = snapshot.notes().parallelStream()
                .map(f -> parser.parse(f, () -> snapshot.read(f.blob())))
                .toList();
        Map<SourceFile, ParsedNote> parsed = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            parsed.put(snapshot.notes().get(i), results.get(i));
        }

        Intro homeIntro = null;
        Intro tagsIntro = null;
        Map<String, Intro> sectionIntros = new TreeMap<>();
        Map<String, Intro> tagIntros = new TreeMap<>();
        Map<String, Note> byPath = new LinkedHashMap<>();
        Set<String> drafts = new TreeSet<>();
        List<Note> notes = new ArrayList<>();

        for (SourceFile file : snapshot.notes()) {
            ParsedNote p = parsed.get(file);
            String cp = file.contentPath();
            String lower = cp.toLowerCase(Locale.ROOT);
            String[] segments = cp.split("/");
            boolean intro = isIntro(segments);
            for (String problem : p.problems()) {
                if (!(intro && problem.equals("empty note"))) { // an intro may be front matter only
                    warnings.add(new Warning(file.path(), problem));
                }
            }
            if (intro && segments.length == 1) {
                // index.md (or Hugo's _index.md) wins over README.md
                if (homeIntro == null || !lower.startsWith("readme")) {
                    homeIntro = new Intro(file, p);
                }
                continue;
            }
            // a section's intro is its index.md or Hugo's _index.md (_index.en.md too); index.old.md is a note
            String fileName = segments[segments.length - 1].toLowerCase(Locale.ROOT);
            boolean hugoIndex = fileName.startsWith("_index.");
            if (hugoIndex && segments[0].equals(TAGS) && segments.length <= 3) {
                // Hugo's term pages: tags/_index introduces the tags index, tags/<tag>/_index that tag's page
                if (segments.length == 2) {
                    tagsIntro = new Intro(file, p);
                } else {
                    tagIntros.put(Urls.tagSlug(segments[1]), new Intro(file, p));
                }
                continue;
            }
            if (segments.length == 2 && (hugoIndex || SourceFile.stem(fileName).equals("index"))) {
                sectionIntros.put(segments[0], new Intro(file, p));
                continue;
            }
            if (hugoIndex) {
                continue; // folder intros below the section level have no page of their own
            }
            Note note = reuseOrBuild(file, p, config);
            if (note == null) {
                drafts.add(cp);
                continue;
            }
            Note claimed = byPath.putIfAbsent(note.path(), note);
            if (claimed != null) {
                warnings.add(new Warning(file.path(), "its URL " + note.path() + " is already taken by "
                        + claimed.file().path() + "; not published"));
                continue;
            }
            notes.add(note);
        }

        Map<String, Asset> assets = new LinkedHashMap<>();
        for (SourceFile file : snapshot.assets()) {
            Asset asset = new Asset(file, Urls.assetPath(file.contentPath()));
            warnUnsafeFolders(file, file.contentPath(), asset.path());
            assets.put(file.contentPath(), asset);
        }

        List<Note> chronological = chronological(notes);
        // newest first: the chain reversed, then the undated notes; every list below keeps this order
        List<Note> newest = new ArrayList<>(notes.size());
        for (int i = chronological.size() - 1; i >= 0; i--) {
            newest.add(chronological.get(i));
        }
        newest.addAll(notes.stream().filter(n -> !n.dated()).sorted(UNDATED).toList());

        Map<String, List<Note>> bySection = new TreeMap<>();
        Map<String, List<Note>> byTag = new TreeMap<>();
        Map<String, String> tagNames = new TreeMap<>();
        for (Note n : notes) {
            for (String tag : n.tags()) {
                tagNames.putIfAbsent(Urls.tagSlug(tag), tag);
            }
        }
        for (Note n : newest) {
            if (n.section() != null) {
                bySection.computeIfAbsent(n.section(), k -> new ArrayList<>()).add(n);
            }
            for (String tag : n.tags()) {
                byTag.computeIfAbsent(Urls.tagSlug(tag), k -> new ArrayList<>()).add(n);
            }
        }
        for (String name : sectionIntros.keySet()) {
            bySection.computeIfAbsent(name, k -> new ArrayList<>());
        }
        for (String slug : tagIntros.keySet()) { // a term page is published even before a note has its tag, as in Hugo
            byTag.computeIfAbsent(slug, k -> new ArrayList<>());
            tagNames.putIfAbsent(slug, slug);
        }
        List<Section> sections = new ArrayList<>();
        Map<String, Section> sectionsByName = new HashMap<>();
        for (var e : bySection.entrySet()) {
            String name = e.getKey();
            Intro intro = sectionIntros.get(name);
            String title = name;
            if (intro != null) {
                String t = intro.parsed().frontMatter().string("title");
                title = t != null ? t : intro.parsed().markdown().title() != null ? intro.parsed().markdown().title() : name;
            }
            String dir = sectionDir(name, config);
            Section s = new Section(name, title, dir + "/index.html", dir + "/feed.xml", intro, List.copyOf(e.getValue()));
            sections.add(s);
            sectionsByName.put(name, s);
        }
        List<Tag> tags = new ArrayList<>();
        for (var e : byTag.entrySet()) {
            Intro intro = tagIntros.get(e.getKey());
            String title = intro == null ? null : intro.parsed().frontMatter().string("title");
            tags.add(new Tag(title != null ? title.strip() : tagNames.get(e.getKey()), e.getKey(),
                    "tags/" + e.getKey() + "/index.html", List.copyOf(e.getValue()), intro));
        }
        warnings.sort(null);
        return new Site(config, List.copyOf(notes), List.copyOf(chronological), List.copyOf(newest), List.copyOf(sections),
                List.copyOf(tags), homeIntro, tagsIntro, List.copyOf(assets.values()), sectionsByName, byPath, drafts,
                List.copyOf(warnings), previousSite, siteWindow);
    }

    /**
     * The site after {@code changed} notes got new blobs, made from the previous site when every changed note keeps
     * its {@linkplain Note#structure() structure} (a body edit, or a dated note's new title that no link names as a
     * heading): then the site's structure is the same and only those notes are new objects. Null when any change
     * reaches further (a new date, tag or link, a draft, an intro...): the caller then {@link #build}s the site
     * afresh. The notes made are recorded in the previous build's map.
     *
     * @param changed the snapshot's files whose blobs changed since {@code previousSite} was built
     */
    public Site patch(Site previousSite, List<SourceFile> changed) {
        Map<Note, Note> swaps = new IdentityHashMap<>();
        Map<String, Made> mades = new HashMap<>();
        PublishWindow window = previousSite.window();
        for (SourceFile file : changed) {
            Made last = previous.get(file.path());
            if (last == null || last.note() == null || previousSite.note(file.contentPath()) != last.note()) {
                return null; // not a published note last time (an intro, a draft, a duplicate URL)
            }
            ParsedNote p = parser.parse(file, () -> snapshot.read(file.blob()));
            int before = warnings.size();
            Note now = note(file, p, snapshot.config());
            if (now == null || !now.structure().equals(last.note().structure())) {
                return null;
            }
            if (!now.title().equals(last.note().title())) {
                if (mentionsTitle(previousSite, last.note().title()) || mentionsTitle(previousSite, now.title())) {
                    return null; // a link may name the note's title as its heading ([[note#Title]])
                }
            }
            FileHistory facts = history == null ? null : history.get(file.path());
            mades.put(file.path(), new Made(p, facts, now, List.copyOf(warnings.subList(before, warnings.size())),
                    noteWindow));
            window = window.and(noteWindow);
            swaps.put(last.note(), now);
        }
        // the site's warnings, with the changed notes' own replaced
        Set<String> paths = new HashSet<>();
        changed.forEach(f -> paths.add(f.path()));
        List<Warning> all = new ArrayList<>();
        for (Warning w : previousSite.warnings()) {
            if (!paths.contains(w.path())) {
                all.add(w);
            }
        }
        for (SourceFile file : changed) {
            for (String problem : mades.get(file.path()).parsed().problems()) {
                all.add(new Warning(file.path(), problem));
            }
            all.addAll(mades.get(file.path()).warnings());
        }
        all.sort(null);
        previous.putAll(mades);
        patched = true;
        this.swaps = swaps;
        return previousSite.handOver(swaps, List.copyOf(all), window);
    }

    private static boolean isIntro(String[] segments) {
        String name = SourceFile.stem(segments[segments.length - 1].toLowerCase(Locale.ROOT));
        return segments.length == 1 ? name.equals("readme") || name.equals("index") || name.equals("_index")
                : name.equals("_index") || segments.length == 2 && name.equals("index");
    }

    /** The note's model, or null for a draft (or a Hugo page in the future or expired); sets {@link #noteWindow}. */
    private Note note(SourceFile file, ParsedNote p, SiteConfig config) {
        FrontMatter fm = p.frontMatter();
        Hugo hugo = config.hugo();
        noteWindow = PublishWindow.ALWAYS;
        if (isTrue(fm.fields().get("draft")) && (hugo == null || !hugo.buildDrafts())) {
            return null;
        }
        FileHistory facts = history == null ? null : history.get(file.path());
        HugoDates hugoDates = hugo == null ? null
                : HugoDates.read(hugo, file, fm, facts, config.timezone(), warnings);
        if (hugoDates != null && leftOut(hugo, hugoDates)) {
            return null;
        }
        String cp = file.contentPath();
        String slug = fm.string("slug");
        if (slug == null && hugoDates != null) {
            slug = hugoDates.slug();
        }
        String slugProblem = slug == null ? null : Urls.unsafeSegment(slug); // (front matter trims, and "" is none)
        if (slugProblem != null) {
            warnings.add(new Warning(file.path(), "slug '" + Warning.printable(slug) + "' would make " + slugProblem
                    + "; ignored, published at " + Urls.notePath(cp, null)));
            slug = null;
        }
        String path = Urls.notePath(cp, slug);
        if (hugo != null && hugo.pathToLower()) {
            path = path.toLowerCase(Locale.ROOT); // as Hugo does, unless disablePathToLower
        }
        warnUnsafeFolders(file, SourceFile.stem(cp), path);
        if (hugo != null && fm.string("url") != null) {
            path = explicitPath(file, fm.string("url"), path);
        }
        String title = fm.string("title");
        if (title == null) {
            title = p.markdown().title();
        }
        if (title == null || title.isBlank()) {
            title = readable(cp);
        }
        ZonedDateTime date = hugoDates != null ? hugoDates.date() : date(file, fm, "date", config);
        ZonedDateTime lastmod = hugoDates != null ? hugoDates.lastmod() : date(file, fm, "lastmod", config);
        if (facts != null) {
            // front matter wins; Git fills in, so notes without front matter still get a place in time
            date = date != null ? date : facts.created().atZone(config.timezone());
            lastmod = lastmod != null ? lastmod : facts.updated().atZone(config.timezone());
        }
        String summary = fm.string("summary");
        if (summary == null) {
            summary = fm.string("description");
        }
        if (summary == null) {
            summary = p.markdown().summary();
        }
        int weight = 0;
        String w = fm.string("weight");
        if (w != null) {
            try {
                weight = Integer.parseInt(w);
            } catch (NumberFormatException e) {
                warnings.add(new Warning(file.path(), "weight '" + w + "' is not a whole number; ignored"));
            }
        }
        // one entry per tag page: "Java" and "java" are the same tag
        Map<String, String> bySlug = new LinkedHashMap<>();
        List<String> allTags = new ArrayList<>(fm.list("tags"));
        allTags.addAll(p.markdown().tags()); // inline #tags join the front matter's
        for (String tag : allTags) {
            String tagSlug = Urls.tagSlug(tag);
            if (!bySlug.containsKey(tagSlug)) {
                String problem = Urls.unsafeSegment(tag.toLowerCase(Locale.ROOT).replace('/', '-'));
                if (problem != null) {
                    warnings.add(new Warning(file.path(), "tag '" + Warning.printable(tag) + "' would make " + problem
                            + "; its page is tags/" + tagSlug + "/"));
                }
            }
            bySlug.putIfAbsent(tagSlug, tag.startsWith("#") ? tag.substring(1) : tag);
        }
        List<String> tags = new ArrayList<>(bySlug.values());
        Map<String, Object> params = new TreeMap<>();
        fm.fields().forEach((k, v) -> {
            if (!KNOWN_KEYS.contains(k)) {
                params.put(k, v);
            }
        });
        String[] segments = cp.split("/");
        String section = segments.length > 1 ? segments[0] : null;
        return new Note(file, p, path, title.strip(), date, lastmod, List.copyOf(tags), section, summary,
                fm.list("aliases"), weight, params, facts == null ? List.of() : facts.contributors());
    }

    /**
     * True for a Hugo page whose publishDate is after the commit's time or whose expiryDate is before it (unless
     * buildFuture / buildExpired); {@link #noteWindow} gets the times over which that stays so.
     */
    private boolean leftOut(Hugo hugo, HugoDates dates) {
        boolean out = false;
        if (!hugo.buildFuture() && dates.publishDate() != null) {
            Instant publish = dates.publishDate().toInstant();
            noteWindow = noteWindow.and(PublishWindow.around(publish, commitTime));
            out = publish.isAfter(commitTime);
        }
        if (!hugo.buildExpired() && dates.expiryDate() != null) {
            Instant expiry = dates.expiryDate().toInstant();
            noteWindow = noteWindow.and(PublishWindow.around(expiry.plusNanos(1), commitTime));
            out |= expiry.isBefore(commitTime);
        }
        return out;
    }

    /**
     * Hugo's {@code url}: the page's exact path ({@code /a/b/} → a/b/index.html, {@code /a/b.html} as it is), kept
     * as written (not lower-cased); refused, with a warning, for what a slug would be refused for.
     */
    private String explicitPath(SourceFile file, String url, String otherwise) {
        String trimmed = url.replaceAll("^/+", "");
        String[] segments = trimmed.split("/", -1);
        String last = segments[segments.length - 1];
        boolean page = last.contains(".");
        String problem = trimmed.replaceAll("/+$", "").isEmpty() ? "the home page" : null;
        List<String> clean = new ArrayList<>();
        for (int i = 0; i < segments.length && problem == null; i++) {
            if (segments[i].isEmpty()) {
                if (i < segments.length - 1) {
                    problem = "an empty path segment";
                }
                continue;
            }
            problem = Urls.unsafeSegment(segments[i]);
            clean.add(Urls.segment(segments[i]));
        }
        if (problem != null) {
            warnings.add(new Warning(file.path(), "url '" + Warning.printable(url) + "' would make " + problem
                    + "; ignored, published at " + otherwise));
            return otherwise;
        }
        String path = String.join("/", clean);
        return page ? path : path + "/index.html";
    }

    /** A section's folder: its name as a URL segment, lower-cased on a Hugo site as its pages' paths are. */
    private static String sectionDir(String name, SiteConfig config) {
        String dir = Urls.segment(name);
        return config.hugo() != null && config.hugo().pathToLower() ? dir.toLowerCase(Locale.ROOT) : dir;
    }

    /** A warning for each folder or file name in {@code path} that could not be published as it is written. */
    private void warnUnsafeFolders(SourceFile file, String path, String publishedAt) {
        for (String segment : path.split("/")) {
            String problem = Urls.unsafeSegment(segment);
            if (problem != null) {
                warnings.add(new Warning(file.path(), "the name '" + Warning.printable(segment) + "' would make " + problem
                        + "; published at " + publishedAt));
            }
        }
    }

    private ZonedDateTime date(SourceFile file, FrontMatter fm, String key, SiteConfig config) {
        String text = fm.string(key);
        if (text == null) {
            return null;
        }
        ZonedDateTime d = Dates.parse(text, config.timezone());
        if (d == null) {
            warnings.add(new Warning(file.path(), key + " '" + text + "' is not a date (write 2024-07-24 or 2024-07-24T06:15:04); ignored"));
        }
        return d;
    }

    private static boolean isTrue(Object v) {
        return v != null && (Boolean.TRUE.equals(v) || "true".equalsIgnoreCase(v.toString().trim())
                || "yes".equalsIgnoreCase(v.toString().trim()));
    }

    /** "my-first_note.md" → "My first note"; a bundle's index.md takes its folder's name. */
    static String readable(String contentPath) {
        String[] segments = contentPath.split("/");
        String name = segments[segments.length - 1].replaceFirst("\\.[^.]+$", "");
        if (name.equalsIgnoreCase("index") && segments.length > 1) {
            name = segments[segments.length - 2];
        }
        name = name.replaceAll("[-_]+", " ").trim();
        if (name.isEmpty()) {
            return "Untitled";
        }
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
