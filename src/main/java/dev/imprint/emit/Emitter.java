package dev.imprint.emit;

import java.util.List;

/**
 * One kind of output (note pages, section indexes, feeds, ...). An emitter lists every file it makes with the
 * fingerprint of the inputs that file is made from; it never renders here, so listing is cheap and a build can
 * compare fingerprints to decide what to render. A full build is the same list against an empty manifest.
 */
public interface Emitter {
    List<Output> emit(EmitContext context);
}
