package dev.imprint.forge;

import java.util.Locale;

/**
 * What a pull-request (GitLab: merge-request) delivery says, with what a preview build needs, the same for every
 * forge. A field is null where the forge's payload does not say.
 *
 * @param number                 GitHub and Gitea {@code number}, GitLab {@code object_attributes.iid}
 * @param action                 what happened to the pull request
 * @param merged                 a {@link Action#CLOSED} pull request was merged; false for the other actions
 * @param headSha                the commit to preview
 * @param headBranch             the branch the changes are on, short ({@code feature})
 * @param headRepositoryFullName where the head branch lives ({@code owner/name}; GitLab {@code group/sub/name})
 * @param headCloneUrl           the head repository's HTTP(S) clone URL; null when it is not http or https
 * @param baseBranch             the branch the pull request would merge into, short
 * @param baseRepositoryFullName the repository the pull request is in
 * @param fork                   the head repository is not the base repository; also true when the payload
 *                               does not name the head repository (GitHub drops it when the fork was deleted),
 *                               so an unknown head is never taken for a branch of the base repository
 * @param fetchRef               the ref the base repository keeps for the head ({@code refs/pull/N/head},
 *                               GitLab {@code refs/merge-requests/N/head}): a fallback when the head repository
 *                               cannot be fetched
 * @param title                  the pull request's title
 * @param webUrl                 the pull request's page on the forge
 * @param authorLogin            who opened it; on GitLab only when the payload's user is the author
 */
public record PullRequestEvent(int number, Action action, boolean merged, String headSha, String headBranch,
                               String headRepositoryFullName, String headCloneUrl, String baseBranch,
                               String baseRepositoryFullName, boolean fork, String fetchRef, String title,
                               String webUrl, String authorLogin) {

    /** What happened, as far as a preview is concerned. */
    public enum Action {
        /** Opened or reopened: build a preview. */
        OPENED,
        /** New commits on the head: build the preview again. */
        UPDATED,
        /** Closed or merged ({@link #merged()} says which): the preview can go. */
        CLOSED
    }

    /** {@code pull request #7 opened}, {@code ... updated}, {@code ... closed} or {@code ... merged}. */
    public String summary() {
        String verb = action == Action.CLOSED && merged ? "merged" : action.name().toLowerCase(Locale.ROOT);
        return "pull request #" + number + " " + verb;
    }
}
