package dev.imprint.render;

import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.DelimitedLinkNode;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.HtmlBlockBase;
import com.vladsch.flexmark.ast.HtmlInlineBase;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.InlineLinkNode;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.RefNode;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.footnotes.FootnoteBlock;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One walk over a rendered document's AST collecting what {@link RenderedMarkdown} reports besides the HTML. */
final class NoteScan {

    /** Separates blocks / code in {@link #mathText}: math never spans it. */
    private static final char BARRIER = '\u0000';

    final List<Heading> headings = new ArrayList<>();
    final List<String> links = new ArrayList<>();
    final Set<String> tags = new LinkedHashSet<>();
    boolean hasCode;
    boolean hasMath;
    boolean hasRawHtml;
    private final Document document;
    private Paragraph firstParagraph;
    private String bodyText;
    private int summaryEnd = -1;
    /** Raw source text outside code (backslash escapes kept), for the math heuristic. */
    private final StringBuilder mathText = new StringBuilder();

    private NoteScan(Document document) {
        this.document = document;
    }

    /** Scans {@code document}, which must already have been rendered (heading ids are assigned while rendering). */
    /** @param summaryEnd where the summary ends in the source (Hugo's divider), or -1: the first paragraph is */
    static NoteScan scan(Document document, int summaryEnd) {
        NoteScan s = new NoteScan(document);
        s.walk(document, false);
        s.hasMath = containsMath(s.mathText);
        s.bodyText = PlainText.of(document);
        s.summaryEnd = summaryEnd;
        return s;
    }

    String text() {
        return bodyText;
    }

    String summary() {
        StringBuilder before = new StringBuilder();
        if (summaryEnd >= 0) { // the blocks before the divider, footnotes and link definitions aside
            for (Node c = document.getFirstChild(); c != null && c.getStartOffset() < summaryEnd; c = c.getNext()) {
                if (!(c instanceof FootnoteBlock || c instanceof Reference)) {
                    before.append(PlainText.of(c)).append(' ');
                }
            }
        }
        String text = PlainText.collapse(before.toString());
        if (text.isEmpty()) {
            text = firstParagraph == null ? "" : PlainText.of(firstParagraph);
        }
        return PlainText.summarize(text, MarkdownRenderer.SUMMARY_MAX);
    }

    private void walk(Node n, boolean inFootnote) {
        if (n instanceof com.vladsch.flexmark.ast.Heading h) {
            headings.add(new Heading(h.getLevel(), h.getAnchorRefId() == null ? "" : h.getAnchorRefId(),
                    PlainText.of(h)));
        } else if (n instanceof Paragraph p) {
            if (firstParagraph == null && !inFootnote && !PlainText.of(p).isEmpty()) {
                firstParagraph = p;
            }
        } else if (n instanceof Link || n instanceof Image) {
            links.add(((InlineLinkNode) n).getUrl().unescape());
        } else if (n instanceof RefNode ref) { // LinkRef, ImageRef
            Reference target = ref.isDefined() ? ref.getReferenceNode(document) : null;
            if (target != null) {
                links.add(target.getUrl().unescape());
            }
        } else if (n instanceof DelimitedLinkNode link) { // AutoLink, MailLink (also from the autolink extension)
            links.add(link.getText().toString());
            mathText.append(BARRIER);
            return;
        } else if (n instanceof ObsidianNodes.WikiLink w) {
            if (!ObsidianRenderer.inLink(w)) { // inside a link's text it is rendered as text
                links.add(w.destination());
            }
            return;
        } else if (n instanceof ObsidianNodes.Tag t) {
            if (!ObsidianRenderer.inLink(t)) {
                tags.add(t.name);
            }
            mathText.append(BARRIER);
            return;
        } else if (n instanceof FencedCodeBlock || n instanceof IndentedCodeBlock) {
            hasCode = true;
            mathText.append(BARRIER);
            return;
        } else if (n instanceof Code) {
            mathText.append(BARRIER);
            return;
        } else if (n instanceof HtmlBlockBase || n instanceof HtmlInlineBase) {
            hasRawHtml = true;
            mathText.append(BARRIER);
            return;
        } else if (n instanceof Text) {
            mathText.append(n.getChars());
            return;
        } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
            mathText.append('\n');
            return;
        } else if (n instanceof FootnoteBlock) {
            inFootnote = true;
        }
        boolean block = n instanceof Block;
        if (block) {
            mathText.append(BARRIER);
        }
        for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            walk(c, inFootnote);
        }
        if (block) {
            mathText.append(BARRIER);
        }
    }

    /**
     * Math heuristic (pandoc-like): {@code $$…$$} with non-blank content, or {@code $x$} where the opening {@code $}
     * is followed by a non-space, the closing one is preceded by a non-space and not followed by a digit (so that
     * "$5 and $10" is not math). Backslash-escaped dollars don't count; math never crosses a block or code span.
     * Linear time.
     */
    static boolean containsMath(CharSequence s) {
        int n = s.length();
        int noDisplayCloseBefore = -1; // no unmatched "$$" can close before this index
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (c != '$') {
                continue;
            }
            if (i + 1 < n && s.charAt(i + 1) == '$') {
                if (i >= noDisplayCloseBefore) {
                    boolean content = false;
                    int j = i + 2;
                    for (; j < n; j++) {
                        char d = s.charAt(j);
                        if (d == BARRIER) {
                            break;
                        }
                        if (d == '\\') {
                            j++;
                            content = true;
                        } else if (d == '$' && j + 1 < n && s.charAt(j + 1) == '$') {
                            if (content) {
                                return true;
                            }
                            break;
                        } else if (!Character.isWhitespace(d)) {
                            content = true;
                        }
                    }
                    if (j >= n || s.charAt(j) == BARRIER) {
                        noDisplayCloseBefore = j;
                    }
                }
                i++; // skip the second '$'
                continue;
            }
            // inline $…$
            if (i + 1 >= n || Character.isWhitespace(s.charAt(i + 1)) || s.charAt(i + 1) == BARRIER) {
                continue;
            }
            int j = i + 1;
            while (j < n) {
                char d = s.charAt(j);
                if (d == '\\') {
                    j += 2;
                    continue;
                }
                if (d == '$' || d == BARRIER) {
                    break;
                }
                j++;
            }
            if (j < n && s.charAt(j) == '$') {
                boolean closes = !Character.isWhitespace(s.charAt(j - 1))
                        && (j + 1 >= n || !Character.isDigit(s.charAt(j + 1)));
                if (closes) {
                    return true;
                }
            }
            i = j - 1; // the '$' at j may open the next candidate
        }
        return false;
    }
}
