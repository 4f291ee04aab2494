package dev.imprint.pipeline;

import java.io.IOException;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

import dev.imprint.publish.BranchPublisher;
import dev.imprint.publish.Manifest;
import dev.imprint.publish.PublishResult;
import dev.imprint.publish.PublishedState;
import dev.imprint.publish.TreeWriter;

/**
 * A publishing branch as this process last left it: its folders' trees and its state, so the next build
 * neither reads the whole branch back nor re-hashes every folder. Used only while the ref still points at
 * the commit this process wrote; anyone else moving it means reading it afresh.
 */
final class PublishedBranch {
    final TreeWriter trees = new TreeWriter();
    PublishedState last;
    /** The plan's manifest {@link #last} was published from (a preview's published one also names its source). */
    private Manifest planned;

    synchronized PublishedState state(BranchPublisher publisher, boolean local) throws IOException {
        if (local && last != null) {
            var ref = publisher.repository().exactRef(publisher.localRef());
            if (ref != null && ref.getObjectId().equals(last.tip())) {
                return last;
            }
        }
        return publisher.state();
    }

    /** True when {@code state} is the one this process last published (and its tree writer holds that tree). */
    synchronized boolean isOwn(PublishedState state) {
        return state != null && state == last;
    }

    /** True when the last publish was of the plan whose manifest is {@code manifest} (the very object). */
    synchronized boolean wrote(Manifest manifest) {
        return last != null && planned == manifest;
    }

    /**
     * @param manifest the manifest published
     * @param planned the manifest of the plan it was published from
     */
    synchronized void published(PublishResult result, BranchPublisher publisher, Manifest manifest, Manifest planned,
                                String source, Repository repo) throws IOException {
        if (result.status() == PublishResult.Status.NEW || result.status() == PublishResult.Status.FAST_FORWARD) {
            try (RevWalk walk = new RevWalk(repo)) {
                last = publisher.written(walk.parseCommit(result.commit()), source, manifest);
                this.planned = planned;
            }
        } else {
            last = null;
            this.planned = null;
        }
    }
}
