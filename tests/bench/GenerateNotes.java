import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Generates a deterministic Git repository of Markdown notes for benchmarking Imprint.
 *
 * <pre>
 *   java tests/bench/GenerateNotes.java &lt;dir&gt; &lt;count&gt; [seed] [--org]
 * </pre>
 *
 * {@code --org} writes the same notes (same random choices, titles, dates, links) in Org syntax
 * as {@code .org} files, so Markdown and Org cost can be compared note for note.
 *
 * Layout: {@code imprint.yml}, {@code content/<section>/_index.md} for 10 sections and
 * {@code content/<section>/[<subfolder>/]note-00042.md} for notes 1..count. Everything is
 * committed in a single commit on {@code main} with fixed author/committer identity and dates,
 * so the same (count, seed) always yields the same commit id.
 *
 * JDK only; every random choice is derived from (seed, note number), so a note's content does
 * not depend on generation order (notes are generated in parallel) or on the JDK version
 * ({@link java.util.Random} is fully specified).
 */
public final class GenerateNotes {

    static final String[] SECTIONS = {
        "algorithms", "baking", "databases", "essays", "fieldwork",
        "gardening", "journal", "networking", "reading", "travel"
    };
    static final String[] SUBFOLDERS = {"archive", "series", "misc"};

    static final String[] TAGS = {
        "java", "python", "rust", "git", "linux", "sql", "postgres", "caching", "testing", "performance",
        "security", "networking", "dns", "http", "compilers", "parsing", "graphs", "sorting", "hashing", "concurrency",
        "bread", "sourdough", "fermentation", "coffee", "tea", "gardening", "compost", "tomatoes", "birds", "hiking",
        "maps", "trains", "cycling", "photography", "books", "poetry", "history", "philosophy", "writing", "habits",
        "notes", "tools", "design", "typography", "music", "math", "statistics", "teaching", "meetings", "weekly-review"
    };

    static final String[] WORDS = (
        "the a an of to in on for with by from about into over under after before between through during "
        + "and or but so yet because while although if when then also still often rarely always never "
        + "note notes idea ideas draft system pattern measure result experiment sample batch window queue "
        + "index cache page link graph tree branch commit build render template section folder title date "
        + "tag list table heading paragraph sentence word letter file path tool habit review question answer "
        + "river field garden kitchen station bridge harbour valley forest meadow cellar attic library market "
        + "morning evening winter summer autumn spring weather rain fog frost light shadow signal noise "
        + "small large quiet careful rough steady slow fast narrow wide simple subtle obvious strange useful "
        + "fragile stable early late warm cold bright dim honest clear vague dense sparse odd familiar "
        + "write read test compare count sort merge split fold bake prune plant walk watch notice record "
        + "measure guess check explain forget remember keep drop move rename publish revisit connect "
        + "seems turns holds breaks works fails grows changes matters helps costs takes leaves shows "
        + "café naïve façade déjà-vu über résumé"
    ).split(" ");

    static final String[][] CODE = {
        {"java", "static int median(int[] xs) {\n    int[] copy = xs.clone();\n    java.util.Arrays.sort(copy);\n    return copy[copy.length / 2];\n}"},
        {"python", "def moving_average(xs, k=3):\n    out = []\n    for i in range(len(xs) - k + 1):\n        out.append(sum(xs[i:i + k]) / k)\n    return out"},
        {"bash", "for f in notes/*.md; do\n  words=$(wc -w < \"$f\")\n  printf '%6d %s\\n' \"$words\" \"$f\"\ndone | sort -n | tail -5"},
        {"sql", "SELECT tag, count(*) AS n\nFROM note_tags\nGROUP BY tag\nHAVING count(*) > 3\nORDER BY n DESC, tag;"},
        {"yaml", "schedule:\n  feed: \"08:00\"\n  fold: [\"09:00\", \"09:30\", \"10:00\"]\n  bake:\n    temperature: 240\n    minutes: 40"},
        {"json", "{\n  \"sample\": 12,\n  \"mean\": 4.25,\n  \"notes\": [\"rain\", \"late frost\"]\n}"},
    };

