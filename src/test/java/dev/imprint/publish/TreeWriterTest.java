package dev.imprint.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Re-hashing only the changed folders gives exactly the tree Git's own index would write. */
class TreeWriterTest {
    @Provide
    Arbitrary<List<List<String>>> edits() {
        Arbitrary<String> segment = Arbitraries.of("a", "b", "a.b", "a-b", "ab", "index.html", "z", "Z", "a_b");
        Arbitrary<String> path = segment.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
        return path.list().ofMinSize(1).ofMaxSize(12).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 40)
    void sameTreeAsDirCacheAfterEveryStep(@ForAll("edits") List<List<String>> steps) throws Exception {
        File dir = Files.createTempDirectory("treewriter").toFile();
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir).setBare().build()) {
            repo.create(true);
            TreeWriter writer = new TreeWriter();
            Map<String, PublishedState.TreeEntry> files = new HashMap<>();
            int version = 0;
            for (List<String> step : steps) {
                try (ObjectInserter ins = repo.newObjectInserter()) {
                    for (String p : step) {
                        // toggle: add or change a file, or remove it; never a file where a folder is, or inside a file
                        if (files.containsKey(p) && version % 3 == 0) {
                            files.remove(p);
                        } else if (files.keySet().stream().noneMatch(f -> f.startsWith(p + "/") || p.startsWith(f + "/"))) {
                            ObjectId blob = ins.insert(org.eclipse.jgit.lib.Constants.OBJ_BLOB, (p + version).getBytes());
                            files.put(p, new PublishedState.TreeEntry(blob, FileMode.REGULAR_FILE));
                        }
                        version++;
                    }
                    ObjectId incremental = writer.write(files, ins);
                    ObjectId fresh = new TreeWriter().write(files, ins);
                    assertThat(incremental).isEqualTo(fresh).isEqualTo(dirCache(files, ins));
                    ins.flush();
                }
            }
        }
    }

    private static ObjectId dirCache(Map<String, PublishedState.TreeEntry> files, ObjectInserter ins) throws Exception {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder b = index.builder();
        files.forEach((p, e) -> {
            DirCacheEntry entry = new DirCacheEntry(p);
            entry.setFileMode(e.mode());
            entry.setObjectId(e.blob());
            b.add(entry);
        });
        b.finish();
        return index.writeTree(ins);
    }
}
