package dev.imprint.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.imprint.site.Note;
import dev.imprint.site.Section;

/** One index per section: its intro (_index.md) and its notes, newest first. */
public final class SectionIndexes implements Emitter {
    @Override
    public List<Output> emit(EmitContext ctx) {
        List<Output> out = new ArrayList<>();
        for (Section s : ctx.site().sections()) {
            out.add(plan(ctx, s));
        }
        return out;
    }

    private static Output plan(EmitContext ctx, Section s) {
        Body intro = s.intro() == null ? null : ctx.body(s.intro(), s.path()); // also reports its broken links
        String introKey = intro == null ? null : new Fingerprint("intro").add(intro).hex();
        Inputs inputs = Inputs.reading(reads(s.notes(), intro))
                .and(s.name(), s.title(), s.path(), s.feedPath(), introKey, ctx.nav());
        String path = s.path();
        Output.Replan again = c -> c.site().sections().stream().filter(now -> now.path().equals(path)).findFirst()
                .map(now -> plan(c, now)).orElse(null);
        return ctx.output(path, inputs, again, () -> {
            Map<String, Object> page = ctx.page(s.path(), s.title() + " · " + ctx.site().config().title(), s.feedPath());
            page.put("heading", s.title());
            page.put("intro", intro);
            return ctx.list(s.path(), "list.peb", page, s.notes());
        });
    }

    /** A list page reads its notes' summaries and dates, and whatever its intro embeds. */
    static List<Note> reads(List<Note> notes, Body intro) {
        if (intro == null || intro.embedded().isEmpty()) {
            return notes;
        }
        List<Note> all = new ArrayList<>(notes);
        all.addAll(intro.embedded());
        return all;
    }
}
