package dev.imprint.render;

import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.InlineParser;
import com.vladsch.flexmark.parser.InlineParserExtension;
import com.vladsch.flexmark.parser.InlineParserExtensionFactory;
import com.vladsch.flexmark.parser.LightInlineParser;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.block.DocumentPostProcessor;
import com.vladsch.flexmark.parser.block.DocumentPostProcessorFactory;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import dev.imprint.render.ObsidianNodes.Callout;
import dev.imprint.render.ObsidianNodes.CalloutTitle;
import dev.imprint.render.ObsidianNodes.Tag;
import dev.imprint.render.ObsidianNodes.WikiLink;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Obsidian syntax on top of CommonMark: wikilinks {@code [[Note|alias]]}, embeds {@code ![[image.png|300]]} /
 * {@code ![[Note#Heading]]}, inline tags {@code #nested/tag} and callouts {@code > [!type]± Title}.
 *
 * <p>Wikilinks, embeds and tags are parsed by an inline parser extension, so nothing inside code spans, code blocks
 * or after a backslash escape is touched. Callouts are blockquotes rewritten by a document post-processor (only when
 * the note contains {@code [!} at all). Rendering is in {@link ObsidianRenderer}; every destination goes through the
 * renderer's link resolver like any Markdown link.
 */
final class ObsidianSyntax implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {

    @Override
    public void parserOptions(MutableDataHolder options) {}

    @Override
    public void extend(Parser.Builder builder) {
        builder.customInlineParserExtensionFactory(new InlineFactory());
        builder.postProcessorFactory(new CalloutFactory());
    }

    @Override
    public void rendererOptions(MutableDataHolder options) {}

    @Override
    public void extend(HtmlRenderer.Builder builder, String rendererType) {
        builder.nodeRendererFactory(new ObsidianRenderer.Factory());
    }

    // ---------------------------------------------------------------------------------------------------- inline

    /** True if {@code c} may follow the {@code #} of a tag. */
    static boolean isTagChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '/' || Character.isSurrogate(c);
    }

    /** Characters that may stand between the whitespace (or start of text) and a tag's {@code #}. */
    private static final String BEFORE_TAG = "(*_~";

    static final class InlineParserExt implements InlineParserExtension {
        @Override
        public void finalizeDocument(InlineParser inlineParser) {}

        @Override
        public void finalizeBlock(InlineParser inlineParser) {}

        @Override
        public boolean parse(LightInlineParser p) {
            BasedSequence in = p.getInput();
            int i = p.getIndex();
            char c = in.charAt(i);
            return c == '#' ? parseTag(p, in, i) : parseWikiLink(p, in, i, c == '!');
        }

        private static boolean parseWikiLink(LightInlineParser p, BasedSequence in, int i, boolean embed) {
            int n = in.length();
            int open = embed ? i + 1 : i;
            if (open + 1 >= n || in.charAt(open) != '[' || in.charAt(open + 1) != '[') {
                return false;
            }
            int start = open + 2;
            int end = -1;
            for (int j = start; j + 1 < n; j++) {
                char d = in.charAt(j);
                if (d == '\n' || d == '\r' || d == '[') {
                    return false;
                }
                if (d == ']') {
                    if (in.charAt(j + 1) != ']') {
                        return false;
                    }
                    end = j;
                    break;
                }
            }
            if (end < 0) {
                return false;
            }
            String raw = in.subSequence(start, end).toString();
            String target = raw;
            String alias = null;
            int pipe = raw.indexOf('|');
            if (pipe >= 0) {
                // "\|" is how Obsidian writes the alias separator inside a table cell
                target = raw.substring(0, pipe > 0 && raw.charAt(pipe - 1) == '\\' ? pipe - 1 : pipe);
                alias = raw.substring(pipe + 1).strip();
            }
            target = target.strip();
            if (target.isEmpty()) {
                return false;
            }
            p.flushTextNode();
            p.getBlock().appendChild(new WikiLink(in.subSequence(i, end + 2), target, alias, embed));
            p.setIndex(end + 2);
            return true;
        }

        private static boolean parseTag(LightInlineParser p, BasedSequence in, int i) {
            // start of the text or after whitespace, possibly with "(", "**" etc. in between: not "page#part", "C#"
            int b = i - 1;
            while (b >= 0 && BEFORE_TAG.indexOf(in.charAt(b)) >= 0) {
                b--;
            }
            if (b >= 0 && !Character.isWhitespace(in.charAt(b))) {
                return false;
            }
            int n = in.length();
            int j = i + 1;
            boolean word = false;
            while (j < n && isTagChar(in.charAt(j))) {
                char d = in.charAt(j);
                if (!(d >= '0' && d <= '9') && d != '/') {
                    word = true;
                }
                j++;
            }
            if (!word) {
                return false; // "#", "#123": Obsidian needs at least one non-digit
            }
            p.flushTextNode();
            p.getBlock().appendChild(new Tag(in.subSequence(i, j), in.subSequence(i + 1, j).toString()));
            p.setIndex(j);
            return true;
        }
    }

    static final class InlineFactory implements InlineParserExtensionFactory {
        @Override
        public CharSequence getCharacters() {
            return "[!#";
        }

        @Override
        public InlineParserExtension apply(LightInlineParser lightInlineParser) {
            return new InlineParserExt();
        }

        @Override
        public Set<Class<?>> getAfterDependents() {
            return null;
        }

        @Override
        public Set<Class<?>> getBeforeDependents() {
            return null;
        }

        @Override
        public boolean affectsGlobalScope() {
            return false;
        }
    }

    // -------------------------------------------------------------------------------------------------- callouts

    /** {@code [!type]} with optional fold marker, at the start of a blockquote's first line. */
    private static final Pattern CALLOUT = Pattern.compile("^\\[!([A-Za-z0-9_-]+)\\]([+-]?)[ \\t]*");

    static final class CalloutProcessor extends DocumentPostProcessor {
        @Override
        public Document processDocument(Document document) {
            if (document.getChars().indexOf("[!") >= 0) {
                walk(document);
            }
            return document;
        }

        private static void walk(Node parent) {
            Node c = parent.getFirstChild();
            while (c != null) {
                Node next = c.getNext();
                Node n = c instanceof BlockQuote bq ? toCallout(bq) : c;
                if (n instanceof Block && !(n instanceof Paragraph)) {
                    walk(n);
                }
                c = next;
            }
        }

        /** The callout replacing {@code bq}, or {@code bq} itself if it is an ordinary blockquote. */
        private static Node toCallout(BlockQuote bq) {
            if (!(bq.getFirstChild() instanceof Paragraph p)) {
                return bq;
            }
            BasedSequence chars = p.getChars();
            int eol = 0;
            while (eol < chars.length() && chars.charAt(eol) != '\n' && chars.charAt(eol) != '\r') {
                eol++;
            }
            BasedSequence line = chars.subSequence(0, eol);
            Matcher m = CALLOUT.matcher(line);
            if (!m.find()) {
                return bq;
            }
            int titleStart = chars.getStartOffset() + m.end();
            // the marker must be plain text (not e.g. the text of a link "[!x](url)")
            for (Node c = p.getFirstChild(); c != null && !isLineBreak(c); c = c.getNext()) {
                if (c.getStartOffset() < titleStart && c.getEndOffset() > titleStart && !(c instanceof Text)) {
                    return bq;
                }
            }
            CalloutTitle title = new CalloutTitle(line.subSequence(m.end()));
            Node c = p.getFirstChild();
            while (c != null && !isLineBreak(c)) {
                Node next = c.getNext();
                if (c.getEndOffset() <= titleStart) {
                    c.unlink();
                } else {
                    if (c.getStartOffset() < titleStart) {
                        c.setChars(c.getChars().subSequence(titleStart - c.getStartOffset()));
                    }
                    title.appendChild(c);
                }
                c = next;
            }
            if (c != null) {
                c.unlink();
            }
            if (p.getFirstChild() == null) {
                p.unlink();
            }
            String fold = m.group(2);
            Callout callout = new Callout(bq.getChars(), m.group(1).toLowerCase(Locale.ROOT),
                    fold.isEmpty() ? 0 : fold.charAt(0));
            callout.appendChild(title);
            callout.takeChildren(bq);
            bq.insertBefore(callout);
            bq.unlink();
            return callout;
        }

        private static boolean isLineBreak(Node n) {
            return n instanceof SoftLineBreak || n instanceof HardLineBreak;
        }
    }

    static final class CalloutFactory extends DocumentPostProcessorFactory {
        @Override
        public DocumentPostProcessor apply(Document document) {
            return new CalloutProcessor();
        }
    }
}
