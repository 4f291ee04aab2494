package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.source.Snapshot;
import dev.imprint.testing.GitRepo;

/** The service's "is this commit already published?" reads only the settings, and agrees with a full read. */
class IsPublishedTest {
    @TempDir
    Path tmp;

    @Test
    void settingsGiveTheSaltOfTheWholeSnapshot() throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("imprint.yml", "title: Salted\n");
        notes.write("templates/style.css", "body { color: teal; }\n");
        notes.write("templates/deeper/ignored.peb", "not a template: only files right under templates/ count\n");
        notes.write("content/a.md", "# A\n\nText.\n");
        notes.commitAll("notes");
        Builder builder = new Builder(tmp.resolve("cache"));
        BuildRequest request = new BuildRequest(notes.dir().toString(), null, "gh-pages", null, null, null, false);
        assertThat(builder.isPublished(request)).isFalse();
        builder.build(request);
        assertThat(builder.isPublished(request)).isTrue();
        assertThat(builder.isPublished(new BuildRequest(notes.dir().toString(), null, "gh-pages", null, null,
                "https://other.example/", false))).as("another base URL is another site").isFalse();

        notes.write("templates/style.css", "body { color: navy; }\n");
        notes.commitAll("restyle");
        try (Repository repo = notes.open(); RevWalk walk = new RevWalk(repo)) {
            RevCommit head = walk.parseCommit(repo.resolve("HEAD"));
            assertThat(Planner.salt(Snapshot.settings(repo, head), null)).isEqualTo(Planner.salt(Snapshot.read(repo, head), null));
        }
        assertThat(builder.isPublished(request)).isFalse();
        builder.build(request);
        assertThat(builder.isPublished(request)).isTrue();
    }
}
