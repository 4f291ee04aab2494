package dev.imprint.emit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.imprint.render.Templates;

/** The stylesheet, the search box's script, robots.txt and .nojekyll (so GitHub Pages serves every file as it is). */
public final class StaticFiles implements Emitter {
    @Override
    public List<Output> emit(EmitContext ctx) {
        List<Output> out = new ArrayList<>();
        String css = ctx.snapshot().templates().getOrDefault("style.css", Templates.themeFile("style.css"));
        out.add(text("style.css", css, ctx));
        out.add(text("search.js", ctx.snapshot().templates().getOrDefault("search.js", Templates.themeFile("search.js")), ctx));
        String base = ctx.site().config().base();
        String robots = "User-agent: *\nAllow: /\n" + (base == null ? "" : "Sitemap: " + base + "sitemap.xml\n");
        out.add(text("robots.txt", robots, ctx));
        out.add(text(".nojekyll", "", ctx));
        return out;
    }

    private static Output text(String path, String content, EmitContext ctx) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return Output.rendered(path, Fingerprint.of(ctx.salt(), path, content), () -> bytes);
    }
}
