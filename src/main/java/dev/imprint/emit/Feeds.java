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

    /** The feed at {@code path} planned again for a patched site, or null when there is none there. */
    private static Output again(EmitContext ctx, String path) {
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

    /** One entry as the feed shows it: the fingerprint hashes exactly what is rendered. */
    private record Entry(String title, String url, String published, String updated, List<String> tags,
                         String summary, Body body) {
    }

    private static Output feed(EmitContext ctx, String path, String title, List<Note> newestFirst, String alternate) {
        String base = ctx.site().config().base() == null ? "/" : ctx.site().config().base();
        String author = ctx.site().config().author();
        List<Note> notes = newestFirst.stream().filter(Note::dated).limit(ENTRIES).toList();
        List<Entry> entries = new ArrayList<>(notes.size());
        List<Note> embedded = new ArrayList<>();
        for (Note n : notes) {
            Body body = ctx.body(n, n.path(), false);
            embedded.addAll(body.embedded());
            entries.add(new Entry(n.title(), base + pretty(n.path()), stamp(n.date()), stamp(updated(n)),
                    List.copyOf(n.tags()), n.summary() == null ? "" : n.summary(), body));
        }
        String updated = notes.stream().map(Feeds::updated).max(ZonedDateTime::compareTo).map(Feeds::stamp)
                .orElse("1970-01-01T00:00:00Z");
        Fingerprint f = new Fingerprint(ctx.salt()).add("atom").add(path).add(title).add(base).add(author)
                .add(alternate).add(updated).add(entries.size());
        for (Entry e : entries) {
            f.add(e.title).add(e.url).add(e.published).add(e.updated).add(e.tags).add(e.summary).add(e.body);
        }
        return Output.rendered(path, f.hex(), () -> render(ctx, path, title, base, author, updated, entries, alternate))
                .declaring(Inputs.reading(notes).alsoReading(embedded), c -> again(c, path));
    }

    private static ZonedDateTime updated(Note n) {
        return n.lastmod() != null && n.lastmod().isAfter(n.date()) ? n.lastmod() : n.date();
    }

    private static String stamp(ZonedDateTime t) {
        return RFC3339.format(t.withZoneSameInstant(ZoneOffset.UTC).withNano(0).toOffsetDateTime());
    }

    private static byte[] render(EmitContext ctx, String path, String title, String base, String author,
                                 String updated, List<Entry> entries, String alternate) {
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        x.append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        x.append("  <title>").append(Xml.escape(title)).append("</title>\n");
        x.append("  <id>").append(Xml.escape(base + path)).append("</id>\n");
        x.append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"").append(Xml.escape(base + path)).append("\"/>\n");
        x.append("  <link rel=\"alternate\" type=\"text/html\" href=\"").append(Xml.escape(base + alternate)).append("\"/>\n");
        x.append("  <updated>").append(updated).append("</updated>\n");
        if (author != null) {
            x.append("  <author><name>").append(Xml.escape(author)).append("</name></author>\n");
        }
        x.append("  <generator>Imprint</generator>\n");
        for (Entry e : entries) {
            x.append("  <entry>\n");
            x.append("    <title>").append(Xml.escape(e.title)).append("</title>\n");
            x.append("    <id>").append(Xml.escape(e.url)).append("</id>\n");
            x.append("    <link rel=\"alternate\" type=\"text/html\" href=\"").append(Xml.escape(e.url)).append("\"/>\n");
            x.append("    <published>").append(e.published).append("</published>\n");
            x.append("    <updated>").append(e.updated).append("</updated>\n");
            for (String tag : e.tags) {
                x.append("    <category term=\"").append(Xml.escape(tag)).append("\"/>\n");
            }
            if (!e.summary.isEmpty()) {
                x.append("    <summary>").append(Xml.escape(e.summary)).append("</summary>\n");
            }
            x.append("    <content type=\"html\" xml:base=\"").append(Xml.escape(e.url)).append("\">")
                    .append(Xml.escape(ctx.safe(path, e.body.html()))).append("</content>\n");
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
