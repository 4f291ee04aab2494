package dev.imprint.forge;

import java.util.Objects;

/**
 * A status on a commit: what Imprint asks the forge to show beside the head of a pull request, and what the forge then
 * holds. The description is cut to {@value #MAX_DESCRIPTION} characters, GitHub's limit (a longer one is refused with
 * 422); the cut one ends in an ellipsis so readers see that it was cut.
 *
 * @param state       the state
 * @param targetUrl   the page the status links to (the preview), or null
 * @param description one line for readers, or null
 * @param context     the name that tells this status from other systems' ({@value #DEFAULT_CONTEXT} when null or blank);
 *                    a second status with the same context replaces the first
 */
public record CommitStatus(State state, String targetUrl, String description, String context) {

    public static final String DEFAULT_CONTEXT = "imprint/preview";
    public static final int MAX_DESCRIPTION = 140;

    public enum State {
        PENDING, SUCCESS, FAILURE, ERROR
    }

    public CommitStatus {
        Objects.requireNonNull(state, "state");
        context = context == null || context.isBlank() ? DEFAULT_CONTEXT : context;
        description = cut(description);
    }

    /** A status in the default context. */
    public static CommitStatus of(State state, String targetUrl, String description) {
        return new CommitStatus(state, targetUrl, description, null);
    }

    /** Counted in code points, so that an emoji is never split in half. */
    private static String cut(String text) {
        if (text == null || text.codePointCount(0, text.length()) <= MAX_DESCRIPTION) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_DESCRIPTION - 1)) + "…";
    }
}
