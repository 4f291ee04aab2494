package dev.imprint.render;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.eclipse.jgit.lib.ObjectId;

import dev.imprint.source.FrontMatter;
import dev.imprint.source.SourceFile;

/**
 * Turns note blobs into {@link ParsedNote}s, remembering them by blob id: a blob never changes, so a warm process
 * (the service) renders each distinct note body once. Markdown and Org notes are remembered apart: the same bytes
 * under a {@code .md} and an {@code .org} name are two different notes.
 */
public final class NoteParser {
    /** Larger notes are not rendered: flexmark is linear, but a 10 MB note is almost always a mistake. */
    public static final int MAX_NOTE_BYTES = 2 * 1024 * 1024;

    private final MarkdownRenderer renderer;
    private final OrgRenderer orgRenderer;
    private final Map<ObjectId, ParsedNote> markdown = new ConcurrentHashMap<>();
    private final Map<ObjectId, ParsedNote> org = new ConcurrentHashMap<>();
    /** How many blobs this parser has parsed (not found in its cache): a cold build from a saved analysis parses
     * only the notes that changed. */
    private final AtomicInteger parses = new AtomicInteger();

    public NoteParser(boolean allowRawHtml) {
        this.renderer = new MarkdownRenderer(allowRawHtml);
        this.orgRenderer = new OrgRenderer(allowRawHtml);
    }

    /** The note {@code file} is, parsed once per blob. */
    public ParsedNote parse(SourceFile file, Supplier<byte[]> bytes) {
        boolean isOrg = file.isOrg();
        Map<ObjectId, ParsedNote> cache = isOrg ? org : markdown;
        ParsedNote cached = cache.get(file.blob());
        if (cached == null) {
            cached = isOrg ? parseOrg(bytes.get()) : parse(bytes.get());
            cache.put(file.blob().copy(), cached);
            parses.incrementAndGet();
        }
        return cached;
    }

    /** The number of blobs parsed so far (cache misses). */
    public int parses() {
        return parses.get();
    }

    /** Every parse held, Markdown ({@code org} false) or Org, by blob id: what a build learned, to save. */
    public Map<ObjectId, ParsedNote> parsed(boolean org) {
        return Map.copyOf(org ? this.org : markdown);
    }

    /** Takes a parse made earlier (by this Imprint, of the same blob, with the same raw-HTML setting) as its own. */
    public void remember(boolean org, ObjectId blob, ParsedNote note) {
        (org ? this.org : markdown).put(blob.copy(), note);
    }

    /** Forgets every parse but those of {@code blobs} (the notes a site has now): a warm cache does not grow. */
    public void retain(Collection<ObjectId> blobs) {
        Collection<ObjectId> keep = blobs instanceof Set<?> ? blobs : new HashSet<>(blobs);
        markdown.keySet().retainAll(keep);
        org.keySet().retainAll(keep);
    }

    /** Forgets the parse of one blob (a note's old content). */
    public void forget(ObjectId blob) {
        markdown.remove(blob);
        org.remove(blob);
    }

    /** A Markdown note. */
    public ParsedNote parse(byte[] bytes) {
        List<String> problems = new ArrayList<>();
        String text = text(bytes, "a Markdown", problems);
        if (text == null) {
            return unrenderable(problems);
        }
        FrontMatter fm = FrontMatter.parse(text);
        if (fm.error() != null) {
            problems.add(fm.error());
        }
        if (fm.body().isBlank() && onlyATitle(fm)) {
            problems.add("empty note");
        }
        boolean takeTitle = fm.string("title") == null;
        Shortcodes.Expanded body = Shortcodes.expand(fm.body(), Shortcodes.Syntax.MARKDOWN);
        problems.addAll(body.problems());
        Links links = new Links();
        RenderedMarkdown md = renderer.render(body.text(), takeTitle, links, body.summaryEnd());
        // the Markdown source is not kept: every later use reads the rendering, and a warm cache stays small
        FrontMatter fields = new FrontMatter(fm.fields(), "", fm.bodyLine(), fm.error());
        return links.note(fields, md, Map.of(), problems);
    }

