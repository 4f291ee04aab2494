package dev.imprint.pipeline;

import java.nio.file.Path;

/**
 * What to build and where to put it: either a branch ({@code branch}, optionally in another repository
 * {@code publishTo}) or a directory ({@code outDir}).
 */
public record BuildRequest(String source, String ref, String branch, String publishTo, Path outDir, String baseUrl,
                           boolean full) {
}
