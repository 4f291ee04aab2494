package dev.imprint.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;

import dev.imprint.emit.Output;

/** Packed or loose, the blobs have the ids Git gives their bytes, and a fresh reader finds every one. */
class BlobWriterTest {
    @Test
    void largeBatchGoesIntoPacksWithTheSameIdsAsLooseObjects() throws Exception {
        int n = BlobWriter.PACK_THRESHOLD * 2 + 7;
        List<Output> work = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String path = "p" + i + "/index.html";
            byte[] bytes = ("<p>page " + i + "</p>\n").repeat(i % 50 + 1).getBytes(StandardCharsets.UTF_8);
            work.add(Output.rendered(path, "f" + i, () -> bytes));
        }
        File dir = Files.createTempDirectory("blobwriter").toFile();
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir).setBare().build()) {
            repo.create(true);
            Map<String, ObjectId> blobs = new ConcurrentHashMap<>();
            BlobWriter.insertAll(repo, work, blobs);

            assertThat(blobs).hasSize(n);
            File[] packs = new File(dir, "objects/pack").listFiles((d, name) -> name.endsWith(".pack"));
            assertThat(packs).isNotEmpty();
            try (ObjectInserter.Formatter ids = new ObjectInserter.Formatter();
                 Repository reopened = new FileRepositoryBuilder().setGitDir(dir).setBare().build();
                 ObjectReader reader = reopened.newObjectReader()) {
                for (Output o : work) {
                    byte[] bytes = o.content().get();
                    ObjectId id = blobs.get(o.path());
                    assertThat(id).isEqualTo(ids.idFor(Constants.OBJ_BLOB, bytes));
                    assertThat(reader.open(id, Constants.OBJ_BLOB).getCachedBytes()).isEqualTo(bytes);
                }
            }
        }
    }

    @Test
    void smallBatchStaysLoose() throws Exception {
        File dir = Files.createTempDirectory("blobwriter").toFile();
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir).setBare().build()) {
            repo.create(true);
            Map<String, ObjectId> blobs = new ConcurrentHashMap<>();
            byte[] bytes = "one page".getBytes(StandardCharsets.UTF_8);
            BlobWriter.insertAll(repo, List.of(Output.rendered("index.html", "f", () -> bytes)), blobs);
            assertThat(new File(dir, "objects/pack").listFiles((d, name) -> name.endsWith(".pack"))).isEmpty();
            assertThat(repo.getObjectDatabase().has(blobs.get("index.html"))).isTrue();
        }
    }
}
