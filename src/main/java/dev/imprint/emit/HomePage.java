package dev.imprint.emit;

import java.util.List;
import java.util.Map;

import dev.imprint.site.Note;

/** The home page: the content root's README.md / index.md, then the newest notes. */
public final class HomePage implements Emitter {
    static final String PATH = "index.html";

    @Override
    public List<Output> emit(EmitContext ctx) {
        var site = ctx.site();
        Map<String, Object> page = ctx.page(PATH, site.config().title(), "feed.xml");
        Body intro = site.homeIntro() == null ? null : ctx.body(site.homeIntro(), PATH);
        page.put("intro", intro);
        List<Note> newest = site.newestFirst();
        List<Note> shown = newest.subList(0, Math.max(0, Math.min(newest.size(), site.config().homeNotes())));
        Inputs inputs = Inputs.reading(SectionIndexes.reads(shown, intro));
        return List.of(ctx.list(PATH, "home.peb", page, shown).declaring(inputs, c -> emit(c).get(0)));
    }
}