    /** An Org mode note: its {@code #+keywords} are its front matter. */
    public ParsedNote parseOrg(byte[] bytes) {
        List<String> problems = new ArrayList<>();
        String text = text(bytes, "an Org", problems);
        if (text == null) {
            return unrenderable(problems);
        }
        Shortcodes.Expanded body = Shortcodes.expand(text, Shortcodes.Syntax.ORG);
        problems.addAll(body.problems());
        Links links = new Links();
        OrgRendering org = orgRenderer.render(body.text(), links);
        RenderedMarkdown md = org.markdown();
        problems.addAll(org.problems());
        if (md.text().isBlank() && md.headings().isEmpty() && onlyATitle(org.frontMatter())) {
            problems.add("empty note");
        }
        if (body.summarySource() != null) { // "# more": the summary is what comes before it
            String before = orgRenderer.render(body.summarySource(), LinkResolver.IDENTITY).markdown().text();
            md = new RenderedMarkdown(md.title(), md.html(), md.headings(), md.links(), md.text(),
                    PlainText.summarize(before, MarkdownRenderer.SUMMARY_MAX), md.hasCode(), md.hasMath(), md.tags());
        }
        return links.note(org.frontMatter(), md, org.ids(), problems);
    }

    /**
     * Collects the destinations a render asks for, handing out placeholders the site later replaces. A link and an
     * image to the same place get an index each: which URLs they may carry differs ({@code data:}).
     */
    private static final class Links implements LinkResolver {
        private final Map<Use, Integer> indexes = new LinkedHashMap<>();

        @Override
        public Resolution resolve(String destination, boolean image) {
            return Resolution.ok(ParsedNote.placeholder(
                    indexes.computeIfAbsent(new Use(destination, image), d -> indexes.size())));
        }

        ParsedNote note(FrontMatter fields, RenderedMarkdown md, Map<String, String> ids, List<String> problems) {
            List<String> destinations = new ArrayList<>(indexes.size());
            Set<Integer> images = new HashSet<>();
            indexes.forEach((use, i) -> {
                destinations.add(use.destination());
                if (use.image()) {
                    images.add(i);
                }
            });
            return new ParsedNote(fields, md, List.copyOf(destinations), Set.copyOf(images), Map.copyOf(ids),
                    List.copyOf(problems), true);
        }
    }

    /**
     * True when the front matter says no more than a title: a body-less note is then most likely unfinished. One
     * that carries more (a Hugo site's data page: a video id, a date, an author) is a page as its author meant it.
     */
    private static boolean onlyATitle(FrontMatter fm) {
        return fm.fields().keySet().stream().allMatch(k -> k.equals("title"));
    }

    /** The note's text, or null (with the reason in {@code problems}) when it is too large or not text at all. */
    private static String text(byte[] bytes, String kind, List<String> problems) {
        if (bytes.length > MAX_NOTE_BYTES) {
            problems.add(String.format(Locale.ROOT, "note is %.1f MB, over the %d MB limit; not rendered",
                    bytes.length / 1048576.0, MAX_NOTE_BYTES / 1048576));
            return null;
        }
        if (isBinary(bytes)) {
            problems.add("binary file with " + kind + " name; not rendered");
            return null;
        }
        return decode(bytes, problems);
    }

    private static ParsedNote unrenderable(List<String> problems) {
        RenderedMarkdown empty = new RenderedMarkdown(null, "", List.of(), List.of(), "", "", false, false,
                List.of());
        return new ParsedNote(new FrontMatter(Map.of(), "", 1, null), empty, List.of(), Set.of(), Map.of(),
                List.copyOf(problems), false);
    }

    /** One destination as the note uses it: as a link or as an image. */
    private record Use(String destination, boolean image) {
    }

    /** Git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
    private static boolean isBinary(byte[] bytes) {
        for (int i = 0, n = Math.min(bytes.length, 8000); i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static String decode(byte[] bytes, List<String> problems) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add("not valid UTF-8; unreadable bytes shown as \uFFFD");
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
