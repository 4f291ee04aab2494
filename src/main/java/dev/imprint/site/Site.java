package dev.imprint.site;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.imprint.source.Sha1;
import dev.imprint.source.SiteConfig;
import dev.imprint.source.Warning;

/**
 * The site model of one source commit. Everything here is in a stable order, and nothing a reader can reach ever
 * changes, with one named exception: a warm build's patch {@linkplain #handOver hands} this site's indexes over to
 * the next site, which re-keys them in place; from then on the old site belongs to nobody and must not be read (the
 * builder drops every reference to it in the same step).
 *
 * <p>Identity equality: one site per build; two are never compared (their outputs' fingerprints are).
 */
public final class Site {
    private final SiteConfig config;
    private final List<Note> notes;
    private final List<Note> chronological;
    private final List<Note> newest;
    private final Map<Note, Integer> chronoIndex;
    private final List<Section> sections;
    private final List<Tag> tags;
    private final Intro homeIntro;
    private final Intro tagsIntro;
    private final List<Asset> assets;
    private final Map<String, Section> sectionsByName;
    private final Map<String, Note> byPath;
    private final List<Warning> warnings;
    private final LinkIndex index;
    private final Map<Note, List<Link>> links;
    private final Map<Note, List<Note>> backlinks;
    /** The link surface (see {@link #surface()}), computed when a next build asks for it; "" never matches. */
    private String surface;
    /** The heading fragments of every link, loosened ({@link #linkFragments}); computed once, kept by patches. */
    private List<String> linkFragments;
    private final List<Note> targets;
    private final Set<String> drafts;
    /** The commit times over which every note stays published or left out as it is here. */
    private final PublishWindow window;
    private static final Comparator<Note> BY_TITLE = Comparator.comparing((Note n) -> n.title().toLowerCase(Locale.ROOT))
            .thenComparing(n -> n.file().contentPath());

    Site(SiteConfig config, List<Note> notes, List<Note> chronological, List<Note> newest, List<Section> sections,
         List<Tag> tags, Intro homeIntro, Intro tagsIntro, List<Asset> assets, Map<String, Section> sectionsByName,
         Map<String, Note> byPath, Set<String> drafts, List<Warning> warnings, Site previous, PublishWindow window) {
        this.config = config;
        this.window = window;
        this.notes = notes;
        this.chronological = chronological;
        this.newest = newest;
        this.sections = sections;
        this.tags = tags;
        this.homeIntro = homeIntro;
        this.tagsIntro = tagsIntro;
        this.assets = assets;
        this.sectionsByName = sectionsByName;
        this.byPath = byPath;
        this.warnings = warnings;
        this.chronoIndex = new IdentityHashMap<>();
        this.links = new IdentityHashMap<>();
        this.backlinks = new IdentityHashMap<>();
        for (int i = 0; i < chronological.size(); i++) {
            chronoIndex.put(chronological.get(i), i);
        }
        // the home page's and sections' intros are link targets too ([[index]] leads home)
        List<Note> targets = new ArrayList<>(notes);
        if (homeIntro != null) {
            targets.add(introTarget(homeIntro, "index.html", config.title(), null));
        }
        for (Section s : sections) {
            if (s.intro() != null) {
                targets.add(introTarget(s.intro(), s.path(), s.title(), s.name()));
            }
        }
        this.index = new LinkIndex(this, targets, assets, drafts, sectionsByName);
        this.targets = targets;
        this.drafts = drafts;
        // a note met again, in a site whose link targets look the same, links where it did; its targets are the
        // notes now at those paths (an edited note is a new object at the same path)
        boolean reuse = previous != null && previous.surface().equals(surface());
        Map<Note, Set<Note>> linkedFrom = new IdentityHashMap<>();
        for (Note n : notes) {
            List<Link> old = reuse ? previous.links.get(n) : null;
            List<Link> resolved = new ArrayList<>(n.parsed().destinations().size());
            for (int i = 0; i < n.parsed().destinations().size(); i++) {
                Link link = old != null ? retarget(old.get(i))
                        : resolve(n.file().contentPath(), n.path(), n.parsed().destinations().get(i), n.parsed().image(i));
                resolved.add(link);
                if (link.target() != null && link.target() != n) {
                    linkedFrom.computeIfAbsent(link.target(), k -> new LinkedHashSet<>()).add(n);
                }
            }
            links.put(n, List.copyOf(resolved));
        }
        linkedFrom.forEach((target, from) -> backlinks.put(target, from.stream().sorted(BY_TITLE).toList()));
    }

