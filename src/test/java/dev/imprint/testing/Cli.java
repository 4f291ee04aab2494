package dev.imprint.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.imprint.cli.Main;

/** Runs the imprint command line in-process and captures what it prints. */
public final class Cli {
    public record Result(int exit, String out, String err) {
    }

    private Cli() {
    }

    /** {@code imprint build --source SOURCE --cache CACHE} and the {@code extra} arguments. */
    public static Result build(Path source, Path cache, String... extra) {
        List<String> args = new ArrayList<>(List.of("build", "--source", source.toString(), "--cache", cache.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    public static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.run(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /**
     * Runs {@code imprint build args... --report report}, asserts that it succeeded (its stderr says why not) and
     * returns the report it wrote: where site tests find warnings and broken links.
     */
    public static JsonNode buildReport(Path report, String... args) throws IOException {
        List<String> build = new ArrayList<>(List.of("build"));
        build.addAll(List.of(args));
        build.addAll(List.of("--report", report.toString()));
        Result r = run(build.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return new ObjectMapper().readTree(report.toFile());
    }
}
