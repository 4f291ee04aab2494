package dev.imprint.emit;

import java.util.List;

/**
 * One kind of output (note pages, section indexes, feeds, ...). An emitter lists every file it makes with the
 * fingerprint of the inputs that file is made from; it never renders here, so listing is cheap and a build can
 * compare fingerprints to decide what to render. A full build is the same list against an empty manifest.
 */
public interface Emitter {
    List<Output> emit(EmitContext context);

    /**
     * Plans again one output this emitter listed for an earlier site ({@code previous}), now that notes it
     * {@linkplain Output#reads() reads} changed (and nothing else did): the same output {@link #emit} would list
     * for this site, at the same path. Null when this emitter cannot plan one output alone; the build then lists
     * everything.
     */
    default Output replan(EmitContext context, Output previous) {
        return null;
    }
}
