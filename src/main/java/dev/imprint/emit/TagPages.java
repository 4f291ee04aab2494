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

    private static Output plan(EmitContext ctx, Tag tag) {
        // the page shows the tag and its notes (reused objects while unchanged), nothing else that varies
        Inputs inputs = Inputs.reading(tag.notes()).and(tag.name(), tag.path(), ctx.nav());
        String path = tag.path();
        Output.Replan again = c -> c.site().tags().stream().filter(now -> now.path().equals(path)).findFirst()
                .map(now -> plan(c, now)).orElse(null);
        return ctx.output(path, inputs, again, () -> page(ctx, tag));
    }

    private static Output page(EmitContext ctx, Tag tag) {
        Map<String, Object> page = ctx.page(tag.path(), "#" + tag.name() + " · " + ctx.site().config().title(), "feed.xml");
        page.put("heading", "Tagged \u201c" + tag.name() + "\u201d");
        page.put("intro", null);
        return ctx.list(tag.path(), "list.peb", page, tag.notes());
    }
}
