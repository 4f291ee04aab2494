package dev.imprint.emit;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** 404.html. It is served at any depth, so its links start from the site's absolute base path. */
public final class NotFoundPage implements Emitter {
    @Override
    public List<Output> emit(EmitContext ctx) {
        Map<String, Object> page = ctx.page("404.html", "Page not found · " + ctx.site().config().title(), "feed.xml");
        page.put("root", basePath(ctx.site().config().base()));
        return List.of(ctx.template("404.html", "404.peb", page));
    }

    static String basePath(String base) {
        if (base == null) {
            return "/";
        }
        try {
            String p = URI.create(base).getPath();
            return p == null || p.isEmpty() ? "/" : p.endsWith("/") ? p : p + "/";
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
