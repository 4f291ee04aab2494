package dev.imprint.emit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.imprint.site.Note;
import dev.imprint.site.Urls;

/**
 * A redirect page for each front-matter alias: {@code aliases: [old-name]} on {@code a/note.md} makes
 * {@code a/old-name/index.html}; an alias with a slash ({@code /posts/old/}) is a path from the site root.
 */
public final class Aliases implements Emitter {
    @Override
    public List<Output> emit(EmitContext ctx) {
        List<Output> out = new ArrayList<>();
        for (Note note : ctx.site().notes()) {
            for (String alias : note.aliases()) {
                String path = path(note, alias);
                if (path == null) {
                    ctx.warn(note.file().path(), "alias '" + alias + "' is not a usable URL; no redirect made");
                } else if (!path.equals(note.path())) {
                    out.add(redirect(ctx, note, path));
                }
            }
        }
        return out;
    }

    private static Output redirect(EmitContext ctx, Note note, String path) {
        String base = ctx.site().config().base();
        String href = Urls.relative(path, note.path());
        String canonical = base == null ? href : base + Feeds.pretty(note.path());
        String html = "<!doctype html>\n<html lang=\"" + Body.escapeAttribute(ctx.site().config().language()) + "\">\n"
                + "<head>\n<meta charset=\"utf-8\">\n<title>" + Body.escapeText(note.title()) + "</title>\n"
                + "<link rel=\"canonical\" href=\"" + Body.escapeAttribute(canonical) + "\">\n"
                + "<meta name=\"robots\" content=\"noindex\">\n"
                + "<meta http-equiv=\"refresh\" content=\"0; url=" + Body.escapeAttribute(href) + "\">\n"
                + "</head>\n<body>\n<p>This note has moved to <a href=\"" + Body.escapeAttribute(href) + "\">"
                + Body.escapeText(note.title()) + "</a>.</p>\n</body>\n</html>\n";
        // base_url is the site owner's to write, and goes through the same last look as every page
        return Output.rendered(path, Fingerprint.of(ctx.salt(), "alias", html),
                () -> ctx.safe(path, html).getBytes(StandardCharsets.UTF_8))
                .declaring(Inputs.NONE.showing(List.of(note)), c -> again(c, path, note)).from(note.file().path());
    }

    /** The redirect at {@code path} to the patched site's version of {@code note}, or null if it is gone. */
    private static Output again(EmitContext ctx, String path, Note note) {
        for (Note now : ctx.site().current(List.of(note))) {
            for (String alias : now.aliases()) {
                if (path.equals(path(now, alias)) && !path.equals(now.path())) {
                    return redirect(ctx, now, path);
                }
            }
        }
        return null;
    }

    /** The output path of an alias, or null when it cannot be one (empty, "..", a file name with a dot). */
    static String path(Note note, String alias) {
        String a = alias.trim();
        List<String> segments = new ArrayList<>();
        if (a.contains("/")) {
            for (String s : a.split("/")) {
                if (!s.isBlank()) {
                    segments.add(s);
                }
            }
        } else {
            String[] own = note.path().split("/");
            // own = [..dirs.., name, index.html] for a note page; the alias replaces the name
            for (int i = 0; i < own.length - 2; i++) {
                segments.add(own[i]);
            }
            segments.add(a);
        }
        if (segments.isEmpty()) {
            return null;
        }
        if (segments.get(segments.size() - 1).equalsIgnoreCase("index.html")) {
            segments.remove(segments.size() - 1);
        }
        List<String> clean = new ArrayList<>();
        for (String s : segments) {
            if (s.equals(".") || s.equals("..") || s.isBlank() || Urls.unsafeSegment(s) != null) {
                return null;
            }
            clean.add(Urls.segment(s));
        }
        return clean.isEmpty() ? null : String.join("/", clean) + "/index.html";
    }
}
