package dev.imprint.pipeline;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jgit.lib.ObjectId;

import dev.imprint.render.NoteParser;
import dev.imprint.source.HistoryIndex;

/**
 * What a warm process keeps of one source repository between builds: its parsed notes (a parser per raw-HTML
 * setting), its history index, its last plan, and the state of each branch it publishes to. One build of the
 * repository at a time holds {@link #lock}, and only that build reads or changes the rest. None of it is needed
 * for a correct build: a restarted process, or a second replica, rebuilds all of it from Git.
 */
final class RepositoryState {
    /** Held by the one build (or plan) of this repository at a time. */
    final Object lock = new Object();
    /** Parsed notes by raw-HTML setting; the site's state owns them, its previews' states share them. */
    private final Map<Boolean, NoteParser> parsers;
    /** True for the state that may drop parses (the site's): a preview's never evicts what the site still needs. */
    private final boolean ownsParses;
    private final Map<PublishTarget, PublishedBranch> branches = new ConcurrentHashMap<>();
    /** The history index at the commit last planned, or null; advancing it takes it over. */
    HistoryIndex history;
    /** The last plan, or null; a patch takes it out while it changes it in place, and puts it back when done. */
    LastPlan lastPlan;

    /** The state of a repository's site, with parse caches of its own. */
    RepositoryState() {
        this.parsers = new ConcurrentHashMap<>();
        this.ownsParses = true;
    }

    /** A state that shares {@code site}'s parsed notes (a preview's): a preview of a 10,000-note site parses only
     * the notes its change touched. */
    RepositoryState(RepositoryState site) {
        this.parsers = site.parsers;
        this.ownsParses = false;
    }

    NoteParser parser(boolean rawHtml) {
        return parsers.computeIfAbsent(rawHtml, NoteParser::new);
    }

    /** How many note blobs this state's parsers parsed (cache misses). */
    int parses() {
        return parsers.values().stream().mapToInt(NoteParser::parses).sum();
    }

    /** Lets the parse cache forget the notes a site no longer has (only the owner's site decides). */
    void retainParses(NoteParser parser, Set<ObjectId> blobs) {
        if (ownsParses) {
            parser.retain(blobs);
        }
    }

    /** Lets the parse cache forget a note's old content (only the owner's site decides). */
    void forgetParse(NoteParser parser, ObjectId blob) {
        if (ownsParses) {
            parser.forget(blob);
        }
    }

    PublishedBranch branch(PublishTarget target) {
        return branches.computeIfAbsent(target, t -> new PublishedBranch());
    }
}
