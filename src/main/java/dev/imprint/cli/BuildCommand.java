package dev.imprint.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.imprint.pipeline.BuildReport;
import dev.imprint.pipeline.BuildRequest;
import dev.imprint.pipeline.Builder;
import dev.imprint.source.Redact;
import dev.imprint.source.SourceException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code imprint build}: one commit of a notes repository → a site on a branch or in a directory. */
@Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Builds the site of one commit of a notes repository and commits it to a publishing branch,",
            "or writes it to a directory. Reads the repository's objects directly: no checkout, no work tree.",
            "",
            "Exit status: 0 built (warnings allowed) or skipped (the branch already shows a newer commit),",
            "1 could not build (no such repository or ref, unreadable imprint.yml, publish refused), 2 bad usage."},
        footer = {"",
            "Examples:",
            "  imprint build --source . --branch gh-pages",
            "  imprint build --source https://example.org/notes.git --ref main --branch gh-pages",
            "  imprint build --source ~/notes --out /tmp/site --report /tmp/report.json"})
public final class BuildCommand implements Callable<Integer> {
    @Option(names = "--source", required = true, paramLabel = "<repo>",
            description = "The notes repository: a path (bare or not) or a Git URL (mirrored into the cache).")
    String source;

    @Option(names = "--ref", paramLabel = "<ref>",
            description = "Branch, tag or commit to build. Default: the repository's default branch (HEAD).")
    String ref;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--branch", paramLabel = "<name>",
                description = "Commit the site on this branch (e.g. gh-pages) of the source repository, or of --publish-to.")
        String branch;

        @Option(names = "--out", paramLabel = "<dir>",
                description = "Write the site to this directory instead (same files as the branch).")
        Path out;
    }

    @Option(names = "--publish-to", paramLabel = "<repo>",
            description = "With --branch: the repository (path or URL) that holds the branch. Default: the source.")
    String publishTo;

    @Option(names = "--base-url", paramLabel = "<url>",
            description = "The site's public URL, for feeds and the sitemap. Overrides base_url in imprint.yml.")
    String baseUrl;

    @Option(names = "--full", description = "Parse every note and render every page, ignoring the previous build's "
            + "manifest and the cache's analysis.")
    boolean full;

    @Option(names = "--report", paramLabel = "<file.json>", description = "Write the build report as JSON to this file.")
    Path report;

    @Option(names = "--cache", paramLabel = "<dir>", description = "Where mirrors of remote repositories are kept, and "
            + "what the last build learned (analysis/), so the next one parses only what changed. "
            + "Default: $XDG_CACHE_HOME/imprint or ~/.cache/imprint.")
    Path cache;

    @Override
    public Integer call() {
        if (publishTo != null && target.branch == null) {
            System.err.println("imprint: --publish-to needs --branch");
            return 2;
        }
        BuildRequest request = new BuildRequest(source, ref, target.branch, publishTo, target.out, baseUrl, full);
        try {
            BuildReport result = new Builder(cache != null ? cache : defaultCache()).keepAnalysis().build(request);
            for (var w : result.warnings()) {
                System.err.println("warning: " + w.path() + ": " + w.message());
            }
            for (var b : result.brokenLinks()) {
                System.err.println("broken link: " + b.from() + ": " + b.to());
            }
            if (report != null) {
                if (report.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(report.toAbsolutePath().getParent());
                }
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(report.toFile(), result);
            }
            System.out.println(result.summary());
            return 0;
        } catch (SourceException | IOException e) {
            System.err.println("imprint: " + Redact.text(e.getMessage()));
            return 1;
        }
    }

    static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("imprint");
    }
}
