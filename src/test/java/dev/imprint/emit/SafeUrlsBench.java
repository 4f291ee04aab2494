package dev.imprint.emit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import dev.imprint.site.UrlSchemes;

/**
 * Benchmark of the last look at every page (not a test): runs {@link SafeUrls#clean} over every {@code .html} of a
 * built site, several rounds in one JVM, and prints the CPU time per page, beside what parsing every page would cost
 * and how many pages the prefilter lets skip the parse.
 *
 * <pre>
 * java -jar target/imprint.jar build --source /path/to/notes --out /tmp/site
 * mvn -q -o test-compile
 * java -cp target/classes:target/test-classes:target/imprint.jar dev.imprint.emit.SafeUrlsBench /tmp/site 6
 * </pre>
 */
public final class SafeUrlsBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "/tmp/site");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        List<String> pages = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                pages.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        long chars = pages.stream().mapToLong(String::length).sum();
        UrlSchemes schemes = new UrlSchemes(Set.of());
        SafeUrls safe = new SafeUrls(schemes);
        long parsed = pages.stream().filter(p -> UrlPrefilter.mayRefuse(p, schemes)).count();
        System.out.printf(Locale.ROOT, "%d pages, %.1f KB average; the prefilter sends %d to the parser%n",
                pages.size(), chars / 1024.0 / pages.size(), parsed);
        long sink = 0;
        for (int r = 1; r <= rounds; r++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            for (String page : pages) {
                sink += safe.clean(page, m -> { }).length();
            }
            double clean = (THREADS.getCurrentThreadCpuTime() - c0) / 1e3 / pages.size();
            long c1 = THREADS.getCurrentThreadCpuTime();
            for (String page : pages) {
                sink += safe.parsed(page, m -> { }).length();
            }
            double parse = (THREADS.getCurrentThreadCpuTime() - c1) / 1e3 / pages.size();
            System.out.printf(Locale.ROOT, "round %d: clean %7.1f us/page (cpu)   parse every page %7.1f us/page (cpu)%n",
                    r, clean, parse);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
