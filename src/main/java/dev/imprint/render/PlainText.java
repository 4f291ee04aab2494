package dev.imprint.render;

import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.DelimitedLinkNode;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.HtmlBlockBase;
import com.vladsch.flexmark.ast.HtmlEntity;
import com.vladsch.flexmark.ast.HtmlInlineBase;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.footnotes.Footnote;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableSeparator;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.regex.Pattern;

/** Plain-text extraction from the flexmark AST (search index, summaries, heading text). Package-private helper. */
final class PlainText {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SCRIPT_OR_STYLE =
            Pattern.compile("(?is)<(script|style|textarea)\\b[^>]*>.*?</\\1\\s*>");

    private PlainText() {}

    /** Plain text of {@code node} and its descendants, whitespace collapsed. */
    static String of(Node node) {
        Collapsing out = new Collapsing();
        append(node, out);
        return out.toString();
    }

    private static void append(Node n, Collapsing sb) {
        if (n instanceof Text || n instanceof HtmlEntity) {
            BasedSequence chars = n.getChars();
            sb.append(chars.indexOf('\\') < 0 && chars.indexOf('&') < 0 ? chars.toString() : chars.unescape());
        } else if (n instanceof Code code) {
            sb.append(code.getText().toString());
        } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
            sb.append(' ');
        } else if (n instanceof FencedCodeBlock || n instanceof IndentedCodeBlock) {
            sb.append(' ');
            sb.append(((Block) n).getContentChars().toString());
            sb.append(' ');
        } else if (n instanceof DelimitedLinkNode link) { // AutoLink, MailLink
            sb.append(link.getText().toString());
        } else if (n instanceof ObsidianNodes.WikiLink w) {
            if (!w.embed) {
                sb.append(w.displayText());
            }
        } else if (n instanceof ObsidianNodes.Tag) {
            sb.append(n.getChars().toString());
        } else if (n instanceof HtmlBlockBase) {
            String html = SCRIPT_OR_STYLE.matcher(n.getChars()).replaceAll(" ");
            sb.append(' ');
            sb.append(TAG.matcher(html).replaceAll(" "));
            sb.append(' ');
        } else if (n instanceof HtmlInlineBase || n instanceof Reference || n instanceof Footnote
                || n instanceof TableSeparator) {
            // markup only, no text
        } else {
            boolean block = n instanceof Block || n instanceof TableCell || n instanceof ObsidianNodes.CalloutTitle;
            if (block) {
                sb.append(' ');
            }
            for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
                append(c, sb);
            }
            if (block) {
                sb.append(' ');
            }
        }
    }

    /**
     * Builds {@link #collapse} of everything appended, as it is appended (one pass, no intermediate copy). Text is
     * appended as Strings: looping over a String is much cheaper than over a flexmark sequence's charAt.
     */
    private static final class Collapsing {
        private final StringBuilder out = new StringBuilder(256);
        private boolean space;

        void append(String s) {
            for (int i = 0, n = s.length(); i < n; i++) {
                append(s.charAt(i));
            }
        }

        void append(char c) {
            if (isBlank(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    /** Whitespace or a control character; printable ASCII (the common case) needs no Character lookups. */
    private static boolean isBlank(char c) {
        return (c <= ' ' || c >= 0x7f)
                && (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c));
    }

    /** Collapses runs of whitespace (and control characters) to one space and trims. */
    static String collapse(CharSequence s) {
        Collapsing out = new Collapsing();
        for (int i = 0; i < s.length(); i++) {
            out.append(s.charAt(i));
        }
        return out.toString();
    }

    /** {@code text} if at most {@code max} chars, else cut at a word boundary with "…" appended. */
    static String summarize(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max);
        if (cut < max / 2) {
            cut = max; // one enormous "word": hard cut
            if (Character.isLowSurrogate(text.charAt(cut))) {
                cut--;
            }
        }
        String head = text.substring(0, cut).stripTrailing();
        int end = head.length();
        while (end > 0 && ",;:.-–—".indexOf(head.charAt(end - 1)) >= 0) {
            end--;
        }
        return head.substring(0, end) + "…";
    }
}
