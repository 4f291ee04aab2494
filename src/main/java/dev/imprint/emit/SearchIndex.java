package dev.imprint.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.imprint.site.Note;

/**
 * The search index the browser builds its full-text index from (theme/search.js). {@code search.json} at the
 * site root lists the shards, {@code {"shards": ["search/text-0.json", ...]}}; each shard holds its notes as
 * {url: {title, section, tags, text}} (the plain text cut at {@link #MAX_TEXT} characters), a note's shard chosen
 * by its path, with about {@link #PER_SHARD} notes a shard (at least {@link #SHARDS} shards, a power of two).
 * Editing one note, its body or its title, so rewrites one small shard, not the whole index.
 */
public final class SearchIndex implements Emitter {
    public static final String PATH = "search.json";
    static final int MAX_TEXT = 2_000;
    static final int SHARDS = 16;
    static final int PER_SHARD = 128;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<Output> emit(EmitContext ctx) {
        List<Note> notes = ctx.site().notes();
        int count = shards(notes.size());
        List<List<Note>> shards = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shards.add(new ArrayList<>());
            paths.add(shardPath(i));
        }
        for (Note note : notes) {
            shards.get(shard(note, count)).add(note);
        }
        List<Output> out = new ArrayList<>(count + 1);
        byte[] index = json(Map.of("shards", paths));
        out.add(Output.rendered(PATH, Fingerprint.of(ctx.salt(), "search", paths), () -> index));
        for (int i = 0; i < count; i++) {
            out.add(shard(ctx, i, shards.get(i)));
        }
        return out;
    }

    private static Output shard(EmitContext ctx, int i, List<Note> members) {
        // the text is a function of the note's blob (and the salt), so the fingerprint names the blob instead
        Fingerprint f = new Fingerprint(ctx.salt()).add("search-shard");
        for (Note note : members) {
            f.add(note.path()).add(note.title()).add(note.section()).add(note.tags()).add(note.file().blob());
        }
        return Output.rendered(shardPath(i), f.hex(), () -> {
            Map<String, Object> entries = new TreeMap<>();
            for (Note note : members) {
                entries.put(note.path(), EmitContext.map("title", note.title(), "section", note.section(),
                        "tags", List.copyOf(note.tags()), "text", truncate(note.parsed().markdown().text(), MAX_TEXT)));
            }
            return json(entries);
        }).declaring(Inputs.reading(members), c -> shard(c, i, c.site().current(members))); // as Sitemap's chunks
    }

    /** How many shards a site of {@code notes} notes has. */
    static int shards(int notes) {
        int wanted = (notes + PER_SHARD - 1) / PER_SHARD;
        return wanted <= SHARDS ? SHARDS : Integer.highestOneBit(wanted - 1) << 1;
    }

    static int shard(Note note, int shards) {
        return Math.floorMod(note.file().contentPath().hashCode(), shards);
    }

    static String shardPath(int shard) {
        return "search/text-" + shard + ".json";
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

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
