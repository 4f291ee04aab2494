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
 */
public record Link(String href, boolean broken, String reason, Note target, boolean embed, String headingId) {
    static Link ok(String href) {
        return new Link(href, false, null, null, false, null);
    }

    static Link to(String href, Note target, String headingId) {
        return new Link(href, false, null, target, false, headingId);
    }

    static Link embedOf(Note target, String headingId) {
        return new Link("", false, null, target, true, headingId);
    }

    /** The embed of a file that is neither a note nor an image. */
    static Link embedOf(String fileHref) {
        return new Link(fileHref, false, null, null, true, null);
    }

    static Link broken(String asWritten, String reason) {
        return new Link(asWritten, true, reason, null, false, null);
    }
}
