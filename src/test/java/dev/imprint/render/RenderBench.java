package dev.imprint.render;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Markdown-stage benchmark (not a test): parses every {@code .md} under a folder with {@link NoteParser#parse(byte[])},
 * several rounds in one JVM, and prints milliseconds per round and per note (wall and thread CPU). Round 1 is the cold number.
 *
 * <pre>
 * java tests/bench/GenerateNotes.java /tmp/md-bench 1000
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) dev.imprint.render.RenderBench /tmp/md-bench 6
 * </pre>
 */
public final class RenderBench {

    /** The machine is shared: CPU time of the rendering thread is a steadier measure than wall time. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "/tmp/md-bench");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        List<byte[]> notes = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".md") && !f.toString().contains("/.git/")).sorted().toList()) {
                notes.add(Files.readAllBytes(p));
            }
        }
        long bytes = notes.stream().mapToLong(b -> b.length).sum();
        System.out.printf(Locale.ROOT, "%d notes, %.1f KB average%n", notes.size(), bytes / 1024.0 / notes.size());
        long sink = 0;
        for (int r = 1; r <= rounds; r++) {
            long t0 = System.nanoTime();
            long c0 = THREADS.getCurrentThreadCpuTime();
            NoteParser parser = new NoteParser(false);
            for (byte[] note : notes) {
                sink += parser.parse(note).markdown().html().length();
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            double cpu = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
            System.out.printf(Locale.ROOT, "round %d: wall %7.1f ms  cpu %7.1f ms  %.3f ms/note (cpu)  %.1f MB/s (cpu)%n",
                    r, ms, cpu, cpu / notes.size(), bytes / 1048576.0 / (cpu / 1000));
        }
        System.out.println("(checksum " + sink + ")");
    }
}
