package dev.imprint.pipeline;

import static dev.imprint.pipeline.GhPages.page;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;

/** Hugo shortcodes in a real build: refs are links in the link graph, unknown ones stay visible and are reported. */
class ShortcodesBuildTest {
    @TempDir
    Path tmp;

    private BuildReport build(GitRepo notes) throws Exception {
        return GhPages.build(tmp.resolve("cache"), notes);
    }

    @Test
    void shortcodesInMarkdownAndOrgNotesBecomeLinksImagesOrReportedText() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("site"));
        notes.write("config.toml", "title = \"Jane Doe\"\n");
        notes.write("content/posts/a.md", """
                ---
                title: A
                date: 2023-01-01
                ---
                The short part.

                <!--more-->

                See [B]({{< ref "posts/b.org" >}}) and [gone]({{< relref "posts/missing.md" >}}).

                {{< figure src="cat.png" caption="A cat" >}}

                {{< youtube dQw4w9WgXcQ >}} and press {{< kbd "C-x" >}} then {{< kbd "C-s" >}}.
                """);
        notes.write("content/posts/cat.png", "png");
        notes.write("content/posts/b.org", """
                #+title: B
                #+date: 2023-02-01

                Back to [[{{< ref "a.md" >}}][A]]. {{< tweet 12345 >}}
                """);
        notes.commitAll("shortcodes");

        BuildReport report = build(notes);

        Document a = page(notes, "posts/a/index.html");
        assertThat(a.select(".note-body a:contains(B)").attr("href")).isEqualTo("../b/index.html");
        assertThat(a.select(".note-body img").attr("src")).isEqualTo("../cat.png");
        assertThat(a.select(".note-body").text()).contains("A cat").contains("{{< kbd \"C-x\" >}}")
                .doesNotContain("more-->");
        assertThat(a.select(".note-body a[href^=https://www.youtube.com/watch?v=dQw4w9WgXcQ]")).hasSize(1);
        assertThat(page(notes, "posts/b/index.html").select(".note-body a:contains(A)").attr("href"))
                .isEqualTo("../a/index.html");
        assertThat(page(notes, "posts/b/index.html").select(".note-body").text()).contains("{{< tweet 12345 >}}");
        assertThat(page(notes, "posts/index.html").select(".note-list").text()).contains("The short part.")
                .doesNotContain("See B");

        assertThat(report.brokenLinks()).extracting(b -> b.from() + " → " + b.to())
                .containsExactly("content/posts/a.md → posts/missing.md");
        assertThat(report.warnings()).filteredOn(w -> w.path().equals("content/posts/a.md"))
                .extracting(w -> w.message()).containsExactly("shortcode {{< kbd >}} is not supported; left as written (2 times)");
        assertThat(report.warnings()).filteredOn(w -> w.path().equals("content/posts/b.org"))
                .extracting(w -> w.message()).containsExactly("shortcode {{< tweet >}} is not supported; left as written");
    }
}
