package dev.imprint.publish;

import org.eclipse.jgit.lib.ObjectId;

/**
 * How a publish ended, as a value the caller must look at (like JGit's RefUpdate.Result).
 *
 * @param commit the branch tip after publishing (the new commit, or the existing tip for NO_CHANGE)
 * @param attempts how many times the branch had to be re-read because someone else moved it
 */
public record PublishResult(Status status, ObjectId commit, ObjectId tree, int attempts, String message) {
    public enum Status {
        /** The branch did not exist and was created. */
        NEW,
        /** A new commit on top of the previous tip. */
        FAST_FORWARD,
        /** The tree is what the branch already has: no commit made. */
        NO_CHANGE,
        /** The branch kept moving under us (or the remote refused the push) after every retry. */
        REJECTED,
        /** The ref could not be updated for another reason (I/O, permissions, remote unreachable). */
        FAILED
    }

    public boolean ok() {
        return status == Status.NEW || status == Status.FAST_FORWARD || status == Status.NO_CHANGE;
    }
}
