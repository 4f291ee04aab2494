package dev.imprint.forge;

/**
 * The outcome of looking at a delivery, as a value the caller must look at (like JGit's
 * {@code RefUpdate.Result}) rather than an exception to forget.
 *
 * @param kind        what happened
 * @param httpStatus  the status to answer the sender with
 * @param reason      a short human-readable explanation (never contains the secret or a signature)
 * @param push        the parsed push for {@link Kind#PUSH}; also set for an {@link Kind#IGNORED} push
 *                    (other branch, tag, deletion) so the caller can log what was skipped; else null
 * @param pullRequest the pull request for {@link Kind#PULL_REQUEST}, else null (an ignored one is named in the reason)
 * @param deliveryId  the sender's delivery id header, or null when absent
 */
public record WebhookOutcome(Kind kind, int httpStatus, String reason, PushEvent push, PullRequestEvent pullRequest,
                             String deliveryId) {

    public enum Kind {
        /** 202: a push to the watched branch (or a generic "look at the repo"): a build is wanted. */
        PUSH(202),
        /** 202: a pull request into the watched branch was opened, got new commits, or was closed or merged. */
        PULL_REQUEST(202),
        /**
         * 202: authentic but nothing to do (other branch, tag, branch deletion, unhandled event, a pull request's
         * label or title edit or one into another branch); reason says why.
         */
        IGNORED(202),
        /** 200: the forge's "hook is set up" ping. */
        PING(200),
        /** 401: missing or wrong signature/token, or no secret configured. */
        UNAUTHORIZED(401),
        /** 400: authentic, but the body is not a JSON object (or a push lacks its ref, a pull request its number). */
        MALFORMED(400);

        public final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }
    }

    static WebhookOutcome push(PushEvent push, String deliveryId) {
        return new WebhookOutcome(Kind.PUSH, Kind.PUSH.httpStatus, "push to " + push.ref(), push, null, deliveryId);
    }

    static WebhookOutcome pullRequest(PullRequestEvent pullRequest, String deliveryId) {
        return new WebhookOutcome(Kind.PULL_REQUEST, Kind.PULL_REQUEST.httpStatus, pullRequest.summary(), null,
                pullRequest, deliveryId);
    }

    static WebhookOutcome ignored(String reason, PushEvent push, String deliveryId) {
        return new WebhookOutcome(Kind.IGNORED, Kind.IGNORED.httpStatus, reason, push, null, deliveryId);
    }

    static WebhookOutcome ping(String deliveryId) {
        return new WebhookOutcome(Kind.PING, Kind.PING.httpStatus, "ping", null, null, deliveryId);
    }

    static WebhookOutcome unauthorized(String reason, String deliveryId) {
        return new WebhookOutcome(Kind.UNAUTHORIZED, Kind.UNAUTHORIZED.httpStatus, reason, null, null, deliveryId);
    }

    static WebhookOutcome malformed(String reason, String deliveryId) {
        return new WebhookOutcome(Kind.MALFORMED, Kind.MALFORMED.httpStatus, reason, null, null, deliveryId);
    }
}
