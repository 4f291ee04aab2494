package dev.imprint.pipeline;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.imprint.review.ReviewReport;

/**
 * The outcome of one build, as written by {@code --report} and shown by the service.
 *
 * @param plan how the outputs were planned: {@code "patched: …"} from a warm process's last plan, or
 *             {@code "whole site: "} and why it could not be patched (the fingerprints decide what is written either way)
 * @param review for a preview, what the change does to the site's pages; else null
 */
@JsonPropertyOrder({"source_commit", "publish_commit", "mode", "plan", "pages", "warnings", "broken_links", "duration_ms",
    "review"})
public record BuildReport(
        @JsonProperty("source_commit") String sourceCommit,
        @JsonProperty("publish_commit") String publishCommit,
        @JsonProperty("mode") String mode,
        @JsonProperty("plan") String plan,
        @JsonProperty("pages") Pages pages,
        @JsonProperty("warnings") List<WarningEntry> warnings,
        @JsonProperty("broken_links") List<BrokenLinkEntry> brokenLinks,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("review") @JsonInclude(JsonInclude.Include.NON_NULL) ReviewReport review) {

    /** Counts of output files: rendered (written anew), unchanged (blob kept), removed (gone since last build). */
    public record Pages(int rendered, int unchanged, int removed) {
    }

    public record WarningEntry(String path, String message) {
    }

    public record BrokenLinkEntry(String from, String to) {
    }

    /** This report with one more warning (found after the report was made: the analysis file not saved). */
    public BuildReport withWarning(String path, String message) {
        List<WarningEntry> more = new java.util.ArrayList<>(warnings);
        more.add(new WarningEntry(path, message));
        return new BuildReport(sourceCommit, publishCommit, mode, plan, pages, List.copyOf(more), brokenLinks,
                durationMs, review);
    }

    /** The one-line human summary. */
    public String summary() {
        if ("skipped".equals(mode)) {
            return String.format("skipped %s: already published a newer commit (%s stays)",
                    sourceCommit.substring(0, Math.min(12, sourceCommit.length())), publishCommit.substring(0, 12));
        }
        return String.format("built %s (%s): %d rendered, %d unchanged, %d removed, %d warning%s, %d broken link%s in %d ms%s",
                sourceCommit.substring(0, Math.min(12, sourceCommit.length())), mode, pages.rendered, pages.unchanged,
                pages.removed, warnings.size(), warnings.size() == 1 ? "" : "s", brokenLinks.size(),
                brokenLinks.size() == 1 ? "" : "s", durationMs,
                publishCommit == null ? "" : " → " + publishCommit.substring(0, 12));
    }
}
