/**
 * The build lifecycle, in {@link dev.imprint.pipeline.Builder#build}: open the source, plan, write what moved,
 * publish, report. The {@link dev.imprint.pipeline.Planner} makes the {@link dev.imprint.pipeline.Plan} (the whole
 * site, or a patch of the last plan when only note text changed); {@link dev.imprint.pipeline.RepositoryState}
 * is what a warm process keeps of each repository, and {@link dev.imprint.pipeline.PublishTarget} where a build's
 * outputs go. The CLI and the service run the same Builder.
 */
package dev.imprint.pipeline;
