package dev.imprint.forge;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a forge client retries: up to {@code attempts} tries on 5xx answers and network errors, waiting
 * {@code backoff}, then twice that, and so on; a rate limit's wait ({@code Retry-After}, GitHub's
 * {@code x-ratelimit-reset}) is honoured when it is at most {@code maxWait}, else the call gives up at once with
 * {@code RATE_LIMITED} rather than hammer a forge that asked for quiet. The sleeper and clock are here so that tests
 * never really sleep.
 */
public record Retries(int attempts, Duration backoff, Duration maxWait, Sleeper sleeper, Clock clock) {

    public static final Retries DEFAULT = new Retries(3, Duration.ofSeconds(1), Duration.ofSeconds(60),
            duration -> Thread.sleep(duration.toMillis()), Clock.systemUTC());

    /** Waits; a test's sleeper records the wait and returns at once. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public Retries {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
    }

    /** The defaults, with another sleeper and clock. */
    public static Retries with(Sleeper sleeper, Clock clock) {
        return new Retries(DEFAULT.attempts, DEFAULT.backoff, DEFAULT.maxWait, sleeper, clock);
    }

    /** The wait before try {@code attempt + 1} after a 5xx or network error: backoff × 2^(attempt − 1). */
    Duration backoffAfter(int attempt) {
        return backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    }
}
