package dev.imprint.emit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.imprint.site.Note;
import dev.imprint.site.Section;
import dev.imprint.site.Site;

/** sitemap.xml: home, sections and every note, with the note's last change as lastmod. */
public final class Sitemap implements Emitter {
    @Override
    public List<Output> emit(EmitContext ctx) {
        Site site = ctx.site();
        String base = site.config().base() == null ? "/" : site.config().base();
        List<String[]> urls = new ArrayList<>();
        urls.add(new String[] {base, null});
        for (Section s : site.sections()) {
            urls.add(new String[] {base + Feeds.pretty(s.path()), null});
        }
        for (Note n : site.notes()) {
            String day = n.updatedDay() != null ? n.updatedDay() : n.day();
            urls.add(new String[] {base + Feeds.pretty(n.path()), day});
        }
        List<Object> inputs = new ArrayList<>();
        for (String[] u : urls) {
            inputs.add(List.of(u[0], u[1] == null ? "" : u[1]));
        }
        String fingerprint = new Fingerprint(ctx.salt()).add("sitemap").add(inputs).hex();
        return List.of(Output.rendered("sitemap.xml", fingerprint, () -> {
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
        }));
    }
}
