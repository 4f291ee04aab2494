package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;

/**
 * A warm Builder keeps repositories open between builds; what happens to them on disk in between (pushes from the
 * git CLI, a repository deleted and made anew at the same path) is still what the next build sees.
 */
class OpenRepositoriesTest {
    @TempDir
    Path tmp;

    @Test
    void buildsSeeWhatHappenedOnDiskSinceTheLastBuild() throws Exception {
        Path dir = tmp.resolve("notes");
        GitRepo notes = GitRepo.init(dir);
        notes.write("content/first.md", "# First\n\nOne.\n");
        notes.commitAll("first");
        Builder builder = new Builder(tmp.resolve("cache"));
        BuildRequest request = new BuildRequest(dir.toString(), null, "gh-pages", null, null, null, false);
        builder.build(request);
        assertThat(notes.files("gh-pages")).contains("first/index.html");

        // a commit and a repack by the git CLI: new loose objects, then new packs, then the loose ones gone
        notes.write("content/second.md", "# Second\n\nTwo.\n");
        notes.commitAll("second");
        notes.git("gc", "-q", "--prune=now");
        builder.build(request);
        assertThat(notes.files("gh-pages")).contains("first/index.html", "second/index.html");

        // the repository deleted and another made at the same path
        org.eclipse.jgit.util.FileUtils.delete(dir.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
        GitRepo other = GitRepo.init(dir);
        other.write("content/third.md", "# Third\n\nThree.\n");
        other.commitAll("third");
        BuildReport report = builder.build(request);
        assertThat(report.mode()).isEqualTo("full");
        assertThat(other.files("gh-pages")).contains("third/index.html").doesNotContain("first/index.html");
        assertThat(other.read("gh-pages", "third/index.html")).contains("Three.");
    }
}
