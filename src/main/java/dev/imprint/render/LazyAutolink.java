package dev.imprint.render;

import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.autolink.internal.AutolinkNodePostProcessor;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.block.NodePostProcessor;
import com.vladsch.flexmark.parser.block.NodePostProcessorFactory;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.NodeTracker;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;

/**
 * The GFM autolink extension (flexmark-ext-autolink), same output, much cheaper: its post-processor runs a regex search
 * and the autolink scanner over every text node of every note, and builds a link extractor per document. A bare URL
 * needs a ':', an e-mail address an '@', a www link "www." — a text node with none of them is skipped, and the real
 * processor is only created for a document that has a candidate.
 */
final class LazyAutolink implements Parser.ParserExtension {

    @Override
    public void parserOptions(MutableDataHolder options) {}

    @Override
    public void extend(Parser.Builder builder) {
        builder.postProcessorFactory(new Factory());
    }

    /** True if the autolink scanner could find something in {@code s}. */
    static boolean mayContainLink(BasedSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == ':' || c == '@') {
                return true;
            }
            if ((c == 'w' || c == 'W') && i + 3 < n && (s.charAt(i + 1) | 0x20) == 'w' && (s.charAt(i + 2) | 0x20) == 'w'
                    && s.charAt(i + 3) == '.') {
                return true;
            }
        }
        return false;
    }

    private static final class Processor extends NodePostProcessor {
        private final Document document;
        private AutolinkNodePostProcessor delegate;

        Processor(Document document) {
            this.document = document;
        }

        @Override
        public void process(NodeTracker state, Node node) {
            if (!mayContainLink(node.getChars())) {
                return;
            }
            if (delegate == null) {
                delegate = new AutolinkNodePostProcessor(document);
            }
            delegate.process(state, node);
        }
    }

    private static final class Factory extends NodePostProcessorFactory {
        Factory() {
            super(false);
            addNodes(Text.class);
        }

        @Override
        public NodePostProcessor apply(Document document) {
            return new Processor(document);
        }
    }
}
