package dev.imprint.review;

import java.nio.charset.StandardCharsets;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The visible text of a generated page, in two parts a reviewer tells apart: its <em>own</em> text (a note's
 * title, header and body; a list page's heading and intro) and its <em>whole</em> text (everything in the page's
 * main region, so also Previously / Next, backlinks and lists). A page whose own text is the same but whose whole
 * text (or markup) changed only moved in the navigation. Compared as text, not HTML, as Read the Docs learned to.
 */
record PageText(String own, String whole) {
    static PageText of(byte[] html) {
        Document doc = Jsoup.parse(new String(html, StandardCharsets.UTF_8));
        doc.select("script, style, .imprint-preview").remove();
        Element main = doc.selectFirst("main");
        Element region = main != null ? main : doc.body();
        String whole = region == null ? "" : region.text();
        Element note = region == null ? null : region.selectFirst("article.note");
        String own;
        if (note != null) {
            Element copy = note.clone();
            copy.select("aside.backlinks").remove();
            own = copy.text();
        } else if (region != null) {
            StringBuilder sb = new StringBuilder();
            Element heading = region.selectFirst("h1");
            if (heading != null) {
                sb.append(heading.text());
            }
            for (Element intro : region.select(".intro")) {
                sb.append(sb.isEmpty() ? "" : " ").append(intro.text());
            }
            own = sb.toString();
        } else {
            own = "";
        }
        return new PageText(own, whole);
    }
}
