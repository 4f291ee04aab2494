package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.ObjectId;

import dev.imprint.publish.PublishedState;
import dev.imprint.site.Urls;
import dev.imprint.testing.GitRepo;
import dev.imprint.testing.SiteTrees;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;

/**
 * The incremental engine's promise: after any sequence of source edits, the site an incremental build publishes
 * is the very tree a fresh full build of the same commit gives, and the report's counts say what happened.
 *
 * <p>Each try makes a small notes repository (5–15 notes in 2–3 sections, with front matter), then applies random
 * edits one commit at a time with the real git CLI. After every commit one long-lived {@link Builder} builds
 * incrementally onto {@code gh-pages}; a fresh Builder builds the same commit with {@code full} into a separate
 * bare repository; the two tree ids must be equal.
 */
class IncrementalPropertyTest {
    static final List<String> SECTIONS = List.of("alpha", "beta", "gamma");
    static final List<String> TAGS = List.of("java", "Java", "git", "notes", "web dev", "howto");
    static final List<String> SLUGS = List.of("custom-slug", "other-name", "note-1");
    static final String BUILT_IN_NOTE = builtInNoteTemplate();

    enum Kind {
        BODY, TITLE, DATE, DRAFT, MOVE, SLUG, TAGS, ADD, DELETE, RENAME, LINK, ASSET_ADD, ASSET_CHANGE, ASSET_DELETE,
        CONFIG, TEMPLATE, INTRO
    }

    /** One edit; a, b, c pick its targets and values (taken modulo whatever exists when it is applied). */
    record Step(Kind kind, int a, int b, int c) {
        @Override
        public String toString() {
            return kind + "(" + a + "," + b + "," + c + ")";
        }
    }