    /**
     * This site with some notes replaced by new notes of the same {@linkplain Note#shape() shape} (a body edit),
     * in time proportional to the notes replaced and their neighbourhood, not to the site. The new site takes over
     * this one's indexes and changes them: this site must not be used afterwards (that is what keeps a patch
     * O(change) rather than a copy of every index).
     *
     * @param swaps old note → new note, by identity
     */
    /** The commit times this site's published / left-out notes are right for (see {@link PublishWindow}). */
    public PublishWindow window() {
        return window;
    }

    public Site handOver(Map<Note, Note> swaps, List<Warning> warnings, PublishWindow window) {
        return new Site(this, swaps, warnings, window);
    }

    private Site(Site old, Map<Note, Note> swaps, List<Warning> warnings, PublishWindow window) {
        this.config = old.config;
        this.window = window;
        this.notes = swapped(old.notes, swaps);
        this.chronological = swapped(old.chronological, swaps);
        this.newest = swapped(old.newest, swaps);
        this.homeIntro = old.homeIntro;
        this.tagsIntro = old.tagsIntro;
        this.assets = old.assets;
        this.warnings = warnings;
        boolean retitled = false;
        for (var e : swaps.entrySet()) {
            retitled |= !e.getKey().title().equals(e.getValue().title());
        }
        this.surface = retitled ? "" : old.surface(); // (a title is part of it: the next full build resolves afresh)
        this.linkFragments = old.linkFragments; // (the notes swapped in link to the same places)
        this.targets = List.of();
        this.drafts = old.drafts;
        this.index = old.index;
        this.byPath = old.byPath;
        this.sectionsByName = old.sectionsByName;
        Set<String> sectionNames = new HashSet<>();
        Set<String> tagSlugs = new HashSet<>();
        for (var e : swaps.entrySet()) {
            Note was = e.getKey();
            Note now = e.getValue();
            index.replace(was, now, this);
            byPath.replace(now.path(), was, now);
            sectionNames.add(now.section());
            now.tags().forEach(t -> tagSlugs.add(Urls.tagSlug(t)));
        }
        List<Section> sections = new ArrayList<>(old.sections);
        sections.replaceAll(s -> !sectionNames.contains(s.name()) ? s : new Section(s.name(), s.title(), s.path(),
                s.feedPath(), s.intro(), swapped(s.notes(), swaps)));
        sections.forEach(s -> sectionsByName.put(s.name(), s));
        this.sections = List.copyOf(sections);
        List<Tag> tags = new ArrayList<>(old.tags);
        tags.replaceAll(t -> !tagSlugs.contains(t.slug()) ? t : new Tag(t.name(), t.slug(), t.path(), swapped(t.notes(), swaps),
                t.intro()));
        this.tags = List.copyOf(tags);
        // the maps by note: the old site's, re-keyed where a note was swapped (taken over, not copied)
        this.chronoIndex = old.chronoIndex;
        this.links = old.links;
        this.backlinks = old.backlinks;
        for (var e : swaps.entrySet()) {
            Integer i = chronoIndex.remove(e.getKey());
            if (i != null) {
                chronoIndex.put(e.getValue(), i);
            }
        }
        Set<Note> linking = Collections.newSetFromMap(new IdentityHashMap<>());
        for (var e : swaps.entrySet()) {
            Note was = e.getKey();
            Note now = e.getValue();
            links.put(now, links.remove(was));
            List<Note> from = backlinks.remove(was);
            if (from != null) {
                backlinks.put(now, swapped(from, swaps).stream().sorted(BY_TITLE).toList());
                linking.addAll(from);
            }
            for (Link link : links.get(now)) {
                if (link.target() != null && link.target() != was) {
                    Note target = swaps.getOrDefault(link.target(), link.target());
                    List<Note> list = backlinks.get(target);
                    if (list != null) {
                        // sorted by title, which may be new
                        backlinks.put(target, swapped(list, swaps).stream().sorted(BY_TITLE).toList());
                    }
                }
            }
            linking.add(now);
        }
        for (Note n : linking) {
            Note current = swaps.getOrDefault(n, n);
            List<Link> own = links.get(current);
            if (own != null) {
                links.put(current, own.stream().map(this::retarget).toList());
            }
        }
    }

    private static List<Note> swapped(List<Note> list, Map<Note, Note> swaps) {
        Note[] copy = list.toArray(new Note[0]);
        if (swaps.size() <= 8) {
            // compare references only: a lookup per element would touch every note object in memory
            for (var e : swaps.entrySet()) {
                for (int i = 0; i < copy.length; i++) {
                    if (copy[i] == e.getKey()) {
                        copy[i] = e.getValue();
                        break; // a note is in a list once
                    }
                }
            }
        } else {
            for (int i = 0; i < copy.length; i++) {
                Note now = swaps.get(copy[i]);
                if (now != null) {
                    copy[i] = now;
                }
            }
        }
        return List.of(copy);
    }

