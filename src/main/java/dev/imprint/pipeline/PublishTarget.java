package dev.imprint.pipeline;

import java.nio.file.Path;
import java.util.Objects;

import dev.imprint.publish.BranchPublisher;
import dev.imprint.source.SourceRepository;

/**
 * Where a build's outputs go: {@code branch} in the repository at {@code repository}, pushed on to {@code remoteUrl}
 * when that is not null. Resolved once from a {@link BuildRequest} by {@link #of}; the build, the worker's "is it
 * published?" look and the site server all read the same value, so they cannot disagree about where a site is.
 *
 * @param repository where the branch is written and read locally: the {@code publishTo} path, else the source's
 *                   own path, or its cache mirror when the source is a URL
 * @param remoteUrl  the repository the branch is pushed to ({@code publishTo} or the source's URL), or null when
 *                   {@code repository} holds the branch itself
 * @param subpath    "" for the site, or the folder of the branch a preview goes into ({@link Preview#folder()})
 */
public record PublishTarget(Path repository, String branch, String remoteUrl, String subpath) {
    public PublishTarget(Path repository, String branch, String remoteUrl) {
        this(repository, branch, remoteUrl, "");
    }

    /**
     * @param mirrors the folder {@link SourceRepository} mirrors remote repositories into
     */
    public static PublishTarget of(BuildRequest request, Path mirrors) {
        String branch = Objects.requireNonNull(request.branch(), "a build into a directory has no publish target");
        String publishTo = request.publishTo();
        String subpath = request.preview() == null ? "" : request.preview().folder();
        if (publishTo != null && !SourceRepository.isUrl(publishTo)) {
            return new PublishTarget(Path.of(publishTo), branch, null, subpath);
        }
        // a branch of the source's repository, or one pushed from it to publishTo
        String source = request.source();
        boolean remoteSource = SourceRepository.isUrl(source);
        Path repository = remoteSource ? SourceRepository.mirrorDir(source, mirrors) : Path.of(source);
        String remote = publishTo != null ? publishTo : remoteSource ? source : null;
        return new PublishTarget(repository, branch, remote, subpath);
    }

    /** The ref that holds the branch in {@link #repository()}: what is published to, and what is served. */
    public String ref() {
        return BranchPublisher.localRef(branch, remoteUrl);
    }
}
