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
        return List.of(ctx.template(PATH, "home.peb", page));
    }
}
