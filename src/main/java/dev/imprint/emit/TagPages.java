package dev.imprint.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.imprint.site.Tag;

/** The tags index and each tag's page of its notes, newest first, in pages ({@link ListPage}). */
public final class TagPages implements Emitter {
    static final String INDEX = "tags/index.html";

    @Override
    public List<Output> emit(EmitContext ctx) {
        var site = ctx.site();
        List<Output> out = new ArrayList<>();
        List<Map<String, Object>> all = new ArrayList<>();
        int size = site.config().pageSize();
        for (Tag tag : site.tags()) {
            all.add(EmitContext.map("name", tag.name(), "url", tag.path(), "count", tag.notes().size()));
            for (int n = 1; n <= ListPage.count(tag.notes().size(), size); n++) {
                out.add(plan(ctx, tag, ListPage.of(tag.path(), tag.notes(), size, n)));
            }
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

    private static Output plan(EmitContext ctx, Tag tag, ListPage p) {
        // the page shows the tag, its intro (page 1 only) and its notes (reused objects while unchanged), nothing else
        Body intro = tag.intro() == null || p.number() > 1 ? null : ctx.body(tag.intro(), tag.path());
        String introKey = intro == null ? null : new Fingerprint("intro").add(intro).hex();
        Inputs inputs = Inputs.reading(SectionIndexes.reads(p.notes(), intro)).and(tag.name(), tag.path(), introKey,
                ctx.nav(), p.number(), p.count());
        String path = tag.path();
        int number = p.number();
        Output.Replan again = c -> c.site().tags().stream().filter(now -> now.path().equals(path)).findFirst()
                .map(now -> again(c, now, number)).orElse(null);
        return ctx.output(p.path(), inputs, again, () -> page(ctx, tag, p, intro));
    }

    /** Page {@code number} of {@code tag} planned again, or null when the tag has no such page now. */
    private static Output again(EmitContext ctx, Tag tag, int number) {
        ListPage p = ListPage.of(tag.path(), tag.notes(), ctx.site().config().pageSize(), number);
        return p == null ? null : plan(ctx, tag, p);
    }

    private static Output page(EmitContext ctx, Tag tag, ListPage p, Body intro) {
        String title = p.title("#" + tag.name()) + " · " + ctx.site().config().title();
        Map<String, Object> page = ctx.page(p.path(), title, "feed.xml");
        page.put("heading", "Tagged \u201c" + tag.name() + "\u201d");
        page.put("intro", intro);
        page.put("pager", p.pager());
        return ctx.list(p.path(), "list.peb", page, p.notes());
    }
}
