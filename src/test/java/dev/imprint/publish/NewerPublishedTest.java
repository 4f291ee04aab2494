package dev.imprint.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.imprint.pipeline.BuildRequest;
import dev.imprint.pipeline.Builder;
import dev.imprint.testing.Cli;
import dev.imprint.testing.GitRepo;

/** Two builds finishing out of order never roll the site back; a rewritten history still publishes. */
class NewerPublishedTest {
    @TempDir
    Path tmp;
    GitRepo notes;
    String older;
    String newer;

    @BeforeEach
    void twoCommits() throws Exception {
        notes = GitRepo.fromFolder(Path.of("repo-template"), tmp.resolve("notes"));
        older = notes.head();
        notes.write("content/fragments/later.md", "# Later\n\nWritten after.\n");
        newer = notes.commitAll("a later note");
    }

    Cli.Result build(String ref) {
        return Cli.run("build", "--source", notes.dir().toString(), "--cache", tmp.resolve("cache").toString(),
                "--branch", "gh-pages", "--ref", ref, "--report", tmp.resolve("report.json").toString());
    }

    String publishedSource() throws Exception {
        List<String> trailer = notes.tip("gh-pages").getFooterLines(PublishedState.TRAILER);
        return trailer.get(trailer.size() - 1);
    }

    @Test
    void anOlderCommitBuiltAfterANewerOneIsSkippedWithExitZero() throws Exception {
        assertThat(build(newer).exit()).isZero();
        String tip = notes.tip("gh-pages").name();

        Cli.Result late = build(older);

        assertThat(late.exit()).as(late.err()).isZero();
        assertThat(late.out()).contains("skipped " + older.substring(0, 12) + ": already published a newer commit");
        assertThat(notes.tip("gh-pages").name()).as("no commit made").isEqualTo(tip);
        assertThat(publishedSource()).isEqualTo(newer);
        assertThat(new ObjectMapper().readTree(Files.readString(tmp.resolve("report.json"))).get("mode").asText())
                .isEqualTo("skipped");
        assertThat(new Builder(tmp.resolve("cache")).isPublished(new BuildRequest(notes.dir().toString(), older,
                "gh-pages", null, null, null, false))).as("the service's worker: up to date").isTrue();
    }

    @Test
    void aForcePushedUnrelatedHistoryStillPublishes() throws Exception {
        assertThat(build(newer).exit()).isZero();
        notes.git("checkout", "-q", "--orphan", "rewritten");
        notes.write("content/fragments/fresh.md", "# Fresh start\n");
        String unrelated = notes.commitAll("history rewritten");

        Cli.Result r = build(unrelated);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("skipped");
        assertThat(publishedSource()).isEqualTo(unrelated);
        assertThat(notes.read("gh-pages", "fragments/fresh/index.html")).contains("Fresh start");
    }

    @Test
    void aNewerPublishThatLandsDuringTheBuildWinsAtTheCompareAndSwap() throws Exception {
        try (Repository repo = notes.open()) {
            BranchPublisher publisher = new BranchPublisher(repo, "gh-pages", null, null, List.of())
                    .neverOlderThanPublished(new SourceLineage(repo));
            PublishedState planned = publisher.state(); // our build of the older commit starts: nothing published
            ObjectId page = blob(repo, "older");
            PersonIdent who = new PersonIdent("Imprint", "imprint@localhost");
            // meanwhile another job publishes the newer commit
            PublishResult theirs = publisher.publish(Map.of("index.html", blob(repo, "newer")), planned,
                    "Publish\n\nSource-Commit: " + newer + "\n", who, newer);
            assertThat(theirs.status()).isEqualTo(PublishResult.Status.NEW);

            PublishResult ours = publisher.publish(Map.of("index.html", page), planned,
                    "Publish\n\nSource-Commit: " + older + "\n", who, older);

            assertThat(ours.status()).isEqualTo(PublishResult.Status.NEWER_PUBLISHED);
            assertThat(ours.message()).contains("already published a newer commit (" + newer + ")");
            assertThat(notes.tip("gh-pages").getId()).isEqualTo(theirs.commit());
            assertThat(notes.read("gh-pages", "index.html")).isEqualTo("newer");
        }
    }

    private static ObjectId blob(Repository repo, String text) throws Exception {
        try (ObjectInserter ins = repo.newObjectInserter()) {
            ObjectId id = ins.insert(Constants.OBJ_BLOB, text.getBytes());
            ins.flush();
            return id;
        }
    }
}
