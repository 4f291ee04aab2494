package dev.imprint.source;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/** The files Git sees renamed between two commits (content similar enough, by Git's own rename detection). */
public final class Renames {
    private Renames() {
    }

    /** Old path → new path for every file renamed from {@code from} to {@code to}. */
    public static Map<String, String> between(Repository repository, RevCommit from, RevCommit to) throws IOException {
        Map<String, String> renamed = new HashMap<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.setRecursive(true);
            walk.addTree(from.getTree());
            walk.addTree(to.getTree());
            RenameDetector detector = new RenameDetector(repository);
            detector.addAll(DiffEntry.scan(walk));
            for (DiffEntry e : detector.compute()) {
                if (e.getChangeType() == DiffEntry.ChangeType.RENAME) {
                    renamed.put(e.getOldPath(), e.getNewPath());
                }
            }
        }
        return renamed;
    }
}
