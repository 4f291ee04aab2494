// Warm-process incremental builds (the service's case): one Builder, one repository, many one-note pushes.
//   java -cp target/imprint.jar tests/bench/IncrementalBench.java <generated repo> [rounds]
// Copies the repository, publishes it once (full), then for each round edits one note's body (or its title, or
// its date with -Dkinds=date),
// commits with the git CLI and times Builder.build to gh-pages. Prints each kind's median and p90.
import dev.imprint.pipeline.BuildReport;
import dev.imprint.pipeline.BuildRequest;
import dev.imprint.pipeline.Builder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

public class IncrementalBench {
    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path work = Files.createTempDirectory("imprint-incr-");
        Path repo = work.resolve("repo");
        git(work, "clone", "-q", source.toString(), repo.toString());
        List<Path> notes;
        try (Stream<Path> s = Files.walk(repo.resolve("content"))) {
            notes = s.filter(p -> p.getFileName().toString().startsWith("note-")).sorted().toList();
        }
        Builder builder = new Builder(work.resolve("cache"));
        BuildRequest request = new BuildRequest(repo.toString(), null, "gh-pages", null, null, null, false);
        long t0 = System.nanoTime();
        BuildReport first = builder.build(request);
        System.out.printf("notes=%d  first (full) build: %d ms, %d outputs%n", notes.size(), (System.nanoTime() - t0) / 1_000_000,
                first.pages().rendered());
        // the full build wrote the whole site; let the kernel flush that before timing one-note pushes, whose own
        // few writes would otherwise queue behind it (and the larger the site, the longer)
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        int warmup = Integer.getInteger("warmup", 10);
        for (String kind : List.of(System.getProperty("kinds", "body,title").split(","))) {
            List<Long> times = new ArrayList<>();
            List<Integer> rendered = new ArrayList<>();
            // the first -Dwarmup rounds (default 10) are not counted: they run before the JIT has compiled this
            // kind's paths, which a service that has been up a while has
            for (int i = -warmup; i < rounds; i++) {
                int n = i + warmup;
                Path note = notes.get((n * 7919 + switch (kind) { case "title" -> 13; case "date" -> 29; default -> 0; }) % notes.size());
                String text = Files.readString(note);
                switch (kind) {
                    case "body" -> text = text + "\nEdited in round " + n + ".\n";
                    case "title" -> text = text.replaceFirst("(?m)^title: .*$", "title: \"Retitled " + n + "\"");
                    // a new date moves the note in time: its neighbours, lists and feeds change (a whole-site plan)
                    case "date" -> text = text.replaceFirst("(?m)^date: .*$", "date: 2025-0" + (1 + n % 9) + "-1" + (n % 10));
                    default -> throw new IllegalArgumentException("kind: body, title or date");
                }
                Files.writeString(note, text);
                git(repo, "-c", "user.name=Bench", "-c", "user.email=b@b", "commit", "-qam", kind + " " + i);
                long start = System.nanoTime();
                BuildReport r = builder.build(request);
                if (i >= 0) {
                    times.add((System.nanoTime() - start) / 1_000_000);
                    rendered.add(r.pages().rendered());
                }
                if (!r.mode().equals("incremental")) {
                    throw new IllegalStateException("expected an incremental build, got " + r.mode());
                }
            }
            List<Long> sorted = new ArrayList<>(times);
            Collections.sort(sorted);
            System.out.printf("%-5s edit: median %d ms, p90 %d ms, min %d ms (rounds=%d, outputs rendered per build: median %d)%n",
                    kind, sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.9)), sorted.get(0), rounds,
                    rendered.stream().sorted().toList().get(rendered.size() / 2));
        }
        try (Stream<Path> s = Files.walk(work)) { // the copy of the repository and the cache
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed");
        }
    }
}
