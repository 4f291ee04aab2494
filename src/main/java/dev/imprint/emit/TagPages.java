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
        out.add(0, index(ctx, all));
        return out;
    }

    private static Output index(EmitContext ctx, List<Map<String, Object>> all) {
        var site = ctx.site();
        Map<String, Object> index = ctx.page(INDEX, "Tags · " + site.config().title(), "feed.xml");
        index.put("tags", all);
        if (site.tagsIntro() != null) {
            index.put("intro", ctx.body(site.tagsIntro(), INDEX));
        }
        return ctx.template(INDEX, "tags.peb", index);
    }

    private static Output plan(EmitContext ctx, Tag tag) {
        // the page shows the tag, its intro and its notes (reused objects while unchanged), nothing else that varies
        Body intro = tag.intro() == null ? null : ctx.body(tag.intro(), tag.path()); // also reports its broken links
        String introKey = intro == null ? null : new Fingerprint("intro").add(intro).hex();
        Inputs inputs = Inputs.reading(SectionIndexes.reads(tag.notes(), intro)).and(tag.name(), tag.path(), introKey,
                ctx.nav());
        String path = tag.path();
        Output.Replan again = c -> c.site().tags().stream().filter(now -> now.path().equals(path)).findFirst()
                .map(now -> plan(c, now)).orElse(null);
        return ctx.output(path, inputs, again, () -> page(ctx, tag, intro));
    }

    private static Output page(EmitContext ctx, Tag tag, Body intro) {
        Map<String, Object> page = ctx.page(tag.path(), "#" + tag.name() + " · " + ctx.site().config().title(), "feed.xml");
        page.put("heading", "Tagged \u201c" + tag.name() + "\u201d");
        page.put("intro", intro);
        return ctx.list(tag.path(), "list.peb", page, tag.notes());
    }
}
