package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;

/**
 * Section indexes and tag pages come in pages of {@code pagination.page_size} notes: page 1 at the list's own path,
 * page N at {@code <list>/page/N/index.html}, linked by a Newer / Older pager.
 */
class PaginationTest {
    @TempDir
    Path tmp;
    GitRepo notes;

    /** Notes 1..120 in section s, note i dated i days after 2020-01-01 (so 120 is the newest), all tagged t. */
    @BeforeEach
    void aSectionOf120Notes() {
        notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("imprint.yml", "title: Paged\npagination:\n  page_size: 50\n");
        notes.write("content/s/_index.md", "---\ntitle: Stories\n---\nThe intro of the stories.\n");
        for (int i = 1; i <= 120; i++) {
            notes.write(file(i), note("Note " + i, i));
        }
        notes.commitAll("120 notes");
    }

    static String file(int i) {
        return "content/s/n" + i + ".md";
    }

    static String note(String title, int day) {
        return "---\ntitle: " + title + "\ndate: " + LocalDate.of(2020, 1, 1).plusDays(day) + "\ntags: [t]\n---\n"
                + "Text of " + title + ".\n";
    }

    private static BuildRequest toBranch(GitRepo repo, String branch, boolean full) {
        return new BuildRequest(repo.dir().toString(), null, branch, null, null, null, full);
    }

