package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;
import dev.imprint.testing.SiteTrees;

/**
 * A site past the sizes where one file would hold everything (2,100 notes): the sitemap becomes an index over
 * files of about 1,000 URLs, the search text spreads over more shards, and warm edits of a body and of a title
 * (planned by patching the last plan) give the same tree as a full build.
 */
class LargeSiteTest {
    private static final int NOTES = 2_100;

    @TempDir
    Path tmp;

    @Test
    void sitemapIndexAndWarmEditsMatchAFullBuild() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("imprint.yml", "title: Big\nbase_url: https://example.org/\n");
        for (int i = 0; i < NOTES; i++) {
            notes.write(path(i), note(i, "Note " + i, "Body of note " + i + "."));
        }
        notes.commitAll("many notes");
        Builder warm = new Builder(tmp.resolve("cache"));
        BuildRequest request = new BuildRequest(notes.dir().toString(), null, "gh-pages", null, null, null, false);
        warm.build(request);

        String index = notes.read("gh-pages", "sitemap.xml");
        assertThat(index).contains("<sitemapindex").contains("https://example.org/sitemaps/pages.xml");
        List<String> files = new ArrayList<>();
        Matcher m = Pattern.compile("<loc>https://example.org/(sitemaps/notes-\\d+\\.xml)</loc>").matcher(index);
        while (m.find()) {
            files.add(m.group(1));
        }
        assertThat(files).hasSize(4);
        Set<String> urls = new TreeSet<>();
        for (String f : files) {
            Matcher u = Pattern.compile("<loc>([^<]+)</loc>").matcher(notes.read("gh-pages", f));
            while (u.find()) {
                assertThat(urls.add(u.group(1))).as("each note in one file").isTrue();
            }
        }
        assertThat(urls).hasSize(NOTES).contains("https://example.org/s1/note-7/");
        assertThat(notes.files("gh-pages").stream().filter(p -> p.startsWith("search/text-"))).hasSize(32);

        // a body edit, then a title edit: each published tree equals a fresh full build's
        notes.write(path(7), note(7, "Note 7", "A new body for note 7."));
        String body = notes.commitAll("body");
        assertSameAsFull(warm, request, notes, body);
        assertThat(notes.read("gh-pages", "s1/note-7/index.html")).contains("A new body for note 7.");

        notes.write(path(8), note(8, "Renamed eight", "Body of note 8."));
        String title = notes.commitAll("title");
        assertSameAsFull(warm, request, notes, title);
        assertThat(notes.read("gh-pages", "s1/note-9/index.html")).as("the next note's page names it")
                .contains("Renamed eight");
    }

    private void assertSameAsFull(Builder warm, BuildRequest request, GitRepo notes, String sha) throws Exception {
        int patchedBefore = warm.patchedBuilds();
        BuildReport inc = warm.build(request);
        assertThat(inc.mode()).isEqualTo("incremental");
        assertThat(warm.patchedBuilds()).as("a one-note edit patches the last plan").isEqualTo(patchedBefore + 1);
        assertThat(inc.pages().rendered()).as("a one-note edit renders a few files").isLessThan(20);
        Path bare = tmp.resolve("full-" + sha);
        GitRepo.run(tmp, java.util.Map.of(), "init", "-q", "--bare", bare.toString());
        new Builder(tmp.resolve("cache-full-" + sha)).build(new BuildRequest(notes.dir().toString(), sha, "site",
                bare.toString(), null, null, true));
        assertThat(notes.tip("gh-pages").getTree())
                .isEqualTo(SiteTrees.state(bare, "site").tip().getTree());
    }

    private static String path(int i) {
        return "content/s" + (i % 2) + "/note-" + i + ".md";
    }

    /** Dated a day apart, so note i+1 is note i's "Next". */
    private static String note(int i, String title, String body) {
        return "---\ntitle: " + title + "\ndate: " + java.time.LocalDate.of(2020, 1, 1).plusDays(i) + "\n---\n" + body + "\n";
    }
}
