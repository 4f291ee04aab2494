package dev.imprint.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.imprint.pipeline.Builder;
import dev.imprint.source.BrokenLink;
import dev.imprint.source.Diagnostics;
import dev.imprint.source.Redact;
import dev.imprint.source.Snapshot;
import dev.imprint.source.SourceException;
import dev.imprint.source.SourceFile;
import dev.imprint.source.SourceRepository;
import dev.imprint.source.Warning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code imprint check}: builds in memory and reports problems like a compiler, for CI and pre-commit hooks. It
 * renders every page (the bytes dropped) and reads the same diagnostics as the build report, so it lists exactly
 * what {@code build --report} does.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Builds and renders the site in memory (nothing is written) and prints every warning and",
            "broken link a build report would list, as 'path:line: message', one per line.",
            "",
            "Exit status: 0 no broken links, 1 broken links (or, with --strict, any warning) or the",
            "source could not be read, 2 bad usage."})
public final class CheckCommand implements Callable<Integer> {
    private static final Pattern YAML_LINE = Pattern.compile("\\(line (\\d+)\\)");

    @Option(names = "--source", required = true, paramLabel = "<repo>", description = "The notes repository (path or URL).")
    String source;

    @Option(names = "--ref", paramLabel = "<ref>", description = "Branch, tag or commit. Default: HEAD.")
    String ref;

    @Option(names = "--strict", description = "Fail on warnings too, not only on broken links.")
    boolean strict;

    @Option(names = "--cache", paramLabel = "<dir>", description = "Where mirrors of remote repositories are kept.")
    Path cache;

    @Override
    public Integer call() {
        Path cacheDir = cache != null ? cache : BuildCommand.defaultCache();
        try (SourceRepository repo = SourceRepository.open(source, cacheDir.resolve("repos"))) {
            Snapshot snapshot = Snapshot.read(repo.repository(), repo.resolve(ref));
            Diagnostics diagnostics = new Builder(cacheDir).renderInMemory(snapshot).diagnostics();
            Map<String, SourceFile> files = new TreeMap<>();
            snapshot.notes().forEach(f -> files.put(f.path(), f));
            List<String> lines = new ArrayList<>();
            List<Warning> warnings = diagnostics.warnings();
            for (Warning w : warnings) {
                lines.add(w.path() + ":" + warningLine(w) + ": warning: " + w.message());
            }
            List<BrokenLink> broken = diagnostics.brokenLinks();
            for (BrokenLink b : broken) {
                SourceFile f = files.get(b.from());
                int line = f == null ? 1 : lineOf(snapshot, f, b.to());
                lines.add(b.from() + ":" + line + ": broken link: " + b.to() + " (" + b.reason() + ")");
            }
            lines.forEach(System.out::println);
            System.err.println(broken.size() + " broken link" + (broken.size() == 1 ? "" : "s") + ", "
                    + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s") + " in "
                    + snapshot.notes().size() + " notes");
            return !broken.isEmpty() || (strict && !warnings.isEmpty()) ? 1 : 0;
        } catch (SourceException e) {
            System.err.println("imprint: " + Redact.text(e.getMessage()));
            return 1;
        }
    }

    private static int warningLine(Warning w) {
        Matcher m = YAML_LINE.matcher(w.message());
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    /** The line where a link is written: the first occurrence of its destination (or wikilink target) in the file. */
    static int lineOf(Snapshot snapshot, SourceFile file, String destination) {
        String text = new String(snapshot.read(file.blob()), StandardCharsets.UTF_8);
        String needle = destination;
        if (needle.startsWith("![[") || needle.startsWith("[[")) {
            needle = needle.substring(0, needle.length() - 2); // "[[Note" also finds "[[Note|alias]]"
        } else if (needle.startsWith("tag:")) {
            needle = "#" + needle.substring(4);
        }
        int at = text.indexOf(needle);
        if (at < 0) {
            return 1;
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
