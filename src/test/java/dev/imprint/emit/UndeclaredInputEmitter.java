package dev.imprint.emit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.imprint.site.Note;
import dev.imprint.site.Site;

/**
 * A faulty emitter for tests: one {@code echo/<n>.txt} per note showing its title and the next note's title, but
 * declaring only that it reads its own note. A warm build that trusts the declaration keeps a stale echo when the
 * next note is retitled; {@link EmitContext#VERIFY} must catch it.
 */
public final class UndeclaredInputEmitter implements Emitter {
    @Override
    public List<Output> emit(EmitContext ctx) {
        List<Output> out = new ArrayList<>();
        int i = 0;
        for (Note note : ctx.site().notes()) {
            out.add(echo(ctx, note, "echo/" + i++ + ".txt"));
        }
        return out;
    }

    private static Output echo(EmitContext ctx, Note note, String path) {
        Site site = ctx.site();
        Inputs inputs = Inputs.reading(List.of(note)); // the next note's title is read but not declared
        return ctx.output(path, inputs, c -> {
            Note now = c.site().current(List.of(note)).get(0);
            return echo(c, now, path);
        }, () -> {
            Note next = site.next(note);
            String text = note.title() + " -> " + (next == null ? "" : next.title());
            return Output.rendered(path, Fingerprint.of(ctx.salt(), "echo", text),
                    () -> text.getBytes(StandardCharsets.UTF_8));
        });
    }
}
