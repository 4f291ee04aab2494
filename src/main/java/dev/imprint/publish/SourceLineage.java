package dev.imprint.publish;

import java.io.IOException;

import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Orders source commits by ancestry in the notes repository, so a build never rolls a site back: two CI jobs that
 * finish out of order must leave the newer commit published.
 */
public final class SourceLineage {
    private final Repository source;

    public SourceLineage(Repository source) {
        this.source = source;
    }

    /**
     * True when {@code published} is a descendant of {@code building} (and not the same commit). An unrelated
     * history (the branch was force-pushed) or a commit this repository does not have is not newer: it publishes.
     */
    public boolean isNewer(String published, String building) throws IOException {
        if (published == null || published.equals(building) || !ObjectId.isId(published)) {
            return false;
        }
        try (RevWalk walk = new RevWalk(source)) {
            RevCommit theirs = walk.parseCommit(ObjectId.fromString(published));
            RevCommit ours = walk.parseCommit(ObjectId.fromString(building));
            // the usual case first: the published commit is an ancestor of ours, found a few commits back
            if (walk.isMergedInto(theirs, ours)) {
                return false;
            }
            walk.reset();
            return walk.isMergedInto(ours, theirs);
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            return false;
        }
    }
}
