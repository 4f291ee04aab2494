package dev.imprint.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;
import dev.imprint.testing.Forges;
import dev.imprint.testing.GitServer;

/** Publishing to a branch that someone else moves meanwhile: retried on top, never forced. */
class RemotePublishTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final Forges forges = new Forges();

    @Test
    void aRejectedPushEndsInACorrectPublishOnTopOfTheOtherCommit() throws Exception {
        GitServer forge = forges.http(tmp.resolve("forge"));
        String url = forge.create("site");
        // the branch exists with a first publish
        GitRepo other = GitRepo.init(tmp.resolve("other"));
        other.git("checkout", "-q", "-b", "gh-pages");
        other.write("index.html", "old");
        other.commitAll("first publish");
        other.git("push", "-q", url, "gh-pages");

        GitRepo local = GitRepo.init(tmp.resolve("local"));
        try (Repository repo = local.open()) {
            BranchPublisher publisher = new BranchPublisher(repo, "gh-pages", url, null, java.util.List.of());
            PublishedState planned = publisher.state();

            // meanwhile someone else pushes a CNAME to the branch
            other.write("CNAME", "notes.example.org\n");
            String theirs = other.commitAll("custom domain");
            other.git("push", "-q", url, "gh-pages");

            ObjectId blob;
            try (ObjectInserter ins = repo.newObjectInserter()) {
                blob = ins.insert(Constants.OBJ_BLOB, "new".getBytes());
                ins.flush();
            }
            PublishResult result = publisher.publish(Map.of("index.html", blob), planned,
                    "Publish\n\nSource-Commit: " + "c".repeat(40) + "\n", new PersonIdent("Imprint", "imprint@localhost"));

            assertThat(result.status()).isEqualTo(PublishResult.Status.FAST_FORWARD);
            assertThat(result.attempts()).isEqualTo(2);
            try (Repository remote = forge.open("site"); RevWalk w = new RevWalk(remote)) {
                RevCommit tip = w.parseCommit(remote.resolve(Constants.R_HEADS + "gh-pages"));
                assertThat(tip.getId()).isEqualTo(result.commit());
                assertThat(tip.getParent(0).name()).as("built on top of the other push, not over it").isEqualTo(theirs);
            }
            GitRepo check = GitRepo.init(tmp.resolve("check"));
            check.git("fetch", "-q", url, "gh-pages:gh-pages");
            assertThat(check.read("gh-pages", "CNAME")).isEqualTo("notes.example.org\n");
            assertThat(check.read("gh-pages", "index.html")).isEqualTo("new");
        }
    }

    @Test
    void theLocalRefMovesByCompareAndSwapOnly() throws Exception {
        GitRepo local = GitRepo.init(tmp.resolve("local"));
        local.commitAll("source");
        try (Repository repo = local.open()) {
            BranchPublisher publisher = new BranchPublisher(repo, "gh-pages", null, null, java.util.List.of());
            PublishedState empty = publisher.state();
            ObjectId a;
            ObjectId b;
            try (ObjectInserter ins = repo.newObjectInserter()) {
                a = ins.insert(Constants.OBJ_BLOB, "a".getBytes());
                b = ins.insert(Constants.OBJ_BLOB, "b".getBytes());
                ins.flush();
            }
            PersonIdent who = new PersonIdent("Imprint", "imprint@localhost");
            PublishResult first = publisher.publish(Map.of("a.txt", a), empty, "one\n", who);
            assertThat(first.status()).isEqualTo(PublishResult.Status.NEW);
            // a second publisher still planning against "no branch" must not overwrite the first
            PublishResult second = publisher.publish(Map.of("b.txt", b), empty, "two\n", who);
            assertThat(second.status()).isEqualTo(PublishResult.Status.FAST_FORWARD);
            assertThat(second.attempts()).isEqualTo(2);
            try (RevWalk w = new RevWalk(repo)) {
                RevCommit tip = w.parseCommit(repo.resolve("refs/heads/gh-pages"));
                assertThat(tip.getParent(0).getId()).isEqualTo(first.commit());
            }
            PublishResult same = publisher.publish(Map.of("b.txt", b), publisher.state(), "three\n", who);
            assertThat(same.status()).isEqualTo(PublishResult.Status.NO_CHANGE);
        }
    }
}
