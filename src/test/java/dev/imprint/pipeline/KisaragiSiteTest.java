package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;

/**
 * A real Hugo site written in Org mode (kisaragi-hiu.com, from ../shared/corpora), built as it is, with no
 * imprint.yml: every Org note is a page with the title, date and tags its author wrote, and every broken link
 * reported is one whose target really is not in the repository.
 */
class KisaragiSiteTest {
    /** The site's config.yaml ignoreFiles, as Hugo applies them. */
    private static final Pattern IGNORED = Pattern.compile("README\\.md$|readme\\.md$|README\\.org$|readme\\.org$");
    private static final Pattern KEYWORD = Pattern.compile("(?m)^#\\+([A-Za-z_\\[\\]]+):[ \\t]*(.*)$");

    @TempDir
    static Path tmp;
    private static GitRepo site;
    private static BuildReport report;
    private static Set<String> published;

    @BeforeAll
    static void build() throws Exception {
        assumeTrue(Files.isRegularFile(KisaragiReplayTest.BUNDLE), "skipped: the shared corpora are not here");
        Path dir = tmp.resolve("kisaragi");
        GitRepo.run(tmp, Map.of(), "clone", "-q", KisaragiReplayTest.BUNDLE.toAbsolutePath().toString(), dir.toString());
        site = GitRepo.open(dir);
        report = new Builder(tmp.resolve("cache"))
                .build(new BuildRequest(dir.toString(), null, "gh-pages", null, null, null, false));
        published = new TreeSet<>(site.files("gh-pages"));
    }

    /** The Org notes Hugo would publish: not ignored by the config's ignoreFiles, not an _index, not a draft. */
    private Map<Path, Map<String, String>> notes() throws Exception {
        Path content = site.dir().resolve("content");
        Map<Path, Map<String, String>> notes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(content)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".org")).sorted().toList()) {
                String path = content.relativize(f).toString();
                if (IGNORED.matcher(path).find() || f.getFileName().toString().equals("_index.org")) {
                    continue;
                }
                Map<String, String> keywords = keywords(Files.readString(f, StandardCharsets.UTF_8));
                String draft = keywords.getOrDefault("draft", "");
                if (draft.equals("t") || draft.equals("true")) {
                    continue;
                }
                notes.put(content.relativize(f), keywords);
            }
        }
        return notes;
    }

    private static Map<String, String> keywords(String org) {
        Map<String, String> keywords = new LinkedHashMap<>();
        Matcher m = KEYWORD.matcher(org);
        while (m.find()) {
            keywords.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), m.group(2).strip());
        }
        return keywords;
    }

    /** Hugo's URL for a content file: its path without the extension, lower-cased, as a folder. */
    private static String pageOf(Path contentPath) {
        String stem = contentPath.toString().replaceFirst("\\.org$", "").toLowerCase(Locale.ROOT);
        return stem + "/index.html";
    }

    @Test
    void everyOrgNoteIsAPageWithItsTitleDateAndTags() throws Exception {
        Map<Path, Map<String, String>> notes = notes();
        assertThat(notes).hasSizeGreaterThan(200);
        List<String> wrong = new ArrayList<>();
        for (var e : notes.entrySet()) {
            String page = pageOf(e.getKey());
            if (!published.contains(page)) {
                wrong.add(e.getKey() + ": no page at " + page);
                continue;
            }
            Document doc = Jsoup.parse(site.read("gh-pages", page));
            Map<String, String> k = e.getValue();
            String title = doc.select(".note-title").text();
            String expected = Jsoup.parse(k.getOrDefault("title", "")).text().replaceAll("[=~]", "");
            if (!title.replaceAll("[=~]", "").equals(expected)) {
                wrong.add(e.getKey() + ": title '" + title + "', not '" + expected + "'");
            }
            // the site's frontmatter mapping: date from created, else date, else published
            String date = Stream.of("created", "date", "published").map(k::get).filter(v -> v != null && !v.isEmpty())
                    .findFirst().orElse(null);
            String shown = doc.select(".note-meta time").eachAttr("datetime").stream().findFirst().orElse("");
            if (date != null && !shown.startsWith(date.substring(0, 10))) {
                wrong.add(e.getKey() + ": dated '" + shown + "', not " + date);
            }
            List<String> tags = k.containsKey("tags[]") && !k.get("tags[]").isEmpty()
                    ? Arrays.asList(k.get("tags[]").split("\\s+")) : List.of();
            List<String> shownTags = doc.select(".tags a").eachText();
            if (!shownTags.containsAll(tags)) {
                wrong.add(e.getKey() + ": tags " + shownTags + ", not " + tags);
            }
        }
        assertThat(wrong).as("notes published otherwise than their author wrote them").isEmpty();
        // an .org file is published only as static/ has it (copied as it is, like Hugo does)
        assertThat(published).filteredOn(p -> p.endsWith(".org"))
                .allMatch(p -> Files.isRegularFile(site.dir().resolve("static").resolve(p)));
    }

    @Test
    void everyBrokenLinkReportedIsReallyBroken() throws Exception {
        Path root = site.dir();
        List<String> notBroken = new ArrayList<>();
        for (var b : report.brokenLinks()) {
            String to = b.to().replaceFirst("^file:", "").replaceFirst("[#?].*$", "");
            Path from = root.resolve(b.from()).getParent();
            List<Path> candidates = new ArrayList<>();
            if (to.startsWith("/")) { // a site-root path: the content root or the static folder
                candidates.add(root.resolve("content").resolve(to.substring(1)));
                candidates.add(root.resolve("static").resolve(to.substring(1)));
            } else if (!to.startsWith("id:")) {
                candidates.add(from.resolve(to));
            }
            for (Path c : candidates) {
                if (Files.isRegularFile(c.normalize()) || Files.isRegularFile(Path.of(c.normalize() + ".org"))) {
                    notBroken.add(b.from() + " → " + b.to() + " (" + root.relativize(c.normalize()) + " exists)");
                }
            }
        }
        System.out.println("kisaragi: " + published.size() + " files published, " + report.warnings().size()
                + " warnings, " + report.brokenLinks().size() + " broken links");
        report.brokenLinks().forEach(b -> System.out.println("  broken: " + b.from() + " → " + b.to()));
        assertThat(notBroken).as("links reported broken whose target is in the repository").isEmpty();
        assertThat(report.brokenLinks()).hasSizeLessThan(40);
    }
}
