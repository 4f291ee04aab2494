package dev.imprint.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.imprint.site.Note;

/**
 * search.json at the site root: one entry per note, in site order, {title, section, tags, url, text}. The url is
 * relative to the site root (the search box prefixes the page's root), the text is the body's plain text cut at
 * {@link #MAX_TEXT} characters. The browser builds the full-text index from it (theme/search.js).
 */
public final class SearchIndex implements Emitter {
    public static final String PATH = "search.json";
    static final int MAX_TEXT = 2_000; // keeps search.json near 2 MB per 1,000 notes
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<Output> emit(EmitContext ctx) {
        // the text is a function of the note's blob (and the salt), so the fingerprint names the blob instead
        Fingerprint fingerprint = new Fingerprint(ctx.salt()).add("search");
        for (Note note : ctx.site().notes()) {
            fingerprint.add(note.title()).add(note.section()).add(note.tags()).add(note.path()).add(note.file().blob());
        }
        return List.of(Output.rendered(PATH, fingerprint.hex(), () -> {
            List<Map<String, Object>> entries = new ArrayList<>(ctx.site().notes().size());
            for (Note note : ctx.site().notes()) {
                entries.add(EmitContext.map(
                        "title", note.title(),
                        "section", note.section(),
                        "tags", List.copyOf(note.tags()),
                        "url", note.path(),
                        "text", truncate(note.parsed().markdown().text(), MAX_TEXT)));
            }
            try {
                return JSON.writeValueAsBytes(entries);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    /** At most {@code max} chars, never splitting a surrogate pair. */
    static String truncate(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
