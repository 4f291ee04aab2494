package dev.imprint.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code [[#custom-id]]} and {@code [[*Headline text]]}: links to a headline of the same note. A link may come before
 * its headline, so each stands as a placeholder until the whole note is read; then it becomes a link to the
 * headline's anchor, or its text alone with a problem noted. These hrefs are the note's own anchors and so need no
 * LinkResolver.
 */
final class OrgInNoteLinks {
    /** NUL never reaches the HTML otherwise: {@link OrgInline#escape} replaces it. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\u0000(\\d+)\u0000");

    /** {@code :CUSTOM_ID:} (or headline-N) and headline text → anchor. */
    private final Map<String, String> customIds = new HashMap<>();
    private final Map<String, String> titles = new HashMap<>();
    /** Target and text HTML of each link, by placeholder number. */
    private final List<String[]> links = new ArrayList<>();

    /** The placeholder for a link to {@code target} ("#id" or "*Headline") showing {@code textHtml}. */
    String placeholder(String target, String textHtml) {
        links.add(new String[] {target, textHtml});
        return "\u0000" + (links.size() - 1) + "\u0000";
    }

    static boolean hasPlaceholder(String html) {
        return html.indexOf('\u0000') >= 0;
    }

    void headline(String anchor, String title) {
        customIds.putIfAbsent(anchor, anchor);
        titles.putIfAbsent(key(title), anchor);
    }

    /** {@code html} with its placeholders replaced; {@code problems} gets one sentence per unknown target. */
    String link(String html, List<String> problems) {
        if (links.isEmpty()) {
            return html;
        }
        Matcher m = PLACEHOLDER.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String[] link = links.get(Integer.parseInt(m.group(1)));
            m.appendReplacement(out, Matcher.quoteReplacement(anchor(link[0], link[1], problems)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String anchor(String target, String textHtml, List<String> problems) {
        boolean custom = target.startsWith("#");
        String anchor = custom ? customIds.get(target.substring(1)) : titles.get(key(target.substring(1)));
        if (anchor != null) {
            return "<a href=\"#" + OrgInline.escape(anchor) + "\">" + textHtml + "</a>";
        }
        String problem = "link [[" + target + "]] names " + (custom ? "no headline with that CUSTOM_ID" : "no headline")
                + " in this note";
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
        return textHtml;
    }

    /** How {@code [[*Headline]]} matches a headline: its text, whitespace collapsed. */
    private static String key(String title) {
        return title.strip().replaceAll("\\s+", " ");
    }
}
