package dev.imprint.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.imprint.site.Tag;

/** The tags index and one page per tag. */
public final class TagPages implements Emitter {
    static final String INDEX = "tags/index.html";

    @Override
    public List<Output> emit(EmitContext ctx) {
        var site = ctx.site();
        List<Output> out = new ArrayList<>();
        List<Map<String, Object>> all = new ArrayList<>();
        for (Tag tag : site.tags()) {
            all.add(EmitContext.map("name", tag.name(), "url", tag.path(), "count", tag.notes().size()));
            out.add(plan(ctx, tag));
        }
        Map<String, Object> index = ctx.page(INDEX, "Tags · " + site.config().title(), "feed.xml");
        index.put("tags", all);
        out.add(0, ctx.template(INDEX, "tags.peb", index));
        return out;
    }

    @Override
    public Output replan(EmitContext ctx, Output previous) {
        String path = previous.path();
        for (Tag tag : ctx.site().tags()) {
            if (tag.path().equals(path)) {
                return plan(ctx, tag);
            }
        }
        return null;
    }

    private static Output plan(EmitContext ctx, Tag tag) {
        // the page shows the tag and its notes (reused objects while unchanged), nothing else that varies
        List<Object> key = List.of(tag.name(), tag.path(), tag.notes(), ctx.nav());
        return ctx.memoized(tag.path(), key, () -> page(ctx, tag));
    }

    private static Output page(EmitContext ctx, Tag tag) {
        Map<String, Object> page = ctx.page(tag.path(), "#" + tag.name() + " · " + ctx.site().config().title(), "feed.xml");
        page.put("heading", "Tagged \u201c" + tag.name() + "\u201d");
        page.put("intro", null);
        return ctx.list(tag.path(), "list.peb", page, tag.notes()).reading(tag.notes());
    }
}
