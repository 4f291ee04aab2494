package dev.imprint.service;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.imprint.pipeline.BuildReport;

/**
 * One look at a repository by its worker.
 *
 * @param started when it started, ISO-8601 UTC
 * @param outcome {@code published} (a new commit), {@code up-to-date} (nothing to do), {@code failed}
 * @param report the build's report, or null when nothing was built or it failed
 */
@JsonPropertyOrder({"id", "repo", "started", "duration_ms", "outcome", "trigger", "source_commit", "report", "error", "log"})
public record BuildRecord(
        @JsonProperty("id") long id,
        @JsonProperty("repo") String repo,
        @JsonProperty("started") String started,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("trigger") String trigger,
        @JsonProperty("source_commit") String sourceCommit,
        @JsonProperty("report") BuildReport report,
        @JsonProperty("error") String error,
        @JsonProperty("log") List<String> log) {
}
