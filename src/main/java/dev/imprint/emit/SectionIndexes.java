package dev.imprint.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.imprint.site.Note;
import dev.imprint.site.Section;

/** A section's index: its intro (_index.md) and its notes, newest first, in pages ({@link ListPage}). */
public final class SectionIndexes implements Emitter {
    @Override
    public List<Output> emit(EmitContext ctx) {
        List<Output> out = new ArrayList<>();
        int size = ctx.site().config().pageSize();
        for (Section s : ctx.site().sections()) {
            for (int n = 1; n <= ListPage.count(s.notes().size(), size); n++) {
                out.add(plan(ctx, s, ListPage.of(s.path(), s.notes(), size, n)));
            }
        }
        return out;
    }

    private static Output plan(EmitContext ctx, Section s, ListPage p) {
        // the intro opens page 1 only (and so reports its broken links once)
        Body intro = s.intro() == null || p.number() > 1 ? null : ctx.body(s.intro(), s.path());
        String introKey = intro == null ? null : new Fingerprint("intro").add(intro).hex();
        Inputs inputs = Inputs.reading(reads(p.notes(), intro))
                .and(s.name(), s.title(), s.path(), s.feedPath(), introKey, ctx.nav(), p.number(), p.count());
        String path = s.path();
        int number = p.number();
        Output.Replan again = c -> c.site().sections().stream().filter(now -> now.path().equals(path)).findFirst()
                .map(now -> again(c, now, number)).orElse(null);
        return ctx.output(p.path(), inputs, again, () -> {
            String title = p.title(s.title()) + " · " + ctx.site().config().title();
            Map<String, Object> page = ctx.page(p.path(), title, s.feedPath());
            page.put("heading", s.title());
            page.put("intro", intro);
            page.put("pager", p.pager());
            return ctx.list(p.path(), "list.peb", page, p.notes());
        });
    }

    /** Page {@code number} of {@code s} planned again, or null when the section has no such page now. */
    private static Output again(EmitContext ctx, Section s, int number) {
        ListPage p = ListPage.of(s.path(), s.notes(), ctx.site().config().pageSize(), number);
        return p == null ? null : plan(ctx, s, p);
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
