package dev.imprint.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;

/** Loose objects Imprint writes are objects Git reads, compressed at the level Git would use. */
class LooseObjectInserterTest {
    @Test
    void gitReadsAndChecksWhatItWrites() throws Exception {
        File dir = Files.createTempDirectory("loose").toFile();
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir).setBare().build()) {
            repo.create(true);
            byte[] page = "<p>hello</p>\n".repeat(100).getBytes(StandardCharsets.UTF_8);
            ObjectId blob;
            ObjectId tree;
            byte[] treeBytes;
            try (ObjectInserter inserter = BlobWriter.inserter(repo, 1)) {
                blob = inserter.insert(Constants.OBJ_BLOB, page);
                assertThat(inserter.insert(Constants.OBJ_BLOB, page)).isEqualTo(blob); // again: already there
                TreeFormatter t = new TreeFormatter();
                t.append("index.html", FileMode.REGULAR_FILE, blob);
                treeBytes = t.toByteArray();
                tree = inserter.insert(t);
                inserter.flush();
            }
            assertThat(blob).isEqualTo(new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, page));
            assertThat(git(dir, "cat-file", "-p", blob.name())).isEqualTo(new String(page, StandardCharsets.UTF_8));
            assertThat(git(dir, "ls-tree", tree.name())).isEqualTo("100644 blob " + blob.name() + "\tindex.html\n");
            git(dir, "fsck", "--strict");
            assertThat(repo.getObjectDatabase().has(tree)).isTrue();
            assertThat(new File(dir, "objects").list((d, name) -> name.endsWith(".tmp"))).isEmpty();
            // zlib's header names the level: 0x01 fastest (Git's default for loose objects), for a tree none
            assertThat(Files.readAllBytes(looseFile(dir, blob).toPath())[1]).isEqualTo((byte) 0x01);
            assertThat(Files.readAllBytes(looseFile(dir, tree).toPath())[1]).isEqualTo((byte) 0x01);
            assertThat(looseFile(dir, tree).length()).isGreaterThan(treeBytes.length); // stored as it is
            assertThat(looseFile(dir, blob).length()).isLessThan(page.length / 10); // compressed
        }
    }

    @Test
    void configuredLooseCompressionIsHonoured() throws Exception {
        File dir = Files.createTempDirectory("loose").toFile();
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir).setBare().build()) {
            repo.create(true);
            git(dir, "config", "core.looseCompression", "9");
            ObjectId blob;
            ObjectId tree;
            try (ObjectInserter inserter = BlobWriter.inserter(repo, 1)) {
                blob = inserter.insert(Constants.OBJ_BLOB, "x".repeat(1000).getBytes(StandardCharsets.UTF_8));
                TreeFormatter t = new TreeFormatter();
                t.append("x.txt", FileMode.REGULAR_FILE, blob);
                tree = inserter.insert(t);
            }
            assertThat(Files.readAllBytes(looseFile(dir, blob).toPath())[1]).isEqualTo((byte) 0xDA); // best
            assertThat(Files.readAllBytes(looseFile(dir, tree).toPath())[1]).isEqualTo((byte) 0xDA);
            git(dir, "fsck", "--strict");
        }
    }

    private static File looseFile(File gitDir, ObjectId id) {
        return new File(gitDir, "objects/" + id.name().substring(0, 2) + "/" + id.name().substring(2));
    }

    private static String git(File gitDir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "--git-dir", gitDir.getPath()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
        return out;
    }
}
