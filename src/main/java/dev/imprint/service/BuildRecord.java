package dev.imprint.service;

import java.time.Instant;
import java.util.List;

import dev.imprint.build.BuildReport;

/**
 * One look at a repository by its worker.
 *
 * @param outcome {@code published} (a new commit), {@code up-to-date} (nothing to do), {@code failed}
 * @param report the build's report, or null when nothing was built or it failed
 */
public record BuildRecord(long id, String repo, Instant started, long durationMs, String outcome, String trigger,
                          String sourceCommit, BuildReport report, String error, List<String> log) {
}
