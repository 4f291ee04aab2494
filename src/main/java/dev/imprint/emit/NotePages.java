package dev.imprint.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.imprint.render.Heading;
import dev.imprint.site.Link;
import dev.imprint.site.Note;
import dev.imprint.site.Section;
import dev.imprint.site.Site;

/**
 * One page per note: header, section, title, date and tags, Contents, body, Previously / Next. A note with code or
 * math gets the highlight.js / KaTeX tags in its head ({@link VendorAssets#head}); other notes load neither.
 */
public final class NotePages implements Emitter {
    @Override
    public List<Output> emit(EmitContext ctx) {
        Site site = ctx.site();
        List<Output> out = new ArrayList<>(site.notes().size());
        List<Object> nav = nav(site);
        for (Note note : site.notes()) {
            out.add(plan(ctx, note, nav));
        }
        return out;
    }

    /** The sections as the page shows them (feedPath too: a note page links its section's feed). */
    private static List<Object> nav(Site site) {
        return site.sections().stream().map(s -> (Object) List.of(s.name(), s.title(), s.path(), s.feedPath())).toList();
    }

    private static Output plan(EmitContext ctx, Note note, List<Object> nav) {
        Site site = ctx.site();
        ctx.recordBrokenLinks(note);
        List<Link> links = site.links(note);
        // prev and next are values too: in the titles shown alone they could trade places with nothing noticed
        List<Note> shows = new ArrayList<>(site.backlinks(note));
        if (site.previous(note) != null) {
            shows.add(site.previous(note));
        }
        if (site.next(note) != null) {
            shows.add(site.next(note));
        }
        Inputs inputs = Inputs.reading(List.of(note)).showing(shows)
                .and(site.previous(note), site.next(note), links, nav);
        String path = note.path();
        Output.Replan again = c -> {
            Note now = c.site().noteAt(path);
            return now == null ? null : plan(c, now, nav(c.site()));
        };
        if (links.stream().anyMatch(Link::embed)) {
            // an embed reaches other notes' bodies: always planned afresh, and it reads them too
            Page page = page(ctx, note);
            return page.output.declaring(inputs.alsoReading(page.embedded), again);
        }
        return ctx.output(path, inputs, again, () -> page(ctx, note).output);
    }

    /** A note's page, and the notes its body embeds. */
    private record Page(Output output, List<Note> embedded) {
    }

    private static Page page(EmitContext ctx, Note note) {
        Site site = ctx.site();
        Section section = site.section(note.section());
        Map<String, Object> page = ctx.page(note.path(), note.title() + " · " + site.config().title(),
                section != null ? section.feedPath() : "feed.xml");
        var markdown = note.parsed().markdown();
        page.put("head", VendorAssets.head((String) page.get("root"), markdown.hasCode(), markdown.hasMath()));
        List<Map<String, Object>> tags = new ArrayList<>();
        for (String tag : note.tags()) {
            tags.add(EmitContext.map("name", tag, "url", site.tagPath(tag)));
        }
        Body body = ctx.body(note, note.path(), false);
        List<Map<String, Object>> toc = new ArrayList<>();
        int deepest = tocDepth(note.params().get("toc"));
        for (Heading h : note.parsed().markdown().headings()) {
            if (h.level() >= 2 && h.level() <= deepest) {
                toc.add(EmitContext.map("level", h.level(), "id", h.id(), "text", h.text()));
            }
        }
        page.put("note", EmitContext.map(
                "title", note.title(),
                "subtitle", note.subtitle(),
                "section", note.section(),
                "sectionUrl", section == null ? null : section.path(),
                "date", note.day(),
                "updated", note.updatedDay() != null && !note.updatedDay().equals(note.day()) ? note.updatedDay() : null,
                "contributors", note.contributors(),
                "tags", tags,
                "toc", toc,
                "html", body,
                "prev", ctx.ref(site.previous(note)),
                "next", ctx.ref(site.next(note)),
                "backlinks", site.backlinks(note).stream().map(ctx::ref).toList()));
        return new Page(ctx.template(note.path(), "note.peb", page).from(note.file().path()), body.embedded());
    }

    /**
     * The deepest heading level "Contents" lists: h4, unless the note's {@code toc} says otherwise — {@code false}
     * (Org's {@code #+OPTIONS: toc:nil}) for none, a number N for headlines down to level N (h2 is level 1).
     */
    static int tocDepth(Object toc) {
        if (toc == null) {
            return 4;
        }
        String t = toc.toString().strip().toLowerCase(Locale.ROOT);
        if (t.equals("false") || t.equals("nil") || t.equals("no")) {
            return 0;
        }
        try {
            return Math.min(4, Integer.parseInt(t) + 1);
        } catch (NumberFormatException e) {
            return 4;
        }
    }
}
