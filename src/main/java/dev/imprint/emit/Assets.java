package dev.imprint.emit;

import java.util.ArrayList;
import java.util.List;

import dev.imprint.site.Asset;

/** Every non-note file, published as the same blob: no bytes are read or written for it. */
public final class Assets implements Emitter {
    @Override
    public List<Output> emit(EmitContext ctx) {
        List<Output> out = new ArrayList<>();
        for (Asset a : ctx.site().assets()) {
            out.add(Output.copied(a.path(), a.file().blob(), () -> ctx.snapshot().read(a.file().blob()))
                    .from(a.file().path()));
        }
        return out;
    }
}
