package dev.imprint.render;

import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.LinkRef;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.LinkType;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.html.renderer.NodeRendererFactory;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.html.renderer.ResolvedLink;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.sequence.Escaping;
import dev.imprint.render.ObsidianNodes.Callout;
import dev.imprint.render.ObsidianNodes.CalloutTitle;
import dev.imprint.render.ObsidianNodes.Tag;
import dev.imprint.render.ObsidianNodes.WikiLink;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTML for the {@link ObsidianNodes}. */
final class ObsidianRenderer implements NodeRenderer {

    /** "300" or "300x200" after the {@code |} of an image embed. */
    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})(?:x(\\d{1,5}))?");

    @Override
    public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
        return Set.of(
                new NodeRenderingHandler<>(WikiLink.class, ObsidianRenderer::renderWikiLink),
                new NodeRenderingHandler<>(Tag.class, ObsidianRenderer::renderTag),
                new NodeRenderingHandler<>(Callout.class, ObsidianRenderer::renderCallout),
                new NodeRenderingHandler<>(CalloutTitle.class, (node, context, html) -> context.renderChildren(node)),
                new NodeRenderingHandler<>(Paragraph.class, ObsidianRenderer::renderParagraph));
    }

    /** A paragraph holding nothing but note embeds becomes the embed divs (a div may not sit inside a p). */
    private static void renderParagraph(Paragraph node, NodeRendererContext context, HtmlWriter html) {
        if (!(node.getFirstChild() instanceof WikiLink first && first.embed && !first.isImage()) || !onlyNoteEmbeds(node)) {
            context.delegateRender();
            return;
        }
        for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof WikiLink w) {
                html.line();
                renderNoteEmbed(w, context, html);
                html.line();
            }
        }
    }

    private static boolean onlyNoteEmbeds(Paragraph p) {
        for (Node c = p.getFirstChild(); c != null; c = c.getNext()) {
            boolean ok = c instanceof WikiLink w ? w.embed && !w.isImage()
                    : c instanceof SoftLineBreak || c.getChars().isBlank();
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** True inside the text of a link or image: no nested {@code <a>}, the markup stays text. */
    static boolean inLink(Node node) {
        for (Node p = node.getParent(); p != null && !(p instanceof Block); p = p.getParent()) {
            if (p instanceof Link || p instanceof LinkRef || p instanceof Image || p instanceof ImageRef) {
                return true;
            }
        }
        return false;
    }

    private static void renderWikiLink(WikiLink node, NodeRendererContext context, HtmlWriter html) {
        if (inLink(node)) {
            html.text(node.embed ? node.getChars().toString() : node.displayText());
        } else if (!node.embed) {
            ResolvedLink link = context.resolveLink(LinkType.LINK, node.destination(), null);
            html.attr("class", "wikilink").attr("href", link.getUrl());
            html.srcPos(node.getChars()).withAttr(link).tag("a");
            html.text(node.displayText());
            html.tag("/a");
        } else if (node.isImage()) {
            ResolvedLink link = context.resolveLink(LinkType.IMAGE, node.destination(), null);
            html.attr("src", link.getUrl());
            String alt = node.target.replaceFirst("#.*", "");
            if (node.alias != null && !node.alias.isEmpty()) {
                Matcher size = SIZE.matcher(node.alias);
                if (size.matches()) {
                    html.attr("width", size.group(1));
                    if (size.group(2) != null) {
                        html.attr("height", size.group(2));
                    }
                } else {
                    alt = node.alias;
                }
            }
            html.attr("alt", alt);
            html.srcPos(node.getChars()).withAttr(link).tagVoid("img");
        } else {
            renderNoteEmbed(node, context, html);
        }
    }

    private static void renderNoteEmbed(WikiLink node, NodeRendererContext context, HtmlWriter html) {
        ResolvedLink link = context.resolveLink(LinkType.LINK, node.destination(), null);
        html.raw("<div class=\"imprint-embed\" data-embed=\"" + Escaping.escapeHtml(link.getUrl(), true) + "\"></div>");
    }

    private static void renderTag(Tag node, NodeRendererContext context, HtmlWriter html) {
        if (inLink(node)) {
            html.text(node.getChars().toString());
            return;
        }
        ResolvedLink link = context.resolveLink(LinkType.LINK, "tag:" + node.name, null);
        html.attr("class", "tag").attr("href", link.getUrl());
        html.srcPos(node.getChars()).withAttr(link).tag("a");
        html.text(node.getChars().toString());
        html.tag("/a");
    }

    private static void renderCallout(Callout node, NodeRendererContext context, HtmlWriter html) {
        String classes = "callout callout-" + node.type;
        boolean foldable = node.fold != 0;
        String outer = foldable ? "details" : "aside";
        html.line();
        html.raw("<" + outer + " class=\"" + classes + "\"" + (node.fold == '+' ? " open" : "") + ">");
        html.line();
        html.raw(foldable ? "<summary class=\"callout-title\">" : "<p class=\"callout-title\">");
        Node title = node.getFirstChild();
        if (title instanceof CalloutTitle && title.hasChildren()) {
            context.renderChildren(title);
        } else {
            html.text(Character.toUpperCase(node.type.charAt(0)) + node.type.substring(1));
        }
        html.raw(foldable ? "</summary>" : "</p>");
        html.line();
        for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            if (!(c instanceof CalloutTitle)) {
                context.render(c);
            }
        }
        html.line();
        html.raw("</" + outer + ">");
        html.line();
    }

    static final class Factory implements NodeRendererFactory {
        @Override
        public NodeRenderer apply(DataHolder options) {
            return new ObsidianRenderer();
        }
    }
}
