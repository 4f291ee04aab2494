package dev.imprint.render;

import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.HtmlCommentBlock;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.ParserEmulationProfile;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a note body's code is, which {@link Shortcodes} leaves as written, and where its summary divider is: in
 * order, never overlapping. Markdown is parsed by flexmark (a hand-made guess at indented code and code spans would be
 * wrong inside lists); Org is read line by line, as go-org does: src, example and export blocks (a replacement in Org
 * would be wrong inside exported HTML), {@code :} lines, and {@code =verbatim=} and {@code ~code~} within a line.
 */
final class RawSpans {
    /** {@code [start, end)} of code, or of the divider's own text when {@code divider}. */
    record Span(int start, int end, boolean divider) {
    }

    static final String MARKDOWN_DIVIDER = "<!--more-->";
    static final String ORG_DIVIDER = "# more";

    private static final Parser MARKDOWN = Parser.builder(
            new MutableDataSet().setFrom(ParserEmulationProfile.COMMONMARK_0_29)).build();
    private static final Pattern ORG_BLOCK =
            Pattern.compile("#\\+(begin|end)_(src|example|export)\\b.*", Pattern.CASE_INSENSITIVE);
    /** go-org's emphasis borders: what may come before an opening marker and after a closing one. */
    private static final String PRE = " \t-('\"{";
    private static final String POST = " \t-.,:!?;'\")}[\\";

    private RawSpans() {
    }

    static List<Span> markdown(String text) {
        List<Span> spans = new ArrayList<>();
        boolean divided = false;
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(MARKDOWN.parse(text));
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (n instanceof FencedCodeBlock || n instanceof IndentedCodeBlock || n instanceof Code) {
                spans.add(new Span(n.getStartOffset(), n.getEndOffset(), false));
                continue;
            }
            if (n instanceof HtmlCommentBlock && !divided && n.getChars().trim().toString().equals(MARKDOWN_DIVIDER)) {
                int at = n.getStartOffset() + n.getChars().indexOf(MARKDOWN_DIVIDER);
                spans.add(new Span(at, at + MARKDOWN_DIVIDER.length(), true));
                divided = true;
                continue;
            }
            for (Node c = n.getLastChild(); c != null; c = c.getPrevious()) {
                stack.push(c);
            }
        }
        return spans;
    }

    static List<Span> org(String text) {
        List<int[]> lines = new ArrayList<>();
        for (int start = 0; start <= text.length(); ) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            lines.add(new int[] {start, end});
            start = end + 1;
        }
        // a #+begin_x without its #+end_x is no block (Org's rule); knowing the last end of each kind keeps it linear
        Map<String, Integer> lastEnd = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ORG_BLOCK.matcher(strip(text, lines.get(i)));
            if (m.matches() && m.group(1).equalsIgnoreCase("end")) {
                lastEnd.put(m.group(2).toLowerCase(Locale.ROOT), i);
            }
        }
        List<Span> spans = new ArrayList<>();
        boolean divided = false;
        for (int i = 0; i < lines.size(); i++) {
            int[] line = lines.get(i);
            String t = strip(text, line);
            Matcher m = ORG_BLOCK.matcher(t);
            if (m.matches() && m.group(1).equalsIgnoreCase("begin")
                    && lastEnd.getOrDefault(m.group(2).toLowerCase(Locale.ROOT), -1) > i) {
                String end = "#+end_" + m.group(2).toLowerCase(Locale.ROOT);
                int j = i + 1;
                while (!strip(text, lines.get(j)).toLowerCase(Locale.ROOT).startsWith(end)) {
                    j++;
                }
                spans.add(new Span(line[0], lines.get(j)[1], false));
                i = j;
            } else if (t.startsWith(":") && (t.length() == 1 || Character.isWhitespace(t.charAt(1)))) { // fixed-width
                spans.add(new Span(line[0], line[1], false));
            } else if (!divided && t.equals(ORG_DIVIDER)) {
                spans.add(new Span(line[0], line[1], true));
                divided = true;
            } else {
                verbatim(text, line[0], line[1], spans);
            }
        }
        return spans;
    }

    /**
     * {@code =verbatim=} and {@code ~code~} within one line. Whether a closing marker fits does not depend on the
     * opening one, so once a search for a marker fails, no later one on the line can succeed: linear.
     */
    private static void verbatim(String text, int from, int to, List<Span> spans) {
        boolean noEquals = false;
        boolean noTilde = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != '=' && c != '~' || (c == '=' ? noEquals : noTilde)
                    || i > from && PRE.indexOf(text.charAt(i - 1)) < 0
                    || i + 1 >= to || Character.isWhitespace(text.charAt(i + 1))) {
                continue;
            }
            int close = -1;
            for (int j = i + 2; j < to && close < 0; j++) {
                if (text.charAt(j) == c && !Character.isWhitespace(text.charAt(j - 1))
                        && (j + 1 == to || POST.indexOf(text.charAt(j + 1)) >= 0)) {
                    close = j;
                }
            }
            if (close < 0) {
                if (c == '=') {
                    noEquals = true;
                } else {
                    noTilde = true;
                }
                continue;
            }
            spans.add(new Span(i, close + 1, false));
            i = close;
        }
    }

    private static String strip(String text, int[] line) {
        return text.substring(line[0], line[1]).strip();
    }
}