    // Fixed commit identity and timestamp -> deterministic commit id.
    static final String GIT_DATE = "1704067200 +0000"; // 2024-01-01T00:00:00Z
    static final LocalDate FIRST_DAY = LocalDate.of(2014, 1, 1);
    static final int DAY_SPAN = 365 * 10; // dates spread over ~10 years

    final long seed;
    final int count;
    final int width;
    final Path root;
    final boolean org;
    final String ext;         // ".md" or ".org"
    final String[] relPaths;  // "section/[sub/]note-00042.md", index = note number
    final String[] titles;

    GenerateNotes(Path root, int count, long seed, boolean org) {
        this.root = root;
        this.count = count;
        this.seed = seed;
        this.org = org;
        this.ext = org ? ".org" : ".md";
        this.width = Math.max(5, Integer.toString(count).length());
        this.relPaths = new String[count + 1];
        this.titles = new String[count + 1];
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>(List.of(args));
        boolean org = positional.remove("--org");
        if (positional.size() < 2 || positional.size() > 3) {
            System.err.println("usage: java GenerateNotes.java <dir> <count> [seed] [--org]");
            System.exit(2);
        }
        Path dir = Path.of(positional.get(0)).toAbsolutePath().normalize();
        int count = Integer.parseInt(positional.get(1));
        long seed = positional.size() == 3 ? Long.parseLong(positional.get(2)) : 42L;
        if (count < 1) throw new IllegalArgumentException("count must be >= 1");
        if (Files.exists(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    System.err.println("error: " + dir + " exists and is not empty");
                    System.exit(1);
                }
            }
        }
        new GenerateNotes(dir, count, seed, org).run();
    }

    void run() throws Exception {
        long t0 = System.nanoTime();
        plan();
        writeFiles();
        long t1 = System.nanoTime();
        git("init", "-q", "-b", "main");
        git("add", "-A");
        long t2 = System.nanoTime();
        git("-c", "user.name=Bench", "-c", "user.email=bench@localhost",
            "commit", "-q", "--no-verify", "-m", "Generate " + count + (org ? " Org" : "") + " notes (seed " + seed + ")");
        long t3 = System.nanoTime();
        String head = gitOutput("rev-parse", "HEAD").trim();
        System.out.printf("generated %d %s notes in %s (seed %d)%n", count, org ? "Org" : "Markdown", root, seed);
        System.out.printf("write %d ms, git init+add %d ms, git commit %d ms, total %d ms%n",
            ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t3 - t0));
        System.out.println("commit " + head);
    }

    static long ms(long nanos) { return nanos / 1_000_000; }

    /** Decides every note's location and title up front, so notes can link to each other. */
    void plan() {
        for (int i = 1; i <= count; i++) {
            Random r = rnd(i, 1);
            String section = SECTIONS[r.nextInt(SECTIONS.length)];
            String sub = r.nextInt(100) < 60 ? SUBFOLDERS[r.nextInt(SUBFOLDERS.length)] + "/" : "";
            relPaths[i] = section + "/" + sub + noteName(i) + ext;
            titles[i] = title(r);
        }
    }

    String noteName(int i) {
        String n = Integer.toString(i);
        return "note-" + "0".repeat(Math.max(0, width - n.length())) + n;
    }

    void writeFiles() throws IOException {
        Path content = root.resolve("content");
        for (String s : SECTIONS) {
            for (String sub : SUBFOLDERS) Files.createDirectories(content.resolve(s).resolve(sub));
            write(content.resolve(s).resolve("_index" + ext), org
                ? "#+title: " + cap(s) + "\n#+description: Generated notes about " + s + ".\n\n"
                    + "Section intro for *" + s + "*. Generated for benchmarking.\n"
                : "---\ntitle: \"" + cap(s) + "\"\ndescription: \"Generated notes about " + s + ".\"\n---\n\n"
                    + "Section intro for **" + s + "**. Generated for benchmarking.\n");
        }
        write(root.resolve("imprint.yml"),
            "# Generated by tests/bench/GenerateNotes.java (count " + count + ", seed " + seed + (org ? ", org" : "") + ")\n"
                + "title: Benchmark notes\n"
                + "author: Bench\n"
                + "description: " + count + " generated notes\n"
                + "base_url: https://example.org/bench/\n"
                + "language: en\n"
                + "timezone: UTC\n"
                + "raw_html: sanitize\n"
                + "home_notes: 10\n"
                + "publish:\n  author_name: Imprint\n  author_email: imprint@localhost\n");
        IntStream.rangeClosed(1, count).parallel().forEach(i -> {
            try {
                write(content.resolve(relPaths[i]), note(i));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** One write per file: content is built in memory, then written in a single call. */
    static void write(Path p, String text) throws IOException {
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Note {@code i}. Markdown and Org take the same random draws in the same order (Org ignores the tag
     * style), so the two outputs are the same note in two syntaxes.
     */
    String note(int i) {
        Random r = rnd(i, 2);
        StringBuilder sb = new StringBuilder(3000);

        // --- front matter
        if (!org) sb.append("---\n");
        sb.append(org ? "#+title: " : "title: \"").append(titles[i]).append(org ? "\n" : "\"\n");
        // Neighbouring notes share a date now and then (ties), on top of random collisions.
        Random dr = rnd(r.nextInt(100) < 8 && i > 1 ? i - 1 : i, 3);
        LocalDate date = FIRST_DAY.plusDays(dr.nextInt(DAY_SPAN));
        String dateKey = org ? "#+date: " : "date: ";
        if (dr.nextInt(100) < 25) {
            sb.append(dateKey).append(date).append(String.format("T%02d:%02d:00Z", dr.nextInt(24), dr.nextInt(4) * 15)).append('\n');
        } else {
            sb.append(dateKey).append(date).append('\n');
        }
        if (r.nextInt(100) < 10) {
            sb.append(org ? "#+lastmod: " : "lastmod: ").append(date.plusDays(1 + r.nextInt(400))).append('\n');
        }
        List<String> tags = pickTags(r);
        int tagStyle = r.nextInt(10);
        if (org) {                      // Hugo's Org spelling: a whitespace-separated list
            sb.append("#+tags[]: ").append(String.join(" ", tags)).append('\n');
        } else if (tagStyle == 0) {     // comma string
            sb.append("tags: ").append(String.join(", ", tags)).append('\n');
        } else if (tagStyle <= 2) {     // block list
            sb.append("tags:\n");
            for (String t : tags) sb.append("  - ").append(t).append('\n');
        } else {                        // flow list
            sb.append("tags: [").append(String.join(", ", tags)).append("]\n");
        }
        if (r.nextInt(100) < 2) sb.append(org ? "#+draft: true\n" : "draft: true\n");
        sb.append(org ? "\n" : "---\n\n");

        // --- body
        int links = 2;
        paragraph(sb, r, 3 + r.nextInt(2), i, r.nextBoolean() && links-- > 0);
        int headings = 2 + r.nextInt(3);
        int listAt = r.nextInt(headings);
        int codeAt = i % 5 == 0 ? r.nextInt(headings) : -1;
        boolean lastWasH2 = false;
        for (int h = 0; h < headings; h++) {
            boolean h3 = lastWasH2 && r.nextInt(100) < 45;
            String marker = org ? (h3 ? "** " : "* ") : (h3 ? "### " : "## ");
            sb.append(marker).append(cap(phrase(r, 2 + r.nextInt(3)))).append("\n\n");
            lastWasH2 = !h3;
            paragraph(sb, r, 3 + r.nextInt(3), i, links > 0 && (h == headings - 1 || r.nextInt(3) == 0) && links-- > 0);
            if (h == listAt) list(sb, r);
            if (h == codeAt) {
                String[] c = CODE[r.nextInt(CODE.length)];
                if (org) {
                    sb.append("#+begin_src ").append(c[0]).append('\n').append(c[1]).append("\n#+end_src\n\n");
                } else {
                    sb.append("```").append(c[0]).append('\n').append(c[1]).append("\n```\n\n");
                }
            }
            if (r.nextInt(3) == 0) paragraph(sb, r, 2 + r.nextInt(3), i, false);
        }
        while (links-- > 0) {
            sb.append("Related: ").append(link(i, r)).append(".\n\n");
        }
        if (i % 10 == 7) {
            int o = other(i, r);
            if (org) {  // Org has no wikilinks: the generator knows every path, so a file: link
                sb.append("See also [[file:").append(relative(i, o)).append("][").append(noteName(o)).append("]].\n");
            } else {
                sb.append("See also [[").append(noteName(o)).append("]].\n");
            }
        }
        return sb.toString();
    }

    void paragraph(StringBuilder sb, Random r, int sentences, int self, boolean withLink) {
        int linkAt = withLink ? r.nextInt(sentences) : -1;
        for (int s = 0; s < sentences; s++) {
            if (s > 0) sb.append(' ');
            String sentence = phrase(r, 8 + r.nextInt(10));
            sb.append(Character.toUpperCase(sentence.charAt(0))).append(sentence, 1, sentence.length());
            if (s == linkAt) sb.append(", as in ").append(link(self, r));
            if (r.nextInt(12) == 0) sb.append(org ? " (/" : " (*").append(WORDS[r.nextInt(WORDS.length)]).append(org ? "/)" : "*)");
            sb.append(r.nextInt(15) == 0 ? '?' : '.');
        }
        sb.append("\n\n");
    }

    void list(StringBuilder sb, Random r) {
        boolean ordered = r.nextInt(3) == 0;
        int items = 3 + r.nextInt(3);
        for (int k = 1; k <= items; k++) {
            sb.append(ordered ? k + ". " : "- ");
            if (r.nextInt(5) == 0) sb.append(org ? "*" : "**").append(phrase(r, 2)).append(org ? "*: " : "**: ");
            sb.append(phrase(r, 4 + r.nextInt(8))).append('\n');
        }
        sb.append('\n');
    }

    /** A relative link from note {@code self} to another note: [Title](../baking/note-00017.md) or its Org form. */
    String link(int self, Random r) {
        int o = other(self, r);
        String rel = relative(self, o);
        return org ? "[[file:" + rel + "][" + titles[o] + "]]" : "[" + titles[o] + "](" + rel + ")";
    }

    /** The path of note {@code to} relative to note {@code from}'s folder. */
    String relative(int from, int to) {
        Path dir = Path.of(relPaths[from]).getParent();
        return dir.relativize(Path.of(relPaths[to])).toString().replace('\\', '/');
    }

    int other(int self, Random r) {
        if (count == 1) return self;
        int o = 1 + r.nextInt(count - 1);
        return o >= self ? o + 1 : o;
    }

    List<String> pickTags(Random r) {
        int n = 1 + r.nextInt(4);
        List<String> tags = new ArrayList<>(n);
        while (tags.size() < n) {
            // Skewed towards the first tags, like real tag usage.
            int idx = (int) (TAGS.length * Math.pow(r.nextDouble(), 1.6));
            String t = TAGS[Math.min(idx, TAGS.length - 1)];
            if (!tags.contains(t)) tags.add(t);
        }
        return tags;
    }

    static String title(Random r) {
        return cap(phrase(r, 3 + r.nextInt(4)));
    }

    static String phrase(Random r, int words) {
        StringBuilder sb = new StringBuilder(words * 7);
        for (int w = 0; w < words; w++) {
            if (w > 0) sb.append(' ');
            sb.append(WORDS[r.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Independent, well-mixed random stream per (seed, note, purpose). */
    Random rnd(int note, int salt) {
        return new Random(splitmix(splitmix(seed) ^ (note * 0x9E3779B97F4A7C15L) ^ salt));
    }

    static long splitmix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // --- git

    void git(String... args) throws IOException, InterruptedException {
        Process p = gitProcess(args).inheritIO().start();
        if (p.waitFor() != 0) throw new IOException("git " + String.join(" ", args) + " failed");
    }

    String gitOutput(String... args) throws IOException, InterruptedException {
        Process p = gitProcess(args).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("git " + String.join(" ", args) + " failed");
        return out;
    }

    ProcessBuilder gitProcess(String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString(),
            // Neutralise user config that would change content or the commit object.
            "-c", "core.autocrlf=false", "-c", "core.safecrlf=false", "-c", "commit.gpgsign=false",
            "-c", "core.hooksPath=/dev/null", "-c", "core.looseCompression=1"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        for (String k : List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_AUTHOR_NAME",
                "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL")) {
            env.remove(k);
        }
        env.put("GIT_AUTHOR_DATE", GIT_DATE);
        env.put("GIT_COMMITTER_DATE", GIT_DATE);
        return pb;
    }
}
