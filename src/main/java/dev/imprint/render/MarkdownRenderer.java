package dev.imprint.render;

import com.vladsch.flexmark.ast.CodeBlock;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.AttributeProvider;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.IndependentAttributeProviderFactory;
import com.vladsch.flexmark.html.IndependentLinkResolverFactory;
import com.vladsch.flexmark.html.renderer.AttributablePart;
import com.vladsch.flexmark.html.renderer.LinkResolverBasicContext;
import com.vladsch.flexmark.html.renderer.LinkResolverContext;
import com.vladsch.flexmark.html.renderer.LinkStatus;
import com.vladsch.flexmark.html.renderer.LinkType;
import com.vladsch.flexmark.html.renderer.ResolvedLink;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.ParserEmulationProfile;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.data.NullableDataKey;
import com.vladsch.flexmark.util.html.Attribute;
import com.vladsch.flexmark.util.html.MutableAttributes;
import com.vladsch.flexmark.util.misc.Extension;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document.OutputSettings;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Safelist;

/**
 * Markdown → HTML stage: CommonMark + GFM tables, task lists, strikethrough, autolinks and footnotes (flexmark-java),
 * plus Obsidian wikilinks, embeds, tags and callouts ({@link ObsidianSyntax}).
 *
 * <p>The flexmark {@link Parser} and {@link HtmlRenderer} are built once in the constructor; both are immutable and
 * thread-safe, so one instance can render thousands of notes, concurrently. All per-note state (the caller's
 * {@link LinkResolver}, the "needs sanitizing" flag) travels in the flexmark {@link Document}.
 */
public final class MarkdownRenderer {

    /** Maximum length of {@link RenderedMarkdown#summary()} before the "…". */
    static final int SUMMARY_MAX = 300;

    /** Link status our bridge gives links that the caller's resolver marked broken. */
    private static final LinkStatus BROKEN = new LinkStatus("IMPRINT_BROKEN");

    /** Per-document render state, stored in the flexmark Document (never shared between calls). */
    private static final NullableDataKey<RenderState> STATE = new NullableDataKey<>("IMPRINT_RENDER_STATE");

    /** Base URI for jsoup: lets relative links pass the protocol check; they are kept exactly as written. */
    private static final String SANITIZE_BASE = "https://imprint.invalid/";

    /** Schemes the safelist keeps on {@code a[href]} / {@code img[src]}; anything else forces sanitizing. */
    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto", "ftp");
    private static final Set<String> IMAGE_SCHEMES = Set.of("http", "https");

    private static final Safelist SAFELIST = buildSafelist();

    private final boolean allowRawHtml;
    private final Parser parser;
    private final HtmlRenderer renderer;

    /**
     * @param allowRawHtml true: raw HTML in notes passes through untouched (trusted notes); false: the rendered HTML is
     *     sanitized with jsoup whenever it may contain anything flexmark itself would not produce.
     */
    public MarkdownRenderer(boolean allowRawHtml) {
        this.allowRawHtml = allowRawHtml;
        MutableDataSet options = new MutableDataSet();
        options.setFrom(ParserEmulationProfile.COMMONMARK_0_29);
        List<Extension> extensions = List.of(
                TablesExtension.create(),
                TaskListExtension.create(),
                StrikethroughExtension.create(),
                new LazyAutolink(), // = AutolinkExtension, skipping text that cannot hold a link
                FootnoteExtension.create(),
                new EmphasisRules(),
                new ObsidianSyntax());
        options.set(Parser.EXTENSIONS, extensions);

        // GitHub-flavoured tables.
        options.set(TablesExtension.COLUMN_SPANS, false)
                .set(TablesExtension.APPEND_MISSING_COLUMNS, true)
                .set(TablesExtension.DISCARD_EXTRA_COLUMNS, true)
                .set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, true)
                .set(TablesExtension.MIN_HEADER_ROWS, 1)
                .set(TablesExtension.MAX_HEADER_ROWS, 1)
                .set(TablesExtension.WITH_CAPTION, false);

        // GitHub-style heading ids: lowercase, ' ' and '-' → '-', '_' kept, other punctuation dropped, dupes -1, -2.
        options.set(HtmlRenderer.GENERATE_HEADER_ID, true)
                .set(HtmlRenderer.RENDER_HEADER_ID, true)
                .set(HtmlRenderer.HEADER_ID_GENERATOR_RESOLVE_DUPES, true)
                .set(HtmlRenderer.HEADER_ID_GENERATOR_TO_DASH_CHARS, " -")
                .set(HtmlRenderer.HEADER_ID_GENERATOR_NON_DASH_CHARS, "_")
                .set(HtmlRenderer.HEADER_ID_GENERATOR_NO_DUPED_DASHES, false)
                .set(HtmlRenderer.HEADER_ID_GENERATOR_NON_ASCII_TO_LOWERCASE, true);

