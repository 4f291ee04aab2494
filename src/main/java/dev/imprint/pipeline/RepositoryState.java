package dev.imprint.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Map<Boolean, NoteParser> parsers = new ConcurrentHashMap<>();
    private final Map<PublishTarget, PublishedBranch> branches = new ConcurrentHashMap<>();
    /** The history index at the commit last planned, or null; advancing it takes it over. */
    HistoryIndex history;
    /** The last plan, or null; a patch takes it out while it changes it in place, and puts it back when done. */
    LastPlan lastPlan;

    NoteParser parser(boolean rawHtml) {
        return parsers.computeIfAbsent(rawHtml, NoteParser::new);
    }

    PublishedBranch branch(PublishTarget target) {
        return branches.computeIfAbsent(target, t -> new PublishedBranch());
    }
}
