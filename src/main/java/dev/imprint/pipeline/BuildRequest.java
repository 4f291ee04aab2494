package dev.imprint.pipeline;

import java.nio.file.Path;

/**
 * What to build and where to put it: either a branch ({@code branch}, optionally in another repository
 * {@code publishTo}) or a directory ({@code outDir}).
 *
 * @param preview when the build is a preview of a change, where on the branch it goes and how it is marked; else
 *                null (the site itself)
 */
public record BuildRequest(String source, String ref, String branch, String publishTo, Path outDir, String baseUrl,
                           boolean full, Preview preview) {
    /** A build of the site itself. */
    public BuildRequest(String source, String ref, String branch, String publishTo, Path outDir, String baseUrl,
                        boolean full) {
        this(source, ref, branch, publishTo, outDir, baseUrl, full, null);
    }

    /** This request for another branch, tag or commit of the same source. */
    public BuildRequest withRef(String other) {
        return new BuildRequest(source, other, branch, publishTo, outDir, baseUrl, full, preview);
    }

    /** This request, as a preview. */
    public BuildRequest asPreview(Preview preview) {
        return new BuildRequest(source, ref, branch, publishTo, outDir, baseUrl, full, preview);
    }
}
