package dev.imprint.site;

import java.time.Instant;

/**
 * The source commit times, from (inclusive) until (exclusive), over which notes stay published or left out as they
 * are: a note's publishDate or expiryDate is a boundary. A warm build may reuse a note, or a whole site, only while
 * the new commit's time is inside, so an incremental build leaves out what a full one would. Null ends are open.
 */
public record PublishWindow(Instant from, Instant until) {
    public static final PublishWindow ALWAYS = new PublishWindow(null, null);

    /** The window around {@code now} of a decision that flips when the commit time reaches {@code at}. */
    static PublishWindow around(Instant at, Instant now) {
        return at.isAfter(now) ? new PublishWindow(null, at) : new PublishWindow(at, null);
    }

    public boolean contains(Instant t) {
        return (from == null || !t.isBefore(from)) && (until == null || t.isBefore(until));
    }

    /** The times inside both windows. */
    public PublishWindow and(PublishWindow other) {
        Instant f = from == null ? other.from : other.from == null || from.isAfter(other.from) ? from : other.from;
        Instant u = until == null ? other.until : other.until == null || until.isBefore(other.until) ? until : other.until;
        return new PublishWindow(f, u);
    }
}
