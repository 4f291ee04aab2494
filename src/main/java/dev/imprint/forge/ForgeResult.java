package dev.imprint.forge;

import java.util.Locale;

/**
 * What one call to a forge's REST API came to, as a value the caller must look at (like JGit's
 * {@code RefUpdate.Result}): a forge that refuses, fails or is out of reach is an outcome with the forge's own words in
 * {@link #message()}, never an exception. The caller turns a failure into a warning; nothing here may block a publish.
 *
 * @param outcome    what happened
 * @param value      what the forge now holds (the comment, status or pull request), or null for {@code NONE} and failures
 * @param httpStatus the forge's last HTTP status, 0 when no answer came
 * @param message    for a failure, why, in the forge's words; else a short note. Never holds the token
 */
public record ForgeResult<T>(Outcome outcome, T value, int httpStatus, String message) {

    public enum Outcome {
        /** The thing was there already, as asked (a find that matched, or nothing to change). */
        FOUND(true),
        /** A find that matched nothing: not an error. */
        NONE(true),
        CREATED(true),
        UPDATED(true),
        /** The forge said no (a 4xx other than a rate limit): a wrong token, repository or number; retrying will not help. */
        REJECTED(false),
        /** No usable answer after the retries: 5xx, network errors, or an answer that is not the documented JSON. */
        FAILED(false),
        /** The forge's rate limit asks for a longer wait than Imprint's cap, or was still hit after the retries. */
        RATE_LIMITED(false);

        private final boolean ok;

        Outcome(boolean ok) {
            this.ok = ok;
        }
    }

    /** True unless the call failed: {@code FOUND}, {@code NONE}, {@code CREATED} or {@code UPDATED}. */
    public boolean ok() {
        return outcome.ok;
    }

    static <T> ForgeResult<T> of(Outcome outcome, T value, int httpStatus) {
        return new ForgeResult<>(outcome, value, httpStatus, outcome.name().toLowerCase(Locale.ROOT));
    }

    static <T> ForgeResult<T> none(int httpStatus) {
        return new ForgeResult<>(Outcome.NONE, null, httpStatus, "none");
    }

    static <T> ForgeResult<T> failure(Outcome outcome, int httpStatus, String message) {
        return new ForgeResult<>(outcome, null, httpStatus, message);
    }
}
