package dev.imprint.forge;

/** The kind of sender behind a webhook route {@code POST /hooks/{provider}/{repo}}. */
public enum Provider {
    /** GitHub and GitHub Enterprise: {@code X-Hub-Signature-256}, {@code X-GitHub-Event}. */
    GITHUB,
    /** Gitea and Forgejo: {@code X-Gitea-Signature} / {@code X-Forgejo-Signature} (or GitHub's header). */
    GITEA,
    /** GitLab: shared token in {@code X-Gitlab-Token}, {@code X-Gitlab-Event}. */
    GITLAB,
    /** Any script or CI job: GitHub-style signature, optional {@code {"ref","before","after"}} body. */
    GENERIC;

    /** The provider named by a route's path segment ({@code github}, {@code gitea}, {@code gitlab}, {@code generic}), else null. */
    public static Provider of(String pathSegment) {
        if (pathSegment == null) {
            return null;
        }
        return switch (pathSegment) {
            case "github" -> GITHUB;
            case "gitea" -> GITEA;
            case "gitlab" -> GITLAB;
            case "generic" -> GENERIC;
            default -> null;
        };
    }
}
