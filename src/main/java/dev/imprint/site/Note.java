package dev.imprint.site;

import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.imprint.render.ParsedNote;
import dev.imprint.source.SourceFile;

/**
 * A published note in the site model.
 *
 * @param path the output path of its page, e.g. {@code til/vim/note/index.html}
 * @param section the first folder under the content root, or null for notes at the root
 * @param date front matter {@code date}, else the commit that created the file
 * @param lastmod front matter {@code lastmod}, else the last commit that changed the file
 * @param contributors the file's commit authors, most commits first
 */
public record Note(SourceFile file, ParsedNote parsed, String path, String title, ZonedDateTime date,
                   ZonedDateTime lastmod, List<String> tags, String section, String summary, List<String> aliases,
                   int weight, Map<String, Object> params, List<String> contributors) {

    /** Front matter {@code subtitle} (Org's {@code #+subtitle}, Hugo's key), shown with the title; or null. */
    public String subtitle() {
        return params.get("subtitle") instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    /** What other pages show of this note when they name it (Previously / Next, backlinks): title and subtitle. */
    public List<String> shown() {
        return Arrays.asList(title, subtitle());
    }

    public boolean dated() {
        return date != null;
    }

    /** The date as a reader sees it, e.g. 2024-07-24, in the zone the date was written in. */
    public String day() {
        return date == null ? null : date.toLocalDate().toString();
    }

    public String updatedDay() {
        return lastmod == null ? null : lastmod.toLocalDate().toString();
    }

    /**
     * What the rest of the site sees of this note: where it is, its name, its place in time, sections and tags, what
     * it links to and the headings (and Org ids) others can link to. The site's structure (order, lists, link resolution,
     * backlinks) and every other page's view of this note follow from shapes alone; everything else about the note
     * (body, summary, lastmod, contributors) is read only by the outputs that declare it
     * ({@code Output.reads}). Two notes of equal shape are interchangeable for everyone else.
     */
    public List<Object> shape() {
        return Arrays.asList(file.path(), file.contentPath(), path, title, date, tags, section, aliases, weight,
                parsed.destinations(), parsed.images(), parsed.markdown().headings(), parsed.ids());
    }

    /**
     * The part of the {@link #shape()} the site's structure is made from: all of it but the title of a dated note.
     * (Undated notes are ordered by title.) A note whose title alone changed keeps the site's structure; the
     * outputs that show its title ({@code Output.shows}) are planned again.
     */
    public List<Object> structure() {
        return Arrays.asList(file.path(), file.contentPath(), path, date == null ? title : null, date, tags,
                section, aliases, weight, parsed.destinations(), parsed.images(), parsed.markdown().headings(),
                parsed.ids());
    }

    /** Identity: every instance is one note of one build; comparing contents would be slow and never needed. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
