package dev.imprint.emit;

import java.util.List;

/**
 * One kind of output (note pages, section indexes, feeds, ...). An emitter lists every file it makes with the
 * fingerprint of what that file is made from and its declared {@link Inputs}; it never renders here, so listing is
 * cheap and a build can compare fingerprints to decide what to render. A full build is the same list against an
 * empty manifest. An output a warm build may plan alone carries its own {@link Output.Replan}.
 */
public interface Emitter {
    List<Output> emit(EmitContext context);
}
