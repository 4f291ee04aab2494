package dev.imprint.emit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.imprint.site.Note;
import dev.imprint.site.Section;
import dev.imprint.site.Site;

/**
 * sitemap.xml: home, sections (every page of their index) and every note, with the note's last change as lastmod. A site of more than
 * {@link #SINGLE} notes gets a sitemap index instead, pointing at {@code sitemaps/pages.xml} (home and sections) and
 * {@code sitemaps/notes-N.xml} files of about {@link #PER_FILE} notes each, a note's file chosen by its path: the
 * protocol allows 50,000 URLs a file, and editing one note rewrites one small file.
 */
public final class Sitemap implements Emitter {
    static final String PATH = "sitemap.xml";
    static final int SINGLE = 2_000;
    static final int PER_FILE = 1_000;

    @Override
    public List<Output> emit(EmitContext ctx) {
        Site site = ctx.site();
        int files = files(site);
        if (files == 0) {
            List<String[]> urls = pages(ctx);
            for (Note n : site.notes()) {
                urls.add(url(ctx, n));
            }
            return List.of(urlset(ctx, PATH, urls).declaring(Inputs.reading(site.notes()), c -> emit(c).get(0)));
        }
        List<Output> out = new ArrayList<>();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        List<String> names = new ArrayList<>();
        names.add("sitemaps/pages.xml");
        for (int i = 0; i < files; i++) {
            names.add(chunkPath(i));
        }
        for (String name : names) {
            x.append("  <sitemap><loc>").append(Xml.escape(base(ctx) + name)).append("</loc></sitemap>\n");
        }
        x.append("</sitemapindex>\n");
        byte[] index = x.toString().getBytes(StandardCharsets.UTF_8);
        out.add(Output.rendered(PATH, Fingerprint.of(ctx.salt(), "sitemap-index", new String(index, StandardCharsets.UTF_8)),
                () -> index));
        out.add(urlset(ctx, "sitemaps/pages.xml", pages(ctx)));
        List<List<Note>> members = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            members.add(new ArrayList<>());
        }
        for (Note n : site.notes()) {
            members.get(Math.floorMod(n.file().contentPath().hashCode(), files)).add(n);
        }
        for (int i = 0; i < files; i++) {
            out.add(chunk(ctx, chunkPath(i), members.get(i)));
        }
        return out;
    }

    /** How many notes-N files: 0 for a single sitemap.xml, else a power of two. */
    static int files(Site site) {
        int n = site.notes().size();
        if (n <= SINGLE) {
            return 0;
        }
        return Integer.highestOneBit((n + PER_FILE - 1) / PER_FILE - 1) << 1;
    }

    private static String chunkPath(int i) {
        return "sitemaps/notes-" + i + ".xml";
    }

    /** A notes-N file: its notes are those whose content path hashes to N. */
    private static Output chunk(EmitContext ctx, String path, List<Note> members) {
        List<String[]> urls = new ArrayList<>(members.size());
        for (Note n : members) {
            urls.add(url(ctx, n));
        }
        // a replan keeps the site's structure: the same notes as before, now the new site's objects
        return urlset(ctx, path, urls).declaring(Inputs.reading(members),
                c -> chunk(c, path, c.site().current(members)));
    }

    private static String base(EmitContext ctx) {
        return ctx.site().config().base() == null ? "/" : ctx.site().config().base();
    }

    private static List<String[]> pages(EmitContext ctx) {
        List<String[]> urls = new ArrayList<>();
        urls.add(new String[] {base(ctx), null});
        int size = ctx.site().config().pageSize();
        for (Section s : ctx.site().sections()) {
            for (int n = 1; n <= ListPage.count(s.notes().size(), size); n++) {
                urls.add(new String[] {base(ctx) + Feeds.pretty(ListPage.path(s.path(), n)), null});
            }
        }
        return urls;
    }

    private static String[] url(EmitContext ctx, Note n) {
        String day = n.updatedDay() != null ? n.updatedDay() : n.day();
        return new String[] {base(ctx) + Feeds.pretty(n.path()), day};
    }

    private static Output urlset(EmitContext ctx, String path, List<String[]> urls) {
        Fingerprint f = new Fingerprint(ctx.salt()).add("sitemap").add(path).add(urls.size());
        for (String[] u : urls) {
            f.add(u[0]).add(u[1] == null ? "" : u[1]);
        }
        return Output.rendered(path, f.hex(), () -> {
            StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            x.append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
            for (String[] u : urls) {
                x.append("  <url><loc>").append(Xml.escape(u[0])).append("</loc>");
                if (u[1] != null) {
                    x.append("<lastmod>").append(u[1]).append("</lastmod>");
                }
                x.append("</url>\n");
            }
            x.append("</urlset>\n");
            return x.toString().getBytes(StandardCharsets.UTF_8);
        });
    }
}
