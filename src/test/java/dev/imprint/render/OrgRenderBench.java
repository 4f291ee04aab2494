package dev.imprint.render;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Org against Markdown at the note-parsing stage (not a test): reads every {@code .md} and {@code .org} under the
 * given folders, parses each with {@link NoteParser#parse(byte[])} or {@link NoteParser#parseOrg(byte[])}, several
 * rounds in one JVM, and prints per format the thread-CPU time of the cold first round, the median of the warm
 * rounds, µs per note and MB/s, then the Org/Markdown ratio of CPU per byte. With {@code --only org} the Markdown
 * files are ignored (a real Org corpus such as kisaragi-hiu's, whose two {@code .md} files are not its notes).
 *
 * <pre>
 * java tests/bench/GenerateNotes.java /tmp/md 2000 &amp;&amp; java tests/bench/GenerateNotes.java /tmp/org 2000 42 --org
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) dev.imprint.render.OrgRenderBench /tmp/md /tmp/org
 * java -cp ... dev.imprint.render.OrgRenderBench --only org --rounds 15 /tmp/kisaragi/content
 * </pre>
 *
 * Besides the readable table, each format ends with one {@code result format=… key=value…} line for scripts.
 */
public final class OrgRenderBench {

    /** The machine is shared: CPU time of the parsing thread is a steadier measure than wall time. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** One format's notes, the parse to time, and the CPU milliseconds of each round. */
    private static final class Format {
        final String name;
        final List<byte[]> notes = new ArrayList<>();
        final Function<NoteParser, Function<byte[], ParsedNote>> parse;
        final List<Double> cpuMs = new ArrayList<>();
        long bytes;

        Format(String name, Function<NoteParser, Function<byte[], ParsedNote>> parse) {
            this.name = name;
            this.parse = parse;
        }

        double warmMedian() {
            double[] warm = cpuMs.stream().skip(1).mapToDouble(Double::doubleValue).sorted().toArray();
            if (warm.length == 0) {
                return cpuMs.get(0);
            }
            int mid = warm.length / 2;
            return warm.length % 2 == 1 ? warm[mid] : (warm[mid - 1] + warm[mid]) / 2;
        }

        /** Warm CPU nanoseconds per byte: what the ratio compares. */
        double nsPerByte() {
            return warmMedian() * 1e6 / bytes;
        }
    }

    public static void main(String[] args) throws IOException {
        int rounds = 8;
        String only = null;
        List<Path> roots = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                default -> roots.add(Path.of(args[i]));
            }
        }
        if (roots.isEmpty() || rounds < 1 || only != null && !only.equals("org") && !only.equals("markdown")) {
            System.err.println("usage: OrgRenderBench [--rounds N] [--only org|markdown] <folder>...");
            System.exit(2);
        }
        Format markdown = new Format("markdown", p -> p::parse);
        Format org = new Format("org", p -> p::parseOrg);
        for (Path root : roots) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/.git/"))
                        .sorted().toList()) {
                    String name = p.getFileName().toString();
                    Format f = name.endsWith(".md") ? markdown : name.endsWith(".org") ? org : null;
                    if (f != null && (only == null || only.equals(f.name))) {
                        byte[] b = Files.readAllBytes(p);
                        f.notes.add(b);
                        f.bytes += b.length;
                    }
                }
            }
        }
        List<Format> formats = Stream.of(markdown, org).filter(f -> !f.notes.isEmpty()).toList();
        if (formats.isEmpty()) {
            System.err.println("OrgRenderBench: no .md or .org files under " + roots);
            System.exit(1);
        }

        long sink = 0;
        for (int r = 1; r <= rounds; r++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %2d:", r));
            // alternate which format goes first, so neither always runs right after a GC or a JIT burst
            List<Format> order = new ArrayList<>(formats);
            if (r % 2 == 0) {
                Collections.reverse(order);
            }
            for (Format f : order) {
                NoteParser parser = new NoteParser(false);
                Function<byte[], ParsedNote> parse = f.parse.apply(parser);
                long c0 = THREADS.getCurrentThreadCpuTime();
                for (byte[] note : f.notes) {
                    sink += parse.apply(note).markdown().html().length();
                }
                double cpu = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
                f.cpuMs.add(cpu);
                line.append(String.format(Locale.ROOT, "  %-8s %8.1f ms", f.name, cpu));
            }
            System.out.println(line);
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "%-8s %7s %7s %9s %9s %9s %8s%n",
                "format", "notes", "avg KB", "cold ms", "warm ms", "µs/note", "MB/s");
        for (Format f : formats) {
            double warm = f.warmMedian();
            double usPerNote = warm * 1000 / f.notes.size();
            double mbps = f.bytes / 1048576.0 / (warm / 1000);
            double kb = f.bytes / 1024.0 / f.notes.size();
            System.out.printf(Locale.ROOT, "%-8s %7d %7.2f %9.1f %9.1f %9.1f %8.2f%n",
                    f.name, f.notes.size(), kb, f.cpuMs.get(0), warm, usPerNote, mbps);
        }
        for (Format f : formats) {
            double warm = f.warmMedian();
            System.out.printf(Locale.ROOT,
                    "result format=%s notes=%d avg_kb=%.2f cold_ms=%.1f warm_ms=%.1f us_per_note=%.1f mb_per_s=%.2f%n",
                    f.name, f.notes.size(), f.bytes / 1024.0 / f.notes.size(), f.cpuMs.get(0), warm,
                    warm * 1000 / f.notes.size(), f.bytes / 1048576.0 / (warm / 1000));
        }
        if (formats.size() == 2) {
            double ratio = org.nsPerByte() / markdown.nsPerByte();
            System.out.printf(Locale.ROOT, "org/markdown CPU per byte (warm): %.2f   (per note: %.2f)%n", ratio,
                    org.warmMedian() / org.notes.size() / (markdown.warmMedian() / markdown.notes.size()));
            System.out.printf(Locale.ROOT, "result ratio_per_byte=%.2f%n", ratio);
        }
        // printing the checksum keeps the JIT from dropping the parses
        System.out.println("(checksum " + sink + ", " + rounds + " rounds, thread CPU time)");
    }
}
