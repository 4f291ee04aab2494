package dev.imprint.site;

/**
 * Where a link written in a note goes.
 *
 * @param href the href to write in the page (relative), or the destination unchanged
 * @param broken true when the destination names something the site does not have
 * @param reason why it is broken, for the build report
 * @param target the note it leads to (for backlinks and embeds), or null
 * @param embed true for a note embed ({@code ![[Note]]}): the target's body (or {@code headingId}'s section) is
 *              shown in place; with no target, the embed of a file (a PDF, a recording), shown as a link to it
 * @param headingId the heading the link or embed points at, or null for the whole note
 * @param neutralised true when {@code href} is a URL no page may carry ({@link UrlSchemes}): the link is shown as
 *                    text, the image left out; never broken. {@code reason} then says why, for the build report
 */
public record Link(String href, boolean broken, String reason, Note target, boolean embed, String headingId,
                   boolean neutralised) {
    static Link ok(String href) {
        return new Link(href, false, null, null, false, null, false);
    }

    static Link to(String href, Note target, String headingId) {
        return new Link(href, false, null, target, false, headingId, false);
    }

    static Link embedOf(Note target, String headingId) {
        return new Link("", false, null, target, true, headingId, false);
    }

    /** The embed of a file that is neither a note nor an image. */
    static Link embedOf(String fileHref) {
        return new Link(fileHref, false, null, null, true, null, false);
    }

    static Link broken(String asWritten, String reason) {
        return new Link(asWritten, true, reason, null, false, null, false);
    }

    /** A link to {@code url}, which no page may carry ({@code reason} says why): shown as text. */
    static Link shownAsText(String url, String reason) {
        return new Link(url, false, reason, null, false, null, true);
    }

    /** This link leading to {@code now} instead (the note at its target's path in a newer site). */
    Link to(Note now) {
        return new Link(href, broken, reason, now, embed, headingId, neutralised);
    }
}
