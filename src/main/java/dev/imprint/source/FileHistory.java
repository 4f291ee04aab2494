package dev.imprint.source;

import java.time.Instant;
import java.util.List;

/**
 * Git history facts of one file at a commit, as computed by {@link HistoryIndex}.
 *
 * @param created author time of the commit that first added the path (following renames)
 * @param updated author time of the last commit that changed it (content, mode, or its name)
 * @param contributors distinct author names (as git records them), most commits first, ties by name
 * @param createdCommit id of the commit behind {@code created}
 * @param updatedCommit id of the commit behind {@code updated}
 */
public record FileHistory(Instant created, Instant updated, List<String> contributors,
                          String createdCommit, String updatedCommit) {
    public FileHistory {
        contributors = List.copyOf(contributors);
    }
}
