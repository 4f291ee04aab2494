package dev.imprint.emit;

import java.util.ArrayList;
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
        page.put("intro", site.homeIntro() == null ? null : ctx.body(site.homeIntro(), PATH));
        List<Map<String, Object>> notes = new ArrayList<>();
        for (Note n : site.newestFirst()) {
            if (notes.size() >= site.config().homeNotes()) {
                break;
            }
            notes.add(ctx.item(n));
        }
        page.put("notes", notes);
        List<Note> shown = site.newestFirst().subList(0, Math.max(0, Math.min(site.newestFirst().size(), site.config().homeNotes())));
        Body intro = (Body) page.get("intro");
        return List.of(ctx.template(PATH, "home.peb", page).reading(SectionIndexes.reads(shown, intro)));
    }

    @Override
    public Output replan(EmitContext ctx, String path) {
        return path.equals(PATH) ? emit(ctx).get(0) : null;
    }
}
