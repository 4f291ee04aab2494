package dev.imprint.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;
import dev.imprint.testing.ManyNotes;
import dev.imprint.testing.RunningService;

/** A long-running service does not let its repositories grow without bound. */
class HousekeepingTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final RunningService running = new RunningService();
    ImprintService service;

    ImprintService serve(GitRepo notes) throws Exception {
        ServiceConfig config = new ServiceConfig();
        ServiceConfig.Repo repo = new ServiceConfig.Repo();
        repo.name = "notes";
        repo.source.path = notes.dir().toString();
        config.repos.add(repo);
        return running.start(config, tmp.resolve("data"), Map.of());
    }

    @Test
    void temporaryFilesThatKilledWritersLeftAreRemovedAtStartFreshOnesKept() throws Exception {
        GitRepo notes = GitRepo.fromFolder(Path.of("repo-template"), tmp.resolve("notes"));
        Path objects = notes.dir().resolve(".git/objects");
        Path ours = old(objects.resolve("imprint_obj_1234.tmp"));
        Path jgitPack = old(objects.resolve("pack/insert_5678.pack"));
        Path jgitIdx = old(objects.resolve("pack/insert_5678.idx"));
        Path gitLoose = old(objects.resolve("ab/tmp_obj_Xy12Z"));
        Path incoming = objects.resolve("incoming_91011.pack"); // a push being received right now
        Files.writeString(incoming, "half a pack");

        service = serve(notes);

        assertThat(ours).doesNotExist();
        assertThat(jgitPack).doesNotExist();
        assertThat(jgitIdx).doesNotExist();
        assertThat(gitLoose).doesNotExist();
        assertThat(incoming).as("too young to be abandoned").exists();
        assertThat(notes.git("fsck", "--strict", "--no-progress")).doesNotContainPattern("(?m)^(error|missing)");
    }

    @Test
    void aRepositoryWithTooManyPacksIsPackedBetweenBuilds() throws Exception {
        GitRepo notes = ManyNotes.create(tmp.resolve("notes"), 300);
        notes.git("config", "gc.autoPackLimit", "1"); // git's own knob: pack once there are more than 2 packs
        String head = notes.head();

        service = serve(notes);
        await().atMost(Duration.ofSeconds(120)).until(() -> service.records("notes").stream()
                .anyMatch(r -> r.outcome().equals("published")));

        assertThat(notes.tip("gh-pages").getFullMessage()).contains("Source-Commit: " + head);
        String counts = notes.git("count-objects", "-v");
        assertThat(counts).as("a full build of 300 notes writes several packs and leaves loose objects")
                .containsPattern("(?m)^count: 0$").containsPattern("(?m)^packs: 1$");
        assertThat(notes.git("fsck", "--strict", "--no-progress")).doesNotContainPattern("(?m)^(error|missing)");
        assertThat(notes.read("gh-pages", "index.html")).contains("Many notes");
    }

    private static Path old(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "left by a process killed mid-write");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
        return file;
    }
}