    /** The notes of this site at the content paths of {@code notes} (say, of an earlier site), in their order. */
    public List<Note> current(List<Note> notes) {
        List<Note> now = new ArrayList<>(notes.size());
        for (Note n : notes) {
            Note at = index.note(n.file().contentPath());
            if (at != null) {
                now.add(at);
            }
        }
        return now;
    }

    /**
     * The fragment ({@code #...}) of every link destination in the site, loosened as titles are compared
     * ({@link SiteBuilder#loose}); computed on first use and then kept, also by {@link #handOver} (its notes link to
     * the same places).
     */
    synchronized List<String> linkFragments() {
        if (linkFragments == null) {
            List<String> all = new ArrayList<>();
            for (Note n : notes) {
                for (String d : n.parsed().destinations()) {
                    int hash = d.indexOf('#');
                    if (hash >= 0) {
                        all.add(SiteBuilder.loose(d.substring(hash)));
                    }
                }
            }
            linkFragments = List.copyOf(all);
        }
        return linkFragments;
    }

    private Link retarget(Link link) {
        if (link.target() == null) {
            return link;
        }
        Note now = index.note(link.target().file().contentPath());
        return now == link.target() ? link : link.to(now);
    }

    /**
     * Everything link resolution looks at, except the bodies: paths, titles, aliases, headings, assets, drafts (a
     * one-shot build never needs it, so it waits).
     */
    private synchronized String surface() {
        if (surface == null) {
            surface = surface(config, targets, assets, drafts, sections);
        }
        return surface;
    }

    private static String surface(SiteConfig config, List<Note> targets, List<Asset> assets, Set<String> drafts,
                                  List<Section> sections) {
        MessageDigest md = Sha1.digest();
        StringBuilder sb = new StringBuilder(256);
        sb.append(config.rawHtml()).append('\n');
        for (Note t : targets) {
            sb.append(t.file().contentPath()).append('\0').append(t.path()).append('\0').append(t.title()).append('\0')
                    .append(t.aliases()).append('\0');
            for (var h : t.parsed().markdown().headings()) {
                sb.append(h.id()).append('\1').append(h.text()).append('\1');
            }
            sb.append('\n');
            md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
            sb.setLength(0);
        }
        for (Asset a : assets) {
            sb.append(a.file().contentPath()).append('\0').append(a.path()).append('\n');
        }
        sb.append(drafts).append('\n');
        for (Section s : sections) {
            sb.append(s.name()).append('\0').append(s.path()).append('\n');
        }
        md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    private static Note introTarget(Intro intro, String path, String title, String section) {
        return new Note(intro.file(), intro.parsed(), path, title, null, null, List.of(), section, "", List.of(), 0,
                Map.of(), List.of());
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
        return newest;
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

    /** Hugo's {@code tags/_index.md|org}, shown above the tags index; or null. */
    public Intro tagsIntro() {
        return tagsIntro;
    }

    public Intro homeIntro() {
        return homeIntro;
    }

    public List<Asset> assets() {
        return assets;
    }

    public List<Warning> warnings() {
        return warnings;
    }

    public String tagPath(String tag) {
        return "tags/" + Urls.tagSlug(tag) + "/index.html";
    }

    /** The note's links, resolved for its own page, in the order of {@code parsed().destinations()}. */
    public List<Link> links(Note note) {
        return links.get(note);
    }

    /** The notes that link to this one, by title. */
    public List<Note> backlinks(Note note) {
        return backlinks.getOrDefault(note, List.of());
    }

    /** The published note whose page is at {@code path} (e.g. {@code a/note/index.html}), or null. */
    public Note noteAt(String path) {
        return byPath.get(path);
    }

    /** The published note at a content path, or null. */
    public Note note(String contentPath) {
        return index.note(contentPath);
    }

    /**
     * Resolves a link written in the file at {@code fromContentPath}, whose page is at {@code fromPath}.
     * Destinations are as the Markdown stage reports them: a URL or path, {@code [[wikilink]]},
     * {@code ![[embed]]} or {@code tag:name}. External links and same-page anchors are left as they are, but for
     * those no page may carry ({@link UrlSchemes}; {@code image}: the destination is an image's source).
     */
    public Link resolve(String fromContentPath, String fromPath, String destination, boolean image) {
        return index.resolve(fromContentPath, fromPath, destination, image);
    }
}
