package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;

/** A warm build says how it planned: patched from the last plan, or the whole site and why it could not patch. */
class PlanReasonTest {
    @TempDir
    Path tmp;

    @Test
    void theReportSaysWhyTheWholeSiteWasPlanned() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("content/a/one.md", "---\ntitle: One\ndate: 2024-01-01\n---\nFirst.\n");
        notes.write("content/a/two.md", "---\ntitle: Two\ndate: 2024-01-02\n---\nSecond.\n");
        notes.commitAll("notes");
        Builder builder = new Builder(tmp.resolve("cache"));
        BuildRequest request = new BuildRequest(notes.dir().toString(), null, "gh-pages", null, null, null, false);

        assertThat(builder.build(request).plan()).isEqualTo("whole site: no earlier plan of this repository in this process");

        notes.write("content/a/one.md", "---\ntitle: One\ndate: 2024-01-01\n---\nFirst, edited.\n");
        notes.commitAll("a body edit");
        assertThat(builder.build(request).plan()).startsWith("patched: ").endsWith(" outputs planned again");

        notes.write("content/a/one.md", "---\ntitle: One\ndate: 2024-01-01\ntags: [new]\n---\nFirst, edited.\n");
        notes.commitAll("a new tag");
        assertThat(builder.build(request).plan()).startsWith("whole site: a changed note's place in the site changed");

        notes.write("content/a/three.md", "# Three\n");
        notes.commitAll("a new note");
        assertThat(builder.build(request).plan()).startsWith("whole site: more changed than the text of existing notes");

        assertThat(builder.build(request).plan()).isEqualTo("whole site: the same commit as the last plan");
    }
}
