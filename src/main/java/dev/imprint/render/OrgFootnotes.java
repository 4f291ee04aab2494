package dev.imprint.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An Org note's footnotes: numbered in order of first reference, shown together at the end as go-org does. */
final class OrgFootnotes {
    /** Name → number, in order of first reference. */
    private final Map<String, Integer> numbers = new LinkedHashMap<>();
    /** Name → rendered definition (a later definition of a name wins, as in go-org). */
    private final Map<String, String> definitions = new LinkedHashMap<>();
    private int anonymous;
    /** False under {@code #+OPTIONS: f:nil}: references and definitions are left out. */
    private final boolean exported;

    OrgFootnotes(boolean exported) {
        this.exported = exported;
    }

    /** The reference's HTML; {@code inlineDefinition} is the rendered text of {@code [fn:name:…]}, or null. */
    String reference(String name, String inlineDefinition) {
        if (!exported) {
            return "";
        }
        String key = name.isEmpty() ? "\u0000anonymous-" + ++anonymous : name;
        if (inlineDefinition != null) {
            definitions.put(key, "<p>" + inlineDefinition + "</p>\n");
        }
        int n = numbers.computeIfAbsent(key, k -> numbers.size() + 1);
        return "<sup class=\"footnote-reference\"><a id=\"footnote-reference-" + n + "\" href=\"#footnote-" + n
                + "\">" + n + "</a></sup>";
    }

    void define(String name, String html) {
        definitions.put(name, html);
    }

    /** The names referred to ({@code [fn:name]}) that no definition gives text, in order of first reference. */
    List<String> undefined() {
        return numbers.keySet().stream().filter(name -> !definitions.containsKey(name)).toList();
    }

    /** The footnotes section, or "" when nothing refers to a footnote. */
    String section() {
        if (numbers.isEmpty() || !exported) {
            return "";
        }
        StringBuilder out = new StringBuilder("<div class=\"footnotes\">\n<hr class=\"footnotes-separatator\">\n"
                + "<div class=\"footnote-definitions\">\n");
        numbers.forEach((name, n) -> {
            if (definitions.containsKey(name)) { // go-org lists no definition for a reference to a missing one
                definition(out, n, definitions.get(name));
            }
        });
        return out.append("</div>\n</div>\n").toString();
    }

    private static void definition(StringBuilder out, int n, String html) {
        out.append("<div class=\"footnote-definition\">\n<sup id=\"footnote-").append(n)
                .append("\"><a href=\"#footnote-reference-").append(n).append("\">").append(n)
                .append("</a></sup>\n<div class=\"footnote-body\">\n").append(html)
                .append("</div>\n</div>\n");
    }
}
