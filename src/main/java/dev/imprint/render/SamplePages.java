package dev.imprint.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small page of each kind, shaped like what the emitters pass, for trying a repository's template once
 * ({@link Templates#runaway}). Fixed, not taken from the site, so the outcome depends only on the template.
 */
final class SamplePages {
    private SamplePages() {
    }

    static Map<String, Object> context(String template) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("site", map("title", "Notes", "author", "Ada", "description", "A sample.", "language", "en"));
        page.put("root", "../../");
        page.put("pageTitle", "Sample · Notes");
        page.put("sections", List.of(map("name", "a", "title", "A", "url", "a/index.html")));
        page.put("head", null);
        page.put("feed", "feed.xml");
        Map<String, Object> ref = map("title", "Other", "section", "a", "url", "a/other/index.html");
        Map<String, Object> item = map("title", "Sample", "url", "a/sample/index.html", "date", "2024-07-24",
                "section", "a", "summary", "A sample note.");
        switch (template) {
            case "note.peb" -> page.put("note", map("title", "Sample", "section", "a", "sectionUrl", "a/index.html",
                    "date", "2024-07-24", "updated", "2024-08-01", "contributors", List.of("Ada"),
                    "tags", List.of(map("name", "t", "url", "tags/t.html")),
                    "toc", List.of(map("level", 2, "id", "one", "text", "One"), map("level", 3, "id", "two", "text", "Two")),
                    "html", "<p>Sample.</p><h2 id=\"one\">One</h2><h3 id=\"two\">Two</h3>",
                    "prev", ref, "next", ref, "backlinks", List.of(ref)));
            case "list.peb", "home.peb" -> {
                page.put("heading", "A");
                page.put("intro", "<p>Intro.</p>");
                page.put("notes", List.of(item, item));
                if (template.equals("list.peb")) { // page 2 of 3: both pager links
                    page.put("pager", map("number", 2, "count", 3, "newer", "a/index.html", "older",
                            "a/page/3/index.html"));
                }
            }
            case "tags.peb" -> page.put("tags", List.of(map("name", "t", "url", "tags/t.html", "count", 2)));
            default -> {
                // base.peb and 404.peb need only the page
            }
        }
        return page;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
