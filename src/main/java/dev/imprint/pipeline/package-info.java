/**
 * The build lifecycle: open the source, plan (site, emitters, fingerprints — a warm process patches its last plan
 * when only note bodies changed), write what moved, publish, report. {@link dev.imprint.pipeline.Builder} runs it
 * for the CLI and for the service alike.
 */
package dev.imprint.pipeline;
