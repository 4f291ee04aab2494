package dev.imprint.render;

import java.util.List;
import java.util.function.Function;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Org mode → the model Markdown notes render to, written to match go-org (the renderer Hugo uses): keywords become
 * front matter, level-1 headlines {@code h2} under the page title. Thread-safe; all state is per call.
 *
 * <p>A render reads the note twice: {@link OrgDocument} first reads the keywords, which apply to the whole file
 * wherever they are, then {@link OrgElements} walks the lines once, top to bottom, handing headlines to
 * {@link OrgHeadlines}, {@code #+begin_} blocks to {@link OrgBlocks}, lists to {@link OrgLists} and tables to
 * {@link OrgTables}; what they collect (headings, links, ids, problems) is the document's.
 */
public final class OrgRenderer {
    private final boolean allowRawHtml;

    /** @param allowRawHtml as MarkdownRenderer's: false escapes {@code #+begin_export html} blocks */
    public OrgRenderer(boolean allowRawHtml) {
        this.allowRawHtml = allowRawHtml;
    }

    /** A note that reads no other file: {@code #+INCLUDE} and {@code #+SETUPFILE} are left out, with a problem. */
    public OrgRendering render(String org, LinkResolver resolver) {
        return render(org, resolver, null);
    }

    /**
     * @param files the text of a file an {@code #+INCLUDE} or {@code #+SETUPFILE} names (as written, so relative
     *              to the note), or null when there is none or it may not be read; null: no file is read
     */
    public OrgRendering render(String org, LinkResolver resolver, Function<String, String> files) {
        OrgDocument doc = new OrgDocument(org == null ? "" : org, resolver == null ? LinkResolver.IDENTITY : resolver,
                files, allowRawHtml);
        String html = new OrgElements(doc).document();
        Element body = Jsoup.parseBodyFragment(html).body(); // parsed once for the text and the summary
        String text = PlainText.collapse(body.text());
        Element p = body.selectFirst("p");
        String firstParagraph = p == null ? "" : PlainText.collapse(p.text());
        RenderedMarkdown md = new RenderedMarkdown(doc.keywords.get("title"), html, doc.headings, doc.links, text,
                PlainText.summarize(firstParagraph, MarkdownRenderer.SUMMARY_MAX), doc.hasCode, doc.hasMath,
                List.of());
        return new OrgRendering(OrgKeywords.of(doc.keywords), md, doc.ids, doc.problems);
    }
}
