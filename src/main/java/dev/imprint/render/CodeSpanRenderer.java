package dev.imprint.render;

import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRendererFactory;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.DataHolder;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders inline code spans per CommonMark ≥ 0.29: line endings become spaces, and exactly one leading and one
 * trailing space are stripped only if both are present and the content is not all spaces. flexmark 0.64.8 instead
 * trims all surrounding whitespace, so {@code `` ` `` ``} or {@code `` ` a` ``} lose meaningful spaces.
 */
final class CodeSpanRenderer implements NodeRenderer {

    private static final Pattern LINE_END = Pattern.compile("\r\n?[ \t]*|\n[ \t]*");

    @Override
    public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
        return Set.of(new NodeRenderingHandler<>(Code.class, (node, context, html) -> {
            html.withAttr().tag("code");
            html.text(content(node));
            html.tag("/code");
        }));
    }

    static String content(Code node) {
        StringBuilder raw = new StringBuilder();
        for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            raw.append(c instanceof Text ? c.getChars() : c.getChars());
        }
        String s = raw.indexOf("\n") < 0 && raw.indexOf("\r") < 0 ? raw.toString() : LINE_END.matcher(raw).replaceAll(" ");
        if (s.length() >= 2 && s.charAt(0) == ' ' && s.charAt(s.length() - 1) == ' ' && !s.isBlank()) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    static final class Factory implements NodeRendererFactory {
        @Override
        public NodeRenderer apply(DataHolder options) {
            return new CodeSpanRenderer();
        }
    }
}
