package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;
import dev.imprint.testing.Forges;
import dev.imprint.testing.GitServer;

/**
 * For every way a request names where to publish, the build lands exactly where its {@link PublishTarget} says
 * (the repository and ref the site server reads), and "is it published?" looks there too.
 */
class PublishTargetTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final Forges forges = new Forges();

    @Test
    void everyRequestPublishesWhereItsTargetSays() throws Exception {
        GitServer forge = forges.http(tmp.resolve("forge"));
        String remoteNotes = forge.create("notes");
        String remoteSite = forge.create("site");
        GitRepo notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("content/a.md", "# A\n\nText.\n");
        notes.commitAll("notes");
        notes.git("push", "-q", remoteNotes, "main");
        GitRepo.init(tmp.resolve("pages"));
        String local = notes.dir().toString();
        String pages = tmp.resolve("pages").toString();

        Builder builder = new Builder(tmp.resolve("cache"));
        // source: local or remote; publish-to: none, a local path or a URL
        for (String[] shape : new String[][] {{local, null}, {local, pages}, {local, remoteSite},
                {remoteNotes, null}, {remoteNotes, pages}, {remoteNotes, remoteSite}}) {
            String branch = "pages-" + (shape[0] == local ? "local" : "remote");
            BuildRequest request = new BuildRequest(shape[0], null, branch, shape[1], null, null, false);
            PublishTarget target = builder.target(request);
            assertThat(target).isEqualTo(builder.target(request));
            assertThat(builder.isPublished(request)).isFalse();

            BuildReport report = builder.build(request);

            try (Repository repo = Git.open(target.repository().toFile()).getRepository()) {
                assertThat(repo.exactRef(target.ref())).as("%s → %s", shape[0], shape[1]).isNotNull();
                assertThat(repo.exactRef(target.ref()).getObjectId().name()).isEqualTo(report.publishCommit());
            }
            assertThat(builder.isPublished(request)).isTrue();
            if (target.remoteUrl() != null) {
                try (Repository remote = forge.open(target.remoteUrl().equals(remoteSite) ? "site" : "notes")) {
                    assertThat(remote.exactRef(Constants.R_HEADS + branch).getObjectId().name())
                            .isEqualTo(report.publishCommit());
                }
            }
        }
    }
}
