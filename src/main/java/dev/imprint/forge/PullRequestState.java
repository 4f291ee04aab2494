package dev.imprint.forge;

import java.util.Objects;

/**
 * Where one pull request (GitLab: merge request) stands on the forge, read by its number: a preview is wanted while it
 * is {@link State#OPEN}, and can be cleaned up once it is {@link State#CLOSED} or {@link State#MERGED}, even when
 * Imprint was down as that happened and never heard the webhook.
 *
 * @param number  the number readers see ({@code #12}; GitLab's {@code iid}, {@code !12})
 * @param state   open, closed without being merged, or merged
 * @param headSha the commit at the head of its branch, or null when the forge's answer names none
 * @param base    the branch it goes (or went) into
 */
public record PullRequestState(int number, State state, String headSha, String base) {

    public enum State {
        /** Open for review (GitLab: {@code opened}, or {@code locked}, the short-lived state while it is merged). */
        OPEN,
        /** Closed without being merged. */
        CLOSED,
        MERGED
    }

    public PullRequestState {
        Objects.requireNonNull(state, "state");
    }
}
