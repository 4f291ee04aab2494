package dev.imprint.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain, ordered and description lists: bullets, counters, checkboxes and what each item holds. */
final class OrgLists {
    static final Pattern ITEM = Pattern.compile("(\\s*)([-+*]|\\d+[.)]|[a-z][.)])(?:\\s+(.*))?");
    private static final Pattern COUNTER = Pattern.compile("\\[@(\\d+)\\]\\s+(.*)");
    private static final Pattern CHECKBOX = Pattern.compile("\\[([ X-])\\]\\s+(.*)");

    private final OrgDocument doc;
    private final OrgElements elements;
    private final OrgBlocks blocks;

    OrgLists(OrgDocument doc, OrgElements elements, OrgBlocks blocks) {
        this.doc = doc;
        this.elements = elements;
        this.blocks = blocks;
    }

    /** A list whose items are indented by {@code indent}; an item holds what is indented deeper than its bullet. */
    void list(StringBuilder out, int indent) {
        Matcher first = ITEM.matcher(doc.lines[doc.pos]);
        first.matches();
        boolean ordered = first.group(2).length() > 1;
        boolean descriptive = first.group(3) != null && first.group(3).contains(" :: ");
        String tag = descriptive ? "dl" : ordered ? "ol" : "ul";
        out.append('<').append(tag).append(">\n");
        while (doc.pos < doc.lines.length) {
            Matcher m = ITEM.matcher(doc.lines[doc.pos]);
            if (!m.matches() || OrgHeadlines.HEADLINE.matcher(doc.lines[doc.pos]).matches() || m.group(1).length() != indent
                    || (m.group(2).length() > 1) != ordered) {
                break; // a bullet of another kind starts another list
            }
            String content = m.group(3) == null ? "" : m.group(3);
            String cls = "";
            Matcher counter = COUNTER.matcher(content);
            if (counter.matches()) { // [@n]: the item's number
                cls = " value=\"" + counter.group(1) + "\"";
                content = counter.group(2);
            }
            Matcher box = CHECKBOX.matcher(content);
            if (box.matches()) {
                cls += switch (box.group(1)) {
                    case "X" -> " class=\"checked\"";
                    case "-" -> " class=\"indeterminate\"";
                    default -> " class=\"unchecked\"";
                };
                content = box.group(2);
            }
            String term = null;
            int dd = content.indexOf(" :: ");
            if (descriptive && dd >= 0) {
                term = content.substring(0, dd);
                content = content.substring(dd + 4);
            } else if (descriptive && content.endsWith(" ::")) {
                term = content.substring(0, content.length() - 3);
                content = "";
            } else if (descriptive) {
                term = "?"; // go-org's term for an item without one
            }
            doc.pos++;
            // the item's own lines: its first line, then lines indented deeper than its bullet, blank lines inside
            int from = doc.pos;
            while (doc.pos < doc.lines.length) {
                String l = doc.lines[doc.pos];
                if (l.isBlank()) {
                    if (doc.pos + 1 < doc.lines.length && !doc.lines[doc.pos + 1].isBlank()
                            && indentOf(doc.lines[doc.pos + 1]) > indent) {
                        doc.pos++;
                        continue;
                    }
                    break;
                }
                if (indentOf(l) <= indent) {
                    break;
                }
                Matcher begin = OrgBlocks.BEGIN.matcher(l);
                int blockEnd = begin.matches() ? blocks.blockEnd(doc.pos, begin.group(1).toLowerCase(Locale.ROOT)) : -1;
                doc.pos = blockEnd < 0 ? doc.pos + 1 : blockEnd + 1; // a block's lines are the item's, however indented
            }
            int to = doc.pos;
            StringBuilder inner = new StringBuilder();
            List<String> itemLines = new ArrayList<>();
            itemLines.add(content);
            for (int i = from; i < to; i++) {
                itemLines.add(doc.lines[i]);
            }
            String body = itemBody(itemLines);
            if (term != null) {
                out.append("<dt").append(cls).append(">\n").append(doc.inline.render(term)).append("\n</dt>\n<dd>\n").append(body)
                        .append("</dd>\n");
            } else {
                out.append("<li").append(cls).append(">").append(body).append("</li>\n");
            }
            while (doc.pos < doc.lines.length && doc.lines[doc.pos].isBlank()) {
                int next = doc.pos + 1;
                if (next < doc.lines.length && ITEM.matcher(doc.lines[next]).matches()
                        && indentOf(doc.lines[next]) == indent) {
                    doc.pos = next;
                } else {
                    break;
                }
            }
        }
        out.append("</").append(tag).append(">\n");
    }

    /**
     * An item's lines rendered as elements. As go-org writes it (and Hugo sites show it), an item of paragraphs
     * only shows them without {@code <p>}, joined by a line break: a blank line inside it does not start a new
     * paragraph. Any other element, a keyword line too, keeps the {@code <p>}s.
     */
    private String itemBody(List<String> itemLines) {
        String[] savedLines = doc.lines;
        int savedPos = doc.pos;
        doc.lines = itemLines.toArray(String[]::new);
        doc.pos = 0;
        StringBuilder all = new StringBuilder();
        StringBuilder joined = new StringBuilder();
        boolean onlyParagraphs = true;
        while (doc.pos < doc.lines.length) {
            if (doc.lines[doc.pos].isBlank()) {
                doc.pos++;
                continue;
            }
            int before = doc.pos;
            StringBuilder one = new StringBuilder();
            elements.element(one);
            doc.pos = Math.max(doc.pos, before + 1);
            all.append(one);
            boolean paragraph = elements.lastParagraphIn == one && one.length() >= 8;
            onlyParagraphs &= paragraph;
            if (onlyParagraphs) {
                joined.append(joined.isEmpty() ? "" : "\n").append(one, 3, one.length() - 5);
            }
        }
        doc.lines = savedLines;
        doc.pos = savedPos;
        return onlyParagraphs ? joined.toString() : all.toString();
    }

    private int indentOf(String l) {
        return l.length() - l.stripLeading().length();
    }
}
