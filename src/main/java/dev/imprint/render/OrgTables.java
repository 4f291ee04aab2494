package dev.imprint.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Org tables: header rows, alignment, row groups and a caption, as go-org writes them. */
final class OrgTables {
    private final OrgDocument doc;

    OrgTables(OrgDocument doc) {
        this.doc = doc;
    }

    /**
     * A table: rows before its first rule are the header; a column of numbers is right-aligned, and a row of
     * {@code <l>} / {@code <c>} / {@code <r>} cookies sets alignment and is not shown.
     */
    void table(StringBuilder out) {
        List<List<String>> rows = new ArrayList<>(); // null: a rule
        while (doc.pos < doc.lines.length && doc.lines[doc.pos].strip().startsWith("|")) {
            String row = doc.lines[doc.pos].strip();
            if (row.startsWith("|-")) {
                rows.add(null);
            } else {
                String inner = row.endsWith("|") && row.length() > 1 ? row.substring(1, row.length() - 1) : row.substring(1);
                List<String> cells = new ArrayList<>();
                for (String c : inner.split("\\|", -1)) {
                    cells.add(c.strip());
                }
                rows.add(cells);
            }
            doc.pos++;
        }
        int columns = rows.stream().filter(r -> r != null).mapToInt(List::size).max().orElse(0);
        String[] align = new String[columns];
        List<List<String>> data = new ArrayList<>();
        int headerRows = 0;
        Set<Integer> groups = new HashSet<>();
        boolean seenData = false;
        for (List<String> r : rows) {
            if (r == null) {
                if (seenData && headerRows == 0) {
                    headerRows = data.size();
                }
                groups.add(data.size()); // a rule inside the body starts another tbody
                continue;
            }
            if (r.stream().allMatch(c -> c.isEmpty() || c.matches("<[lrc]?\\d*>"))) {
                for (int i = 0; i < r.size(); i++) {
                    char a = r.get(i).length() > 1 ? r.get(i).charAt(1) : ' ';
                    align[i] = a == 'l' ? "left" : a == 'r' ? "right" : a == 'c' ? "center" : align[i];
                }
                continue;
            }
            seenData = true;
            data.add(r);
        }
        if (headerRows == data.size()) {
            headerRows = 0; // a rule only at the end is no header
        }
        for (int col = 0; col < columns; col++) {
            if (align[col] == null) {
                boolean numeric = false;
                boolean all = true;
                for (int r = headerRows; r < data.size(); r++) {
                    String c = col < data.get(r).size() ? data.get(r).get(col) : "";
                    if (!c.isEmpty()) {
                        numeric = true;
                        all &= c.matches("[-+]?[\\d.,]+%?");
                    }
                }
                align[col] = numeric && all ? "right" : null;
            }
        }
        String figure = doc.caption;
        doc.caption = null;
        if (figure != null) {
            out.append("<figure>\n");
        }
        out.append("<table>\n");
        for (int r = 0; r < data.size(); r++) {
            if (r == 0 && headerRows > 0) {
                out.append("<thead>\n");
            }
            if (r == headerRows || r > headerRows && groups.contains(r)) {
                out.append(r == headerRows ? "" : "</tbody>\n").append("<tbody>\n");
            }
            out.append("<tr>\n");
            String cell = r < headerRows ? "th" : "td";
            for (int col = 0; col < columns; col++) {
                String c = col < data.get(r).size() ? data.get(r).get(col) : "";
                out.append('<').append(cell).append(align[col] == null ? "" : " class=\"align-" + align[col] + "\"")
                        .append('>').append(doc.inline.render(c)).append("</").append(cell).append(">\n");
            }
            out.append("</tr>\n");
            if (r == headerRows - 1) {
                out.append("</thead>\n");
            }
        }
        if (data.size() > headerRows) {
            out.append("</tbody>\n");
        }
        out.append("</table>\n");
        if (figure != null) {
            out.append("<figcaption>\n").append(doc.inline.render(figure)).append("\n</figcaption>\n</figure>\n");
        }
    }
}