    /** The notes a list page links to, in order: their numbers. */
    private static List<Integer> listed(String html) {
        List<Integer> out = new ArrayList<>();
        Matcher m = Pattern.compile("<a href=\"[^\"]*s/n(\\d+)/index.html\">").matcher(html);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    private static List<Integer> range(int newest, int oldest) {
        List<Integer> out = new ArrayList<>();
        for (int i = newest; i >= oldest; i--) {
            out.add(i);
        }
        return out;
    }

    /** The pager's links on a page: rel → the path they resolve to from the page. */
    private static List<String> pager(String page, String html) {
        List<String> out = new ArrayList<>();
        Matcher nav = Pattern.compile("(?s)<nav class=\"list-pager\".*?</nav>").matcher(html);
        if (!nav.find()) {
            return out;
        }
        Matcher a = Pattern.compile("rel=\"(prev|next)\" href=\"([^\"]+)\"").matcher(nav.group());
        while (a.find()) {
            String resolved = URI.create("https://x.example/" + page).resolve(a.group(2)).getPath().substring(1);
            out.add(a.group(1) + " " + resolved);
        }
        return out;
    }

    @Test
    void aSectionOf120NotesHasThreePagesOf50NewestFirst() throws Exception {
        new Builder(tmp.resolve("cache")).build(toBranch(notes, "gh-pages", false));
        List<String> files = notes.files("gh-pages");
        assertThat(files).contains("s/index.html", "s/page/2/index.html", "s/page/3/index.html")
                .doesNotContain("s/page/1/index.html", "s/page/4/index.html");

        String one = notes.read("gh-pages", "s/index.html");
        String two = notes.read("gh-pages", "s/page/2/index.html");
        String three = notes.read("gh-pages", "s/page/3/index.html");
        assertThat(listed(one)).isEqualTo(range(120, 71));
        assertThat(listed(two)).isEqualTo(range(70, 21));
        assertThat(listed(three)).isEqualTo(range(20, 1));

        assertThat(pager("s/index.html", one)).containsExactly("next s/page/2/index.html");
        assertThat(pager("s/page/2/index.html", two)).containsExactly("prev s/index.html", "next s/page/3/index.html");
        assertThat(pager("s/page/3/index.html", three)).containsExactly("prev s/page/2/index.html");
        for (String page : List.of("s/index.html", "s/page/2/index.html", "s/page/3/index.html")) {
            for (String link : pager(page, notes.read("gh-pages", page))) {
                assertThat(files).as("a pager link on " + page + " resolves").contains(link.split(" ")[1]);
            }
        }
        assertThat(two).contains("<link rel=\"prev\" href=\"../../../s/index.html\">",
                "<link rel=\"next\" href=\"../../../s/page/3/index.html\">");
        assertThat(one).doesNotContain("<link rel=\"prev\"");
        assertThat(two).contains("Page 2 of 3").contains(">Newer</a>").contains(">Older<")
                .contains("<title>Stories · Page 2 · Paged</title>");
        assertThat(one).contains("Page 1 of 3").contains("The intro of the stories.");
        assertThat(two).doesNotContain("The intro of the stories.");
        assertThat(three).doesNotContain("The intro of the stories.").doesNotContain("rel=\"next\"");

        // a tag page is cut the same way at the tag's own path
        assertThat(listed(notes.read("gh-pages", "tags/t/page/3/index.html"))).isEqualTo(range(20, 1));
        assertThat(pager("tags/t/page/3/index.html", notes.read("gh-pages", "tags/t/page/3/index.html")))
                .containsExactly("prev tags/t/page/2/index.html");
        assertThat(notes.read("gh-pages", "sitemap.xml")).contains("<loc>/s/</loc>", "<loc>/s/page/2/</loc>",
                "<loc>/s/page/3/</loc>");
        assertThat(notes.read("gh-pages", "s/feed.xml")).as("feeds are not paged").contains("<title>Note 120</title>")
                .doesNotContain("/page/");
    }

    @Test
    void anOverridingListTemplateGetsThePager() throws Exception {
        notes.write("templates/list.peb", "{{ heading }}:{% for n in notes %} {{ n.title }};{% endfor %}"
                + "{% if pager is not empty %} page {{ pager.number }} of {{ pager.count }}, newer {{ pager.newer }},"
                + " older {{ pager.older }}{% endif %}\n");
        notes.commitAll("an own list.peb");
        BuildReport report = new Builder(tmp.resolve("cache")).build(toBranch(notes, "gh-pages", false));
        assertThat(report.warnings()).isEmpty();
        assertThat(notes.read("gh-pages", "s/page/2/index.html")).startsWith("Stories: Note 70; Note 69;")
                .endsWith("Note 21; page 2 of 3, newer s/index.html, older s/page/3/index.html");
    }

    @Test
    void aHugoSiteIsPagedByItsPagerSize() throws Exception {
        notes.delete("imprint.yml");
        notes.write("hugo.toml", "title = 'Paged'\n[pagination]\npagerSize = 40\n");
        notes.commitAll("a Hugo config");
        new Builder(tmp.resolve("cache")).build(toBranch(notes, "gh-pages", false));
        assertThat(listed(notes.read("gh-pages", "s/page/3/index.html"))).isEqualTo(range(40, 1));
        assertThat(notes.files("gh-pages")).doesNotContain("s/page/4/index.html");
    }

    @Test
    void aListThatFitsOnePageHasNoPager() throws Exception {
        notes.write("imprint.yml", "title: Paged\npagination:\n  page_size: 500\n");
        notes.commitAll("one page");
        new Builder(tmp.resolve("cache")).build(toBranch(notes, "gh-pages", false));
        assertThat(notes.files("gh-pages")).noneMatch(f -> f.contains("/page/"));
        String one = notes.read("gh-pages", "s/index.html");
        assertThat(listed(one)).isEqualTo(range(120, 1));
        assertThat(one).doesNotContain("list-pager");
    }

    /**
     * Commits, builds warm, checks the tree equals a cold full build's, and gives the list pages the build rendered:
     * those whose fingerprint in the branch's manifest is new (the report's count of rendered outputs).
     */
    private List<String> listPagesRenderedAfter(Builder warm, String message, List<String> plans) throws Exception {
        notes.commitAll(message);
        BuildReport report = warm.build(toBranch(notes, "gh-pages", false));
        plans.add(report.plan());
        new Builder(tmp.resolve("cold-" + notes.head())).build(toBranch(notes, "cold", true));
        assertThat(notes.tip("gh-pages").getTree()).as("warm tree = cold tree after " + message)
                .isEqualTo(notes.tip("cold").getTree());
        Map<String, String> before = fingerprints("gh-pages~1");
        List<String> rendered = new ArrayList<>();
        fingerprints("gh-pages").forEach((path, f) -> {
            if (!f.equals(before.get(path))) {
                rendered.add(path);
            }
        });
        assertThat(rendered).as("rendered after " + message).hasSize(report.pages().rendered());
        return rendered.stream().filter(f -> f.matches("(s|tags/t)/(page/\\d+/)?index.html")).sorted().toList();
    }

    /** The fingerprints in the manifest at {@code rev}, by output path. */
    private Map<String, String> fingerprints(String rev) {
        Map<String, String> out = new TreeMap<>();
        for (String shard : notes.git("ls-tree", "-r", "--name-only", rev, "--", ".imprint/manifest").split("\n")) {
            Matcher m = Pattern.compile("\"([^\"]+)\": \"([0-9a-f]{40})\"").matcher(notes.git("show", rev + ":" + shard));
            while (m.find()) {
                out.put(m.group(1), m.group(2));
            }
        }
        return out;
    }

    @Test
    void aRetitleRendersTheOneListPageShowingTheNote() throws Exception {
        Builder warm = new Builder(tmp.resolve("cache"));
        warm.build(toBranch(notes, "gh-pages", false));
        List<String> plans = new ArrayList<>();

        notes.write(file(60), note("Note sixty", 60)); // on page 2 of 3
        assertThat(listPagesRenderedAfter(warm, "retitle note 60", plans))
                .containsExactly("s/page/2/index.html", "tags/t/page/2/index.html");
        assertThat(plans.get(0)).startsWith("patched: ");
        assertThat(notes.read("gh-pages", "s/page/2/index.html")).contains("Note sixty");
    }

    @Test
    void aChangeThatMovesNotesAcrossPagesRendersThePagesThatChanged() throws Exception {
        Builder warm = new Builder(tmp.resolve("cache"));
        warm.build(toBranch(notes, "gh-pages", false));
        List<String> plans = new ArrayList<>();

        // a note older than all: it joins the last page, the others keep theirs
        notes.write(file(0), note("Note 0", 0));
        assertThat(listPagesRenderedAfter(warm, "add the oldest note", plans))
                .containsExactly("s/page/3/index.html", "tags/t/page/3/index.html");
        // note 60 (page 2) becomes the newest: page 1 gains it and gives note 71 to page 2; page 3 keeps its notes
        notes.write(file(60), note("Note 60", 200));
        assertThat(listPagesRenderedAfter(warm, "redate note 60", plans)).containsExactly("s/index.html",
                "s/page/2/index.html", "tags/t/index.html", "tags/t/page/2/index.html");
        assertThat(listed(notes.read("gh-pages", "s/page/2/index.html"))).startsWith(71, 70, 69, 68)
                .doesNotContain(60).hasSize(50);
        // one page more: every page's "of N" changes
        for (int i = 121; i <= 150; i++) {
            notes.write(file(i), note("Note " + i, -i));
        }
        assertThat(listPagesRenderedAfter(warm, "30 old notes", plans)).containsExactly("s/index.html",
                "s/page/2/index.html", "s/page/3/index.html", "s/page/4/index.html", "tags/t/index.html",
                "tags/t/page/2/index.html", "tags/t/page/3/index.html", "tags/t/page/4/index.html");
        assertThat(notes.read("gh-pages", "sitemap.xml")).contains("<loc>/s/page/4/</loc>");
    }

    @Test
    void aNoteThatClaimsAListPagesPathIsReported() throws Exception {
        notes.write("content/s/page/2.md", note("Page two, a note", 0));
        notes.write("content/s/page/3/index.md", note("Page three, a folder's note", -1));
        notes.write("content/s/page/about.md", note("About pages", -2)); // s/page/about/: no page's path
        notes.commitAll("notes at s/page/2 and s/page/3");
        BuildReport report = new Builder(tmp.resolve("cache")).build(toBranch(notes, "gh-pages", false));

        assertThat(report.warnings()).filteredOn(w -> w.path().equals("content/s/page/2.md")).singleElement()
                .satisfies(w -> assertThat(w.message()).isEqualTo("its output s/page/2/index.html is also made from "
                        + "the generated page s/page/2/index.html, which keeps it; not published"));
        assertThat(report.warnings()).filteredOn(w -> w.path().equals("content/s/page/3/index.md")).singleElement()
                .satisfies(w -> assertThat(w.message()).startsWith("its output s/page/3/index.html is also made from"));
        assertThat(report.warnings()).hasSize(2);
        assertThat(listed(notes.read("gh-pages", "s/page/2/index.html"))).hasSize(50);
        assertThat(notes.read("gh-pages", "s/page/3/index.html")).contains("Page 3 of 3");
        assertThat(notes.read("gh-pages", "s/page/about/index.html")).contains("About pages");
    }
}
