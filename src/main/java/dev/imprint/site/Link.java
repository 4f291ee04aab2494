package dev.imprint.site;

/**
 * Where a link written in a note goes.
 *
 * @param href the href to write in the page (relative), or the destination unchanged
 * @param broken true when the destination names something the site does not have
 * @param reason why it is broken, for the build report
 */
public record Link(String href, boolean broken, String reason) {
    static Link ok(String href) {
        return new Link(href, false, null);
    }

    static Link broken(String asWritten, String reason) {
        return new Link(asWritten, true, reason);
    }
}
