package dev.imprint.pipeline;

import java.nio.file.Path;

/**
 * What to build and where to put it: either a branch ({@code branch}, optionally in another repository
 * {@code publishTo}) or a directory ({@code outDir}).
 *
 * @param preview when the build is a preview of a change, where on the branch it goes and how it is marked; else
 *                null (the site itself)
 * @param proposes for review before publish: the live branch this build's {@code branch} proposes a change to (the
 *                 build is reviewed against what that branch shows); else null
 */
public record BuildRequest(String source, String ref, String branch, String publishTo, Path outDir, String baseUrl,
                           boolean full, Preview preview, String proposes) {
    /** A build of the site itself. */
    public BuildRequest(String source, String ref, String branch, String publishTo, Path outDir, String baseUrl,
                        boolean full) {
        this(source, ref, branch, publishTo, outDir, baseUrl, full, null, null);
    }

    /** This request onto {@code proposals} instead, as a proposed change to its branch (review before publish). */
    public BuildRequest proposing(String proposals) {
        return new BuildRequest(source, ref, proposals, publishTo, outDir, baseUrl, full, preview, branch);
    }

    /** This request for another branch, tag or commit of the same source. */
    public BuildRequest withRef(String other) {
        return new BuildRequest(source, other, branch, publishTo, outDir, baseUrl, full, preview, proposes);
    }

    /** For a proposal, the request of the live branch it proposes to (the same build onto that branch). */
    public BuildRequest liveRequest() {
        return new BuildRequest(source, ref, proposes, publishTo, outDir, baseUrl, full, preview, null);
    }

    /** This request, as a preview. */
    public BuildRequest asPreview(Preview preview) {
        return new BuildRequest(source, ref, branch, publishTo, outDir, baseUrl, full, preview, proposes);
    }
}
