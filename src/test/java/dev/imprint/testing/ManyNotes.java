package dev.imprint.testing;

import java.nio.file.Path;

/** A notes repository of many small linked, tagged, dated notes in a few sections: real work for a build. */
public final class ManyNotes {
    private static final String[] SECTIONS = {"garden", "journal", "labnotes", "reading"};

    private ManyNotes() {
    }

    public static GitRepo create(Path dir, int count) {
        GitRepo repo = GitRepo.init(dir);
        repo.write("imprint.yml", "title: Many notes\nbase_url: https://notes.example.org/\n");
        for (int i = 0; i < count; i++) {
            repo.write(path(i), note(i, 0));
        }
        repo.commitAll(count + " notes");
        return repo;
    }

    public static String path(int i) {
        return "content/" + SECTIONS[i % SECTIONS.length] + "/" + (i % 3 == 0 ? "deep/" : "") + "note-" + i + ".md";
    }

    /** Note {@code i} in its {@code revision}: the title and body change with it, links and tags do not. */
    public static String note(int i, int revision) {
        return "---\ntitle: \"Note " + i + (revision == 0 ? "" : " (rev " + revision + ")") + "\"\ndate: 2024-"
                + String.format("%02d-%02d", 1 + i % 12, 1 + i % 28) + "\ntags: [t" + i % 7 + ", t" + i % 11 + "]\n---\n"
                + "# Heading of " + i + "\n\nSome text about " + i + ", see [[note-" + (i * 7 + 1) % Math.max(1, i + 1)
                + "]] and [[note-" + (i + 4) % 1000 + "]].\n\n## Part two\n\n"
                + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(1 + i % 5)
                + "\n\n- one\n- two " + revision + "\n";
    }
}
