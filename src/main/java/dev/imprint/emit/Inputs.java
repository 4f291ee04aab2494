package dev.imprint.emit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.imprint.site.Note;

/**
 * What one output is made from, declared once, by the emitter that lists it. A warm build treats three kinds of
 * input differently, so each is named:
 * <ul>
 * <li>{@code reads}: the notes whose content (body, summary, dates, history) the output shows. A body edit plans
 *     the output again.</li>
 * <li>{@code shows}: the notes whose title (and subtitle) the output shows without their content (Previously /
 *     Next, backlinks). A new title or subtitle plans it again.</li>
 * <li>{@code values}: everything else that varies between builds of the same config (the sections, resolved
 *     links, a neighbour in the chronology), compared by equality.</li>
 * </ul>
 * From this one declaration come the memo key (equal inputs — the very same note objects, equal values — give last
 * build's output back) and the index a patch looks up to find what to plan again. The fingerprint does not come
 * from it: it is the hash of what is rendered, so an input left out here can only make a warm build keep a stale
 * output, never a cold one wrong, and {@link EmitContext#VERIFY} (on in every test) turns that into an error.
 *
 * <p>Value equality: notes compare by identity ({@link Note#equals}), which is what "the same input" means here.
 */
public record Inputs(List<Note> reads, List<Note> shows, List<Object> values) {
    public static final Inputs NONE = new Inputs(List.of(), List.of(), List.of());

    /** Inputs reading the content of {@code notes}. */
    public static Inputs reading(List<Note> notes) {
        return new Inputs(notes, List.of(), List.of());
    }

    /** These inputs, reading {@code more} notes too. */
    public Inputs alsoReading(List<Note> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Note> all = new ArrayList<>(reads.size() + more.size());
        all.addAll(reads);
        all.addAll(more);
        return new Inputs(all, shows, values);
    }

    /** These inputs, showing the titles of {@code notes}. */
    public Inputs showing(List<Note> notes) {
        return new Inputs(reads, notes, values);
    }

    /** These inputs and the values given (nulls allowed). */
    public Inputs and(Object... more) {
        List<Object> all = new ArrayList<>(values);
        all.addAll(Arrays.asList(more));
        return new Inputs(reads, shows, all);
    }
}
