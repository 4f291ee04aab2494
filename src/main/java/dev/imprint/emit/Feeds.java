package dev.imprint.emit;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import dev.imprint.site.Note;
import dev.imprint.site.Section;
import dev.imprint.site.Site;

/**
 * Atom feeds: the site's newest notes at feed.xml and each section's at &lt;section&gt;/feed.xml. Atom needs
 * absolute URLs, built from base_url; entries carry the full body with xml:base set to the note's page.
 */
public final class Feeds implements Emitter {
    static final int ENTRIES = 20;
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    @Override
    public List<Output> emit(EmitContext ctx) {
        Site site = ctx.site();
        List<Output> out = new ArrayList<>();
        out.add(feed(ctx, "feed.xml", site.config().title(), site.newestFirst(), ""));
        for (Section s : site.sections()) {
            out.add(feed(ctx, s.feedPath(), s.title() + " · " + site.config().title(), s.notes(), s.path()));
        }
        return out;
    }

    @Override
    public Output replan(EmitContext ctx, Output previous) {
        String path = previous.path();
        Site site = ctx.site();
        if (path.equals("feed.xml")) {
            return feed(ctx, "feed.xml", site.config().title(), site.newestFirst(), "");
        }
        for (Section s : site.sections()) {
            if (s.feedPath().equals(path)) {
                return feed(ctx, s.feedPath(), s.title() + " · " + site.config().title(), s.notes(), s.path());
            }
        }
        return null;
    }

    private Output feed(EmitContext ctx, String path, String title, List<Note> newestFirst, String alternate) {
        String base = ctx.site().config().base() == null ? "/" : ctx.site().config().base();
        List<Note> entries = newestFirst.stream().filter(Note::dated).limit(ENTRIES).toList();
        List<Object> inputs = new ArrayList<>();
        List<Body> bodies = new ArrayList<>();
        List<Note> reads = new ArrayList<>(entries);
        for (Note n : entries) {
            Body body = ctx.body(n, n.path(), false);
            bodies.add(body);
            reads.addAll(body.embedded());
            inputs.add(List.of(n.title(), n.path(), n.day(), stamp(updated(n)), n.summary() == null ? "" : n.summary(),
                    n.tags(), n.section() == null ? "" : n.section()));
            inputs.add(body);
        }
        String fingerprint = new Fingerprint(ctx.salt()).add("atom").add(path).add(title).add(base)
                .add(ctx.site().config().author()).add(alternate).add(inputs).hex();
        return Output.rendered(path, fingerprint, () -> render(ctx, path, title, base, entries, bodies, alternate))
                .reading(reads);
    }

    private static ZonedDateTime updated(Note n) {
        return n.lastmod() != null && n.lastmod().isAfter(n.date()) ? n.lastmod() : n.date();
    }

    private static String stamp(ZonedDateTime t) {
        return RFC3339.format(t.withZoneSameInstant(ZoneOffset.UTC).withNano(0).toOffsetDateTime());
    }

    private byte[] render(EmitContext ctx, String path, String title, String base, List<Note> entries, List<Body> bodies,
                          String alternate) {
        String updated = entries.stream().map(Feeds::updated).max(ZonedDateTime::compareTo).map(Feeds::stamp)
                .orElse("1970-01-01T00:00:00Z");
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        x.append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        x.append("  <title>").append(Xml.escape(title)).append("</title>\n");
        x.append("  <id>").append(Xml.escape(base + path)).append("</id>\n");
        x.append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"").append(Xml.escape(base + path)).append("\"/>\n");
        x.append("  <link rel=\"alternate\" type=\"text/html\" href=\"").append(Xml.escape(base + alternate)).append("\"/>\n");
        x.append("  <updated>").append(updated).append("</updated>\n");
        if (ctx.site().config().author() != null) {
            x.append("  <author><name>").append(Xml.escape(ctx.site().config().author())).append("</name></author>\n");
        }
        x.append("  <generator>Imprint</generator>\n");
        for (int i = 0; i < entries.size(); i++) {
            Note n = entries.get(i);
            String url = base + pretty(n.path());
            x.append("  <entry>\n");
            x.append("    <title>").append(Xml.escape(n.title())).append("</title>\n");
            x.append("    <id>").append(Xml.escape(url)).append("</id>\n");
            x.append("    <link rel=\"alternate\" type=\"text/html\" href=\"").append(Xml.escape(url)).append("\"/>\n");
            x.append("    <published>").append(stamp(n.date())).append("</published>\n");
            x.append("    <updated>").append(stamp(updated(n))).append("</updated>\n");
            for (String tag : n.tags()) {
                x.append("    <category term=\"").append(Xml.escape(tag)).append("\"/>\n");
            }
            if (n.summary() != null && !n.summary().isEmpty()) {
                x.append("    <summary>").append(Xml.escape(n.summary())).append("</summary>\n");
            }
            x.append("    <content type=\"html\" xml:base=\"").append(Xml.escape(url)).append("\">")
                    .append(Xml.escape(ctx.safe(path, bodies.get(i).html()))).append("</content>\n");
            x.append("  </entry>\n");
        }
        x.append("</feed>\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Absolute URLs name the folder, not its index.html: that is what servers answer and readers share. */
    static String pretty(String path) {
        return path.equals("index.html") ? "" : path.endsWith("/index.html") ? path.substring(0, path.length() - 10) : path;
    }
}