    @Provide
    Arbitrary<List<Step>> edits() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Kind.BODY)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.TITLE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.DATE)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.DRAFT)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.MOVE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.SLUG)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.TAGS)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.ADD)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.DELETE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.RENAME)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Kind.LINK)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.ASSET_ADD)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.ASSET_CHANGE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.ASSET_DELETE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.CONFIG)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.TEMPLATE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.INTRO)));
        Arbitrary<Integer> n = Arbitraries.integers().between(0, 99);
        return Combinators.combine(kinds, n, n, n).as(Step::new).list().ofMinSize(3).ofMaxSize(12);
    }

    @Property(tries = 15, shrinking = ShrinkingMode.BOUNDED)
    void incrementalBuildEqualsAFullBuildAfterEveryEdit(@ForAll @IntRange(min = 5, max = 15) int notes,
                                                        @ForAll @IntRange(min = 2, max = 3) int sections,
                                                        @ForAll("edits") List<Step> steps) throws Exception {
        Path tmp = Files.createTempDirectory("imprint-incr-prop");
        try {
            new Scenario(tmp, notes, sections).run(steps);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * The same edits, each built by a cold process: a fresh Builder per commit that shares only the cache directory
     * with the ones before it, starting from the analysis they saved (parsed notes, the history index). Its tree is
     * the full build's after every edit, and an edit of one note's body parses that note alone.
     */
    @Property(tries = 8, shrinking = ShrinkingMode.BOUNDED)
    void coldBuildsFromTheAnalysisCacheEqualAFullBuildAfterEveryEdit(
            @ForAll @IntRange(min = 5, max = 15) int notes, @ForAll @IntRange(min = 2, max = 3) int sections,
            @ForAll("edits") List<Step> steps) throws Exception {
        Path tmp = Files.createTempDirectory("imprint-cold-prop");
        try {
            Scenario s = new Scenario(tmp, notes, sections);
            s.cold = true;
            s.run(steps);
        } finally {
            deleteTree(tmp);
        }
    }

    /** A linked note becomes a draft, then is deleted: the link stays broken, but for another reason. */
    @Example
    void aLinkToADraftThatIsThenDeleted() throws Exception {
        Path tmp = Files.createTempDirectory("imprint-incr-example");
        try {
            // note 0 links to note 1 from the start
            new Scenario(tmp, 5, 2).run(List.of(new Step(Kind.DRAFT, 1, 0, 0), new Step(Kind.DELETE, 1, 0, 0)));
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * A note in a folder whose output path looks like one Imprint keeps for others (preview/**) is deleted: its page
     * was Imprint's own output, so it must go.
     */
    @Example
    void aDeletedNoteUnderAKeptLookingPathDisappears() throws Exception {
        Path tmp = Files.createTempDirectory("imprint-incr-example");
        try {
            Scenario s = new Scenario(tmp, 5, 2);
            s.writeAll();
            s.check("initial", null);
            s.notes.get(3).section = "preview";
            s.writeAll();
            s.check("move a note to preview/", null);
            s.notes.remove(3);
            s.writeAll();
            s.check("delete the note in preview/", null);
        } finally {
            deleteTree(tmp);
        }
    }

    /** The time of a note's date changes within the same day while it has a later lastmod: the feeds' published. */
    @Example
    void aDateChangeWithinTheSameDayReachesTheFeeds() throws Exception {
        Path tmp = Files.createTempDirectory("imprint-incr-example");
        try {
            Scenario s = new Scenario(tmp, 5, 2);
            s.notes.get(0).date = "2024-03-05T09:30:00+02:00";
            s.notes.get(0).lastmod = "2024-06-01";
            s.writeAll();
            s.check("initial", null);
            s.notes.get(0).date = "2024-03-05T17:45:00+02:00";
            s.writeAll();
            s.check("change the time of the date", null);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * One commit retitles two notes that link to each other and edits a third note's body: a warm build patches its
     * last plan for all three at once (backlink lists re-sorted, neighbours' pages named anew).
     */
    @Example
    void severalBodiesAndTitlesInOneCommit() throws Exception {
        Path tmp = Files.createTempDirectory("imprint-incr-example");
        try {
            Scenario s = new Scenario(tmp, 6, 2);
            List<NoteModel> all = new ArrayList<>(s.notes.values());
            all.get(0).links.add(all.get(1).path());
            all.get(1).links.add(all.get(0).path());
            all.get(2).links.add(all.get(0).path());
            s.writeAll();
            s.check("initial", null);
            all.get(0).title = "Zebra";
            all.get(1).title = "Aardvark";
            all.get(3).bodyVersion++;
            s.writeAll();
            s.check("two titles and a body", null);
            all.get(2).title = "A first title";
            all.get(0).bodyVersion++;
            s.writeAll();
            s.check("a title and a body", null);
        } finally {
            deleteTree(tmp);
        }
    }

    /** One try: the notes repository, its model, and the two builders. */
    static final class Scenario {
        final Path tmp;
        final GitRepo repo;
        final Path bare;
        final Builder incremental;
        /** Each build in a fresh Builder that keeps its analysis in the cache directory (a cold process per commit). */
        boolean cold;
        final Map<Integer, NoteModel> notes = new LinkedHashMap<>();
        final Map<String, Integer> assets = new LinkedHashMap<>(); // repo path → version
        final Map<String, Integer> intros = new LinkedHashMap<>(); // repo path → version
        int nextId;
        int configVersion;
        boolean configBaseUrl = true;
        Integer templateVersion;
        int counter;

        Scenario(Path tmp, int noteCount, int sectionCount) {
            this.tmp = tmp;
            this.repo = GitRepo.init(tmp.resolve("notes"));
            this.bare = tmp.resolve("full.git");
            GitRepo.run(tmp, Map.of(), "init", "-q", "--bare", bare.toString());
            this.incremental = new Builder(tmp.resolve("cache-incr"));
            for (int i = 0; i < noteCount; i++) {
                NoteModel m = new NoteModel();
                m.section = SECTIONS.get(i % sectionCount);
                m.name = "note-" + i;
                m.title = "Note number " + i;
                m.titleFromHeading = i % 4 == 3;
                m.date = i % 5 == 4 ? null : date(i * 7, i % 3 == 0);
                m.lastmod = i % 6 == 1 ? date(i * 7 + 40, false) : null;
                m.tags = new ArrayList<>(List.of(TAGS.get(i % TAGS.size())));
                if (i % 3 == 0) {
                    m.tags.add(TAGS.get((i + 2) % TAGS.size()));
                }
                m.draft = i % 7 == 6;
                notes.put(nextId++, m);
            }
            // a few initial links between notes, an asset and a section intro
            List<NoteModel> all = new ArrayList<>(notes.values());
            all.get(0).links.add(all.get(1).path());
            all.get(2).links.add(all.get(all.size() - 1).path());
            assets.put("content/" + SECTIONS.get(0) + "/files/data-0.txt", 0);
            all.get(1).links.add("content/" + SECTIONS.get(0) + "/files/data-0.txt");
            intros.put("content/" + SECTIONS.get(1) + "/_index.md", 0);
        }

        void run(List<Step> steps) throws Exception {
            writeAll();
            check("initial", null);
            for (Step step : steps) {
                String touched = apply(step);
                writeAll();
                check(step.toString(), step.kind() == Kind.BODY ? touched : null);
            }
        }

        // ---- edits ----------------------------------------------------------------------------------------

        /** Applies one edit to the model; for BODY returns the id of the edited note (as a string), else null. */
        String apply(Step s) {
            List<Integer> ids = new ArrayList<>(notes.keySet());
            NoteModel n = ids.isEmpty() ? null : notes.get(ids.get(s.a() % ids.size()));
            Integer id = ids.isEmpty() ? null : ids.get(s.a() % ids.size());
            switch (s.kind()) {
                case BODY -> {
                    if (n != null) {
                        n.bodyVersion++;
                        return String.valueOf(id);
                    }
                }
                case TITLE -> {
                    if (n != null) {
                        n.title = "Retitled " + s.b();
                        n.titleFromHeading = s.c() % 3 == 0;
                    }
                }
                case DATE -> {
                    if (n != null) {
                        n.date = s.b() % 6 == 0 ? null : date(s.b(), s.b() % 2 == 0);
                        n.lastmod = s.c() % 3 == 0 ? date(s.b() + s.c(), s.c() % 2 == 0) : null;
                    }
                }
                case DRAFT -> {
                    if (n != null) {
                        n.draft = !n.draft;
                    }
                }
                case MOVE -> {
                    if (n != null) {
                        n.section = SECTIONS.get(s.b() % SECTIONS.size());
                    }
                }
                case SLUG -> {
                    if (n != null) {
                        n.slug = s.b() % 4 == 0 ? null : SLUGS.get(s.b() % SLUGS.size());
                    }
                }
                case TAGS -> {
                    if (n != null) {
                        n.tags = new ArrayList<>();
                        for (int i = 0; i < s.b() % 3; i++) {
                            n.tags.add(TAGS.get((s.c() + i * 5) % TAGS.size()));
                        }
                    }
                }
                case ADD -> {
                    NoteModel m = new NoteModel();
                    m.section = SECTIONS.get(s.a() % SECTIONS.size());
                    m.name = "added-" + (counter++);
                    m.title = "Added note " + s.b();
                    m.date = s.b() % 4 == 0 ? null : date(s.b(), s.c() % 2 == 0);
                    m.tags = new ArrayList<>(List.of(TAGS.get(s.c() % TAGS.size())));
                    notes.put(nextId++, m);
                }
                case DELETE -> {
                    if (n != null) {
                        notes.remove(id);
                    }
                }
                case RENAME -> {
                    if (n != null) {
                        n.name = "renamed-" + (counter++);
                    }
                }
                case LINK -> {
                    if (n != null) {
                        // add a link to another note's current path or an asset, or remove one
                        if (!n.links.isEmpty() && s.b() % 3 == 0) {
                            n.links.remove(s.c() % n.links.size());
                        } else if (s.b() % 5 == 1 && !assets.isEmpty()) {
                            n.links.add(new ArrayList<>(assets.keySet()).get(s.c() % assets.size()));
                        } else {
                            n.links.add(notes.get(ids.get(s.c() % ids.size())).path());
                        }
                    }
                }
                case ASSET_ADD -> assets.put("content/" + SECTIONS.get(s.a() % SECTIONS.size()) + "/files/data-"
                        + (counter++) + (s.b() % 2 == 0 ? ".txt" : ".svg"), 0);
                case ASSET_CHANGE -> {
                    if (!assets.isEmpty()) {
                        String path = new ArrayList<>(assets.keySet()).get(s.a() % assets.size());
                        assets.put(path, assets.get(path) + 1);
                    }
                }
                case ASSET_DELETE -> {
                    if (!assets.isEmpty()) {
                        assets.remove(new ArrayList<>(assets.keySet()).get(s.a() % assets.size()));
                    }
                }
                case CONFIG -> {
                    if (s.b() % 2 == 0) {
                        configVersion++;
                    } else {
                        configBaseUrl = !configBaseUrl;
                    }
                }
                case TEMPLATE -> templateVersion = templateVersion == null || s.b() % 3 != 0 ? Integer.valueOf(s.c()) : null;
                case INTRO -> {
                    String path = s.b() % 4 == 0 ? "content/README.md"
                            : "content/" + SECTIONS.get(s.b() % SECTIONS.size()) + "/_index.md";
                    if (intros.containsKey(path) && s.c() % 3 == 0) {
                        intros.remove(path);
                    } else {
                        intros.put(path, s.c());
                    }
                }
                default -> throw new IllegalStateException();
            }
            return null;
        }

        // ---- files ------------------------------------------------------------------------------------------

        /** Makes the work tree match the model exactly (every file rewritten, stale ones deleted). */
        void writeAll() throws IOException {
            Map<String, String> want = new LinkedHashMap<>();
            want.put("imprint.yml", "title: Site v" + configVersion + "\nauthor: Ada\nhome_notes: 6\n"
                    + "pagination:\n  page_size: " + (2 + configVersion % 3) + "\n" // lists of a few pages
                    + (configBaseUrl ? "base_url: https://example.org/v" + configVersion + "/\n" : ""));
            if (templateVersion != null) {
                want.put("templates/note.peb", BUILT_IN_NOTE.replace("Previously", "Earlier (v" + templateVersion + ")"));
            }
            for (NoteModel m : notes.values()) {
                want.putIfAbsent(m.path(), m.render());
            }
            assets.forEach((path, v) -> want.put(path, path.endsWith(".svg")
                    ? "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>v" + v + "</text></svg>\n" : "data version " + v + "\n"));
            List<String> noteLinks = new ArrayList<>();
            notes.values().forEach(m -> noteLinks.add(m.path()));
            intros.forEach((path, v) -> {
                String target = noteLinks.isEmpty() ? "content/nowhere.md" : noteLinks.get(v % noteLinks.size());
                want.put(path, "---\ntitle: Intro " + v + "\n---\nAbout this part, version " + v + ". See ["
                        + "a note](" + relative(path, target) + ").\n");
            });
            Path root = repo.dir();
            List<Path> existing;
            try (Stream<Path> files = Files.walk(root)) {
                existing = files.filter(Files::isRegularFile)
                        .filter(p -> !root.relativize(p).toString().startsWith(".git")).toList();
            }
            for (Path p : existing) {
                if (!want.containsKey(root.relativize(p).toString().replace('\\', '/'))) {
                    Files.delete(p);
                }
            }
            for (var e : want.entrySet()) {
                Path file = root.resolve(e.getKey());
                byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
                if (!Files.exists(file) || !java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
                    repo.write(e.getKey(), bytes);
                }
            }
        }

        // ---- the check ---------------------------------------------------------------------------------------

        void check(String what, String bodyEditedId) throws Exception {
            int n = counter++;
            String sha = repo.commitAll("step " + n + ": " + what);
            PublishedState before = SiteTrees.state(repo.dir(), "gh-pages");
            Builder builder = cold ? new Builder(tmp.resolve("cache-incr")).keepAnalysis() : incremental;
            BuildReport inc = builder.build(new BuildRequest(repo.dir().toString(), sha, "gh-pages", null, null, null,
                    false));
            if (cold && bodyEditedId != null) {
                assertThat(builder.parses()).as(what + ": notes parsed by a cold build").isLessThanOrEqualTo(1);
            }
            PublishedState after = SiteTrees.state(repo.dir(), "gh-pages");

            String fullBranch = "full-" + n;
            BuildReport full = new Builder(tmp.resolve("cache-full")).build(new BuildRequest(repo.dir().toString(), sha,
                    fullBranch, bare.toString(), null, null, true));
            PublishedState fullState = SiteTrees.state(bare, fullBranch);
            assertThat(full.mode()).isEqualTo("full");

            ObjectId incTree = after.tip().getTree();
            ObjectId fullTree = fullState.tip().getTree();
            if (!incTree.equals(fullTree)) {
                throw new AssertionError("after " + what + " (commit " + sha + "):\n"
                        + SiteTrees.diff(repo.dir(), incTree, "incremental", bare, fullTree, "full"));
            }

            // the report tells the truth about what happened
            Map<String, String> oldFp = before.manifest().fingerprints();
            Map<String, String> newFp = after.manifest().fingerprints();
            int outputs = newFp.size();
            Set<String> changed = new TreeSet<>();
            newFp.forEach((path, fp) -> {
                if (!fp.equals(oldFp.get(path)) || !before.files().containsKey(path)) {
                    changed.add(path);
                }
            });
            long removed = oldFp.keySet().stream().filter(p -> !newFp.containsKey(p)).count();
            BuildReport.Pages pages = inc.pages();
            assertThat(inc.mode()).as(what).isEqualTo(before.manifest().isEmpty() ? "full" : "incremental");
            assertThat(pages.rendered() + pages.unchanged()).as(what + ": rendered + unchanged").isEqualTo(outputs);
            assertThat(pages.removed()).as(what + ": removed").isEqualTo(removed);
            assertThat(pages.rendered()).as(what + ": rendered " + changed).isEqualTo(changed.size());
            assertThat(full.pages().rendered()).as("full build renders every output").isEqualTo(outputs);
            assertThat(full.pages().unchanged()).isZero();
            // and about what is wrong with the notes: the same warnings and broken links as a full build
            assertThat(inc.brokenLinks()).as(what + ": broken links").isEqualTo(full.brokenLinks());
            assertThat(inc.warnings()).as(what + ": warnings").isEqualTo(full.warnings());

            if (bodyEditedId != null) {
                NoteModel m = notes.get(Integer.valueOf(bodyEditedId));
                Set<String> allowed = new TreeSet<>(Set.of("index.html", "feed.xml"));
                allowed.add("search/text-" + Math.floorMod((m.section + "/" + m.name + ".md").hashCode(), 16) + ".json");
                for (NoteModel k : notes.values()) {
                    if (k.links.contains(m.path())) { // a note that embeds the edited one shows its new body
                        allowed.add(Urls.notePath(k.section + "/" + k.name + ".md", k.slug));
                    }
                }
                String section = Urls.segment(m.section);
                allowed.addAll(List.of(section + "/index.html", section + "/feed.xml"));
                allowed.add(Urls.notePath(m.section + "/" + m.name + ".md", m.slug));
                for (String tag : m.tags) {
                    allowed.add("tags/" + Urls.tagSlug(tag) + "/index.html");
                }
                for (int i = 0; i < 3; i++) {
                    allowed.add("tags/topic-" + i + "/index.html"); // inline tags the note's wikilinks carry
                }
                // of a list in pages, the one page that shows the note
                List<String> lists = changed.stream().map(p -> p.replaceFirst("/page/\\d+/index\\.html$", "/index.html"))
                        .toList();
                assertThat(lists).as(what + ": a body edit re-renders only the note and the lists that show it")
                        .isSubsetOf(allowed).doesNotHaveDuplicates();
                assertThat(pages.rendered()).as(what).isLessThan(Math.max(outputs, 2));
            }
        }
    }

    /** A note as the author wrote it. */
    static final class NoteModel {
        String section;
        String name;
        String title;
        boolean titleFromHeading;
        String date;
        String lastmod;
        boolean draft;
        String slug;
        List<String> tags = new ArrayList<>();
        int bodyVersion;
        List<String> links = new ArrayList<>(); // repository paths of notes or assets, as of when the link was written

        String path() {
            return "content/" + section + "/" + name + ".md";
        }

        String render() {
            StringBuilder fm = new StringBuilder("---\n");
            if (!titleFromHeading) {
                fm.append("title: \"").append(title).append("\"\n");
            }
            if (date != null) {
                fm.append("date: ").append(date).append('\n');
            }
            if (lastmod != null) {
                fm.append("lastmod: ").append(lastmod).append('\n');
            }
            if (draft) {
                fm.append("draft: true\n");
            }
            if (slug != null) {
                fm.append("slug: ").append(slug).append('\n');
            }
            if (!tags.isEmpty()) {
                fm.append("tags: [").append(String.join(", ", tags.stream().map(t -> "\"" + t + "\"").toList())).append("]\n");
            }
            fm.append("---\n");
            StringBuilder body = new StringBuilder();
            body.append("# ").append(titleFromHeading ? title : "Heading of " + name).append("\n\n");
            body.append("First paragraph of ").append(name).append(", revision ").append(bodyVersion).append(".\n\n");
            for (int i = 0; i < links.size(); i++) {
                String target = links.get(i);
                String href = relative(path(), target);
                String stem = target.substring(target.lastIndexOf('/') + 1).replaceFirst("\\.md$", "");
                if (target.endsWith(".svg")) {
                    body.append("![picture ").append(i).append("](").append(href).append(")");
                } else if (!target.endsWith(".md") || i % 4 == 0) {
                    body.append("[link ").append(i).append("](").append(href).append(")");
                } else if (i % 4 == 1) {
                    body.append("[[").append(stem).append("]] #topic-").append(i % 3); // wikilink by name, inline tag
                } else if (i % 4 == 2) {
                    body.append("[[").append(stem).append("#Details|details ").append(i).append("]]");
                } else {
                    body.append("\n![[").append(stem).append("]]\n"); // an embed (cycles stop with a marker)
                }
                body.append('\n');
            }
            body.append("\n## Details\n\nMore text (").append(bodyVersion % 3).append(").\n");
            return fm.append(body).toString();
        }
    }

    /** The relative link from the file at {@code from} to {@code to}, both repository paths under content/. */
    static String relative(String from, String to) {
        String fromDir = from.substring(0, from.lastIndexOf('/'));
        String prefix = "content/";
        int depth = fromDir.equals("content") ? 0 : fromDir.substring(prefix.length()).split("/").length;
        return "../".repeat(depth) + to.substring(prefix.length());
    }

    static String date(int n, boolean withTime) {
        int month = 1 + Math.floorMod(n, 12);
        int day = 1 + Math.floorMod(n * 7, 28);
        String d = String.format("2024-%02d-%02d", month, day);
        return withTime ? d + String.format("T%02d:30:00+02:00", Math.floorMod(n, 24)) : d;
    }

    private static String builtInNoteTemplate() {
        try (var in = IncrementalPropertyTest.class.getResourceAsStream("/dev/imprint/theme/note.peb")) {
            return new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }

}
