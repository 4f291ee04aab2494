package dev.imprint.emit;

import java.util.List;
import java.util.Map;

import dev.imprint.site.Note;

/**
 * One page of a list of notes cut into pages of {@code pagination.page_size} (Hugo's paginator and URLs): page 1 at
 * the list's own path ({@code til/index.html}), page N at {@code til/page/N/index.html}. A page is made from its own
 * notes, its number and the page count alone, so an edit of one note re-plans the one page that shows it.
 *
 * @param first the list's own path, ending in {@code index.html}
 * @param number this page's number, from 1
 * @param count how many pages the list has (at least 1: an empty list is one empty page)
 * @param notes the notes this page shows, newest first
 */
record ListPage(String first, int number, int count, List<Note> notes) {
    /** Page {@code number} of {@code all} cut into pages of {@code size}, or null when there is no such page. */
    static ListPage of(String first, List<Note> all, int size, int number) {
        int count = count(all.size(), size);
        if (number < 1 || number > count) {
            return null;
        }
        int from = (number - 1) * size;
        return new ListPage(first, number, count, all.subList(from, Math.min(all.size(), from + size)));
    }

    static int count(int notes, int size) {
        return Math.max(1, (notes + size - 1) / size);
    }

    /** The path of page {@code number} of the list at {@code first}. */
    static String path(String first, int number) {
        return number == 1 ? first : first.substring(0, first.length() - "index.html".length()) + "page/" + number
                + "/index.html";
    }

    String path() {
        return path(first, number);
    }

    /** The page's title: the list's, and its number after the first. */
    String title(String title) {
        return number == 1 ? title : title + " · Page " + number;
    }

    /** What list.peb's pager shows: {number, count, newer, older} (paths from the root, or null); null for one page. */
    Map<String, Object> pager() {
        if (count == 1) {
            return null;
        }
        return EmitContext.map("number", number, "count", count, "newer", number > 1 ? path(first, number - 1) : null,
                "older", number < count ? path(first, number + 1) : null);
    }
}
