package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;

/** A Hugo site builds as it is: without imprint.yml its config.toml / hugo.yaml says the title, URL, language, author. */
class HugoConfigTest {
    @TempDir
    Path tmp;

    private BuildReport build(GitRepo notes) throws Exception {
        return GhPages.build(tmp.resolve("cache"), notes);
    }

    @Test
    void aHugoConfigTomlIsReadAndWhatIsNotUsedIsNamedOnce() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("site"));
        notes.write("config.toml", """
                baseURL = "https://jane.example/"
                languageCode = "en-us"
                title = "Jane Doe"
                theme = "kisaragi"

                [params]
                author = "Jane"
                description = "Notes and lab notes"

                [taxonomies]
                tag = "tags"
                """);
        notes.write("content/fragments/first.md", "---\ntitle: First\ndate: 2024-01-01\n---\nOne.\n");
        notes.commitAll("a Hugo site");

        BuildReport report = build(notes);

        String page = notes.read("gh-pages", "fragments/first/index.html");
        assertThat(page).contains("<html lang=\"en-US\"").contains("Jane Doe");
        assertThat(notes.read("gh-pages", "feed.xml")).contains("https://jane.example/fragments/first/")
                .contains("<name>Jane</name>");
        assertThat(report.warnings()).filteredOn(w -> w.path().equals("config.toml")).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("its theme is not used").doesNotContain("taxonomies"));
        assertThat(notes.files("gh-pages")).doesNotContain("config.toml");
    }

    @Test
    void tomlFrontMatterIsReadLikeYaml() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("site"));
        notes.write("config.toml", "title = \"Jane Doe\"\n");
        notes.write("content/labnotes/a.md", """
                +++
                title = "Growing cress"
                date = 2023-03-05T08:30:00+01:00
                tags = ["garden", "lab"]
                +++
                Day one.
                """);
        notes.write("content/labnotes/b.md", "+++\ntitle = \"Not yet\"\ndraft = true\n+++\nSecret.\n");
        notes.write("content/labnotes/c.md", "+++\ntitle = broken\n+++\nText.\n");
        notes.commitAll("TOML front matter");

        BuildReport report = build(notes);

        String page = notes.read("gh-pages", "labnotes/a/index.html");
        assertThat(page).contains("Growing cress").contains("Day one.").contains("2023-03-05").contains("garden");
        assertThat(notes.files("gh-pages")).doesNotContain("labnotes/b/index.html");
        assertThat(report.warnings()).anySatisfy(w -> {
            assertThat(w.path()).isEqualTo("content/labnotes/c.md");
            assertThat(w.message()).contains("malformed TOML front matter");
        });
    }

    @Test
    void imprintYmlWinsOverAHugoConfigAndAYamlOneIsReadToo() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("site"));
        notes.write("hugo.yaml", "title: From Hugo\nbaseURL: https://hugo.example/\n");
        notes.write("content/a.md", "# A\n\nText.\n");
        notes.commitAll("hugo.yaml");
        build(notes);
        assertThat(notes.read("gh-pages", "a/index.html")).contains("From Hugo");

        notes.write("imprint.yml", "title: From Imprint\n");
        notes.commitAll("an imprint.yml");
        build(notes);
        assertThat(notes.read("gh-pages", "a/index.html")).contains("From Imprint").doesNotContain("From Hugo");
    }
}