        // CommonMark output details.
        // flexmark would drop javascript: links to bare text on its own, silently; the link stage refuses every
        // spelling of every refused scheme and reports it, so nothing is suppressed here
        options.set(HtmlRenderer.SUPPRESSED_LINKS, "");
        options.set(HtmlRenderer.PERCENT_ENCODE_URLS, true)
                .set(HtmlRenderer.FENCED_CODE_LANGUAGE_CLASS_PREFIX, "language-");

        this.parser = Parser.builder(options).build();
        this.renderer = HtmlRenderer.builder(options)
                .linkResolverFactory(new ResolverBridgeFactory())
                .attributeProviderFactory(new BrokenLinkAttributesFactory())
                .nodeRendererFactory(new CodeSpanRenderer.Factory())
                .build();
    }

    /**
     * Renders one note. Never throws for any input (null, empty, binary junk, huge notes); an exception thrown by the
     * caller's {@code resolver} is propagated.
     *
     * @param markdown  note source
     * @param takeTitle if true and the note has a level-1 heading, the first one is removed from the body (it is
     *     reported as {@link RenderedMarkdown#title()} either way)
     * @param resolver  called for every link and image destination
     */
    public RenderedMarkdown render(String markdown, boolean takeTitle, LinkResolver resolver) {
        return render(markdown, takeTitle, resolver, -1);
    }

    /**
     * As {@link #render(String, boolean, LinkResolver)}, with the summary taken from what comes before
     * {@code summaryEnd} (Hugo's summary divider, see {@link Shortcodes.Expanded#summaryEnd()}) instead of the first
     * paragraph; -1 for none.
     */
    public RenderedMarkdown render(String markdown, boolean takeTitle, LinkResolver resolver, int summaryEnd) {
        String source = markdown == null ? "" : markdown;
        LinkResolver res = resolver == null ? LinkResolver.IDENTITY : resolver;
        try {
            return doRender(source, takeTitle, res, summaryEnd);
        } catch (ResolverFailure e) {
            throw e.unwrap();
        } catch (RuntimeException | StackOverflowError e) {
            return fallback(source);
        }
    }

    private RenderedMarkdown doRender(String source, boolean takeTitle, LinkResolver resolver, int summaryEnd) {
        Document document = parser.parse(source);

        com.vladsch.flexmark.ast.Heading titleNode = firstH1(document);
        String title = titleNode == null ? null : PlainText.of(titleNode);
        if (takeTitle && titleNode != null) {
            titleNode.unlink();
        }

        RenderState state = new RenderState(resolver);
        document.set(STATE, state);
        String html = renderer.render(document);

        NoteScan scan = NoteScan.scan(document, summaryEnd);
        if (!allowRawHtml && (scan.hasRawHtml || state.unsafeUrl)) {
            html = sanitize(html);
        }
        return new RenderedMarkdown(
                title, html, scan.headings, scan.links, scan.text(), scan.summary(), scan.hasCode, scan.hasMath,
                List.copyOf(scan.tags));
    }

    /** The first level-1 heading in document order, or null. */
    private static com.vladsch.flexmark.ast.Heading firstH1(Document document) {
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(document);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (n instanceof com.vladsch.flexmark.ast.Heading h && h.getLevel() == 1) {
                return h;
            }
            if (n instanceof Paragraph || n instanceof CodeBlock) {
                continue; // no headings inside
            }
            for (Node c = n.getLastChild(); c != null; c = c.getPrevious()) {
                stack.push(c);
            }
        }
        return null;
    }

    /** Output for input flexmark chokes on (should not happen; e.g. absurd nesting depth): the source, escaped. */
    private static RenderedMarkdown fallback(String source) {
        String text = PlainText.collapse(source);
        String html = "<pre>" + Entities.escape(source) + "</pre>";
        return new RenderedMarkdown(
                null, html, List.of(), List.of(), text, PlainText.summarize(text, SUMMARY_MAX), false, false,
                List.of());
    }

    // ------------------------------------------------------------------------------------------------ sanitizing

    static String sanitize(String html) {
        OutputSettings out = new OutputSettings().prettyPrint(false).charset("UTF-8");
        return Jsoup.clean(html, SANITIZE_BASE, SAFELIST, out);
    }

    private static Safelist buildSafelist() {
        Safelist s = Safelist.relaxed()
                .preserveRelativeLinks(true)
                .addTags("hr", "del", "s", "ins", "input", "kbd", "samp", "var", "mark", "abbr", "details", "summary",
                        "aside")
                // heading ids (flexmark GENERATE_HEADER_ID)
                .addAttributes("h1", "id").addAttributes("h2", "id").addAttributes("h3", "id")
                .addAttributes("h4", "id").addAttributes("h5", "id").addAttributes("h6", "id")
                // code language, task lists, footnotes, broken links
                .addAttributes("code", "class").addAttributes("pre", "class").addAttributes("span", "class")
                .addAttributes("div", "class", "data-embed").addAttributes("a", "class", "id").addAttributes("li", "class", "id")
                .addAttributes("ul", "class").addAttributes("ol", "class").addAttributes("img", "class")
                .addAttributes("p", "class").addAttributes("sup", "id", "class")
                .addAttributes("input", "class", "checked", "disabled", "readonly")
                // tables: column alignment
                .addAttributes("th", "align").addAttributes("td", "align")
                .addAttributes("abbr", "title")
                // Obsidian callouts
                .addAttributes("aside", "class").addAttributes("details", "class", "open")
                .addAttributes("summary", "class");
        // Only task-list checkboxes, and never editable ones.
        s.addEnforcedAttribute("input", "type", "checkbox");
        s.addEnforcedAttribute("input", "disabled", "disabled");
        // In-page anchors (footnotes, TOC) are fine.
        s.addProtocols("a", "href", "#");
        return s;
    }

    /**
     * True if {@code url} survives the safelist unchanged: relative (no scheme) or a scheme the safelist allows. Any
     * control character or whitespace makes it "unsafe" so that jsoup gets the final word.
     */
    static boolean isSafeUrl(String url, boolean image) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return false;
            }
            if (c == '/' || c == '?' || c == '#') {
                return true; // path/query/fragment before any ':' → relative
            }
            if (c == ':') {
                String scheme = url.substring(0, i).toLowerCase(Locale.ROOT);
                return (image ? IMAGE_SCHEMES : LINK_SCHEMES).contains(scheme);
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------ flexmark glue

    /** Per-render state. */
    private static final class RenderState {
        final LinkResolver resolver;
        boolean unsafeUrl;

        RenderState(LinkResolver resolver) {
            this.resolver = resolver;
        }
    }

    /** Wraps an exception thrown by the caller's resolver so that it is not mistaken for a flexmark failure. */
    private static final class ResolverFailure extends RuntimeException {
        ResolverFailure(RuntimeException cause) {
            super(cause);
        }

        RuntimeException unwrap() {
            return (RuntimeException) getCause();
        }
    }

    /** flexmark link resolver that delegates to the caller's {@link LinkResolver} of the current render. */
    private static final class ResolverBridge implements com.vladsch.flexmark.html.LinkResolver {
        @Override
        public ResolvedLink resolveLink(Node node, LinkResolverBasicContext context, ResolvedLink link) {
            if (link.getLinkType() == LinkType.LINK_REF || link.getLinkType() == LinkType.IMAGE_REF) {
                // flexmark asks about "[text]" with no reference definition; it stays text, not a link
                return link;
            }
            RenderState state = STATE.get(context.getDocument());
            boolean image = link.getLinkType() == LinkType.IMAGE || link.getLinkType() == LinkType.IMAGE_REF;
            String destination = link.getUrl();
            ResolvedLink out = link;
            if (state != null) {
                LinkResolver.Resolution r;
                try {
                    r = state.resolver.resolve(destination, image);
                } catch (RuntimeException e) {
                    throw new ResolverFailure(e);
                }
                if (r != null) {
                    String href = r.href() == null ? destination : r.href();
                    out = link.withUrl(href);
                    if (r.broken()) {
                        out = out.withStatus(BROKEN);
                    }
                }
                if (!isSafeUrl(out.getUrl(), image)) {
                    state.unsafeUrl = true;
                }
            }
            return out;
        }
    }

    private static final class ResolverBridgeFactory extends IndependentLinkResolverFactory {
        @Override
        public com.vladsch.flexmark.html.LinkResolver apply(LinkResolverBasicContext context) {
            return new ResolverBridge();
        }
    }

    /** Adds {@code class="broken"} to links whose resolution the bridge marked {@link #BROKEN}. */
    private static final class BrokenLinkAttributes implements AttributeProvider {
        @Override
        public void setAttributes(Node node, AttributablePart part, MutableAttributes attributes) {
            if (part == AttributablePart.LINK) {
                Attribute status = attributes.get(Attribute.LINK_STATUS_ATTR);
                if (status != null && BROKEN.getName().equals(status.getValue())) {
                    attributes.addValue(Attribute.CLASS_ATTR, "broken");
                }
            }
        }
    }

    private static final class BrokenLinkAttributesFactory extends IndependentAttributeProviderFactory {
        @Override
        public AttributeProvider apply(LinkResolverContext context) {
            return new BrokenLinkAttributes();
        }
    }
}
