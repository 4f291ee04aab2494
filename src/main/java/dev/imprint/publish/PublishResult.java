package dev.imprint.publish;

import org.eclipse.jgit.lib.ObjectId;

/**
 * How a publish ended, as a value the caller must look at (like JGit's RefUpdate.Result).
 *
 * @param commit the branch tip after publishing (the new commit, or the existing tip for NO_CHANGE and NEWER_PUBLISHED)
 * @param attempts how many times the branch had to be re-read because someone else moved it
 * @param message for every status but NEW and FAST_FORWARD, what happened, in the remote's own words where it gave any
 */
public record PublishResult(Status status, ObjectId commit, ObjectId tree, int attempts, String message) {
    public enum Status {
        /** The branch did not exist and was created. */
        NEW,
        /** A new commit on top of the previous tip. */
        FAST_FORWARD,
        /** The tree is what the branch already has: no commit made. */
        NO_CHANGE,
        /** The branch already shows a source commit that descends from the one built: no commit made. */
        NEWER_PUBLISHED,
        /** The branch kept moving under us after every retry. */
        KEPT_MOVING,
        /** The remote refused the push (a hook, a protected branch, a lock on its side); not retried. */
        REFUSED,
        /** The local ref is locked by a {@code .lock} file that stayed (another git process, or one that crashed). */
        LOCKED,
        /** The ref could not be updated for another reason (I/O, permissions, remote unreachable). */
        FAILED
    }

    public boolean ok() {
        return status == Status.NEW || status == Status.FAST_FORWARD || status == Status.NO_CHANGE
                || status == Status.NEWER_PUBLISHED;
    }
}
