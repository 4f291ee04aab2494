package dev.imprint.render;

import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.DoNotDecorate;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.NodeVisitor;
import com.vladsch.flexmark.util.ast.TextContainer;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import com.vladsch.flexmark.util.sequence.builder.ISequenceBuilder;
import java.util.Locale;
import java.util.Set;

/** AST nodes for the Obsidian syntax ({@link ObsidianSyntax}). */
final class ObsidianNodes {

    /** File extensions that make {@code ![[x]]} an image rather than a note embed. */
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico");

    private ObsidianNodes() {}

    /** {@code [[target|alias]]} or, with {@link #embed}, {@code ![[target|alias]]}. No children. */
    static final class WikiLink extends Node implements TextContainer, DoNotDecorate {
        final String target;
        /** Text after the first {@code |}, trimmed; null if none. */
        final String alias;
        final boolean embed;

        WikiLink(BasedSequence chars, String target, String alias, boolean embed) {
            super(chars);
            this.target = target;
            this.alias = alias;
            this.embed = embed;
        }

        /** Destination handed to the {@link LinkResolver}. */
        String destination() {
            return embed && !isImage() ? "![[" + target + "]]" : "[[" + target + "]]";
        }

        boolean isImage() {
            if (!embed) {
                return false;
            }
            // "diagram.png#wide": the fragment is a display hint for the image, not part of its name
            int hash = target.indexOf('#');
            String file = hash < 0 ? target : target.substring(0, hash);
            int dot = file.lastIndexOf('.');
            return dot >= 0 && IMAGE_EXTENSIONS.contains(file.substring(dot + 1).strip().toLowerCase(Locale.ROOT));
        }

        /** Link text: the alias, else "Note > Heading" for {@code Note#Heading}, "Heading" for {@code #Heading}. */
        String displayText() {
            if (alias != null && !alias.isEmpty()) {
                return alias;
            }
            int hash = target.indexOf('#');
            if (hash < 0) {
                return target;
            }
            String note = target.substring(0, hash).strip();
            String heading = target.substring(hash + 1).strip();
            if (heading.isEmpty()) {
                return note.isEmpty() ? target : note;
            }
            heading = heading.replaceAll("\\s*#\\s*", " > "); // a nested heading path, "Section#Subsection"
            return note.isEmpty() ? heading : note + " > " + heading;
        }

        @Override
        public BasedSequence[] getSegments() {
            return EMPTY_SEGMENTS;
        }

        @Override
        public boolean collectText(ISequenceBuilder<? extends ISequenceBuilder<?, BasedSequence>, BasedSequence> out,
                int flags, NodeVisitor nodeVisitor) {
            if (!embed) {
                out.append(displayText());
            }
            return false;
        }
    }

    /** Inline {@code #tag}. No children. */
    static final class Tag extends Node implements TextContainer, DoNotDecorate {
        /** Tag name without the {@code #}. */
        final String name;

        Tag(BasedSequence chars, String name) {
            super(chars);
            this.name = name;
        }

        @Override
        public BasedSequence[] getSegments() {
            return EMPTY_SEGMENTS;
        }

        @Override
        public boolean collectText(ISequenceBuilder<? extends ISequenceBuilder<?, BasedSequence>, BasedSequence> out,
                int flags, NodeVisitor nodeVisitor) {
            out.append(getChars());
            return false;
        }
    }

    /**
     * A blockquote that starts with {@code [!type]}: first child is its {@link CalloutTitle}, the rest is the body.
     */
    static final class Callout extends Block {
        /** Lowercased type, only {@code [a-z0-9_-]}. */
        final String type;
        /** '+' foldable and open, '-' folded, 0 not foldable. */
        final char fold;

        Callout(BasedSequence chars, String type, char fold) {
            super(chars);
            this.type = type;
            this.fold = fold;
        }

        @Override
        public BasedSequence[] getSegments() {
            return EMPTY_SEGMENTS;
        }
    }

    /** The title line of a {@link Callout}: its inline content after the marker (may be empty). */
    static final class CalloutTitle extends Node {
        CalloutTitle(BasedSequence chars) {
            super(chars);
        }

        @Override
        public BasedSequence[] getSegments() {
            return EMPTY_SEGMENTS;
        }
    }
}
