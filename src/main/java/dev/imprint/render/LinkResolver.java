package dev.imprint.render;

/** Called for every link and image destination in the note. */
@FunctionalInterface
public interface LinkResolver {

    /**
     * @param destination the destination as written in the source (backslash escapes and entities decoded)
     * @param image       true for image sources, false for links
     * @return the href to emit; or null to leave the link as written. Mark broken by returning
     *     {@link Resolution#broken(String)}.
     */
    Resolution resolve(String destination, boolean image);

    /**
     * Outcome of resolving one destination.
     *
     * @param href   the href/src to emit
     * @param broken true if the target does not exist; the link is then rendered with {@code class="broken"}
     */
    record Resolution(String href, boolean broken) {
        public static Resolution ok(String href) {
            return new Resolution(href, false);
        }

        public static Resolution broken(String asWritten) {
            return new Resolution(asWritten, true);
        }
    }

    /** Leaves every link as written. */
    LinkResolver IDENTITY = (d, i) -> null;
}
