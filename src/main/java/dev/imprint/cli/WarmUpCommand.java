package dev.imprint.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

import picocli.CommandLine.Command;

/**
 * Builds and checks a small made-up notes repository, for nothing but the classes it loads: {@code mvn package} runs
 * it once with {@code -XX:ArchiveClassesAtExit} to write {@code target/imprint.jsa}, the class-data archive that
 * lets a one-shot {@code build} start in about half the time ({@code java -XX:SharedArchiveFile=target/imprint.jsa
 * -jar target/imprint.jar build …}).
 */
@Command(name = "warm-up", hidden = true,
        description = "Builds a sample repository (to record the classes a build loads).")
final class WarmUpCommand implements Callable<Integer> {
    /** A note of each kind a build meets: Markdown with code, math, links and tags; Org with its usual parts. */
    private static final Map<String, String> NOTES = Map.of(
            "imprint.yml", "title: Warm-up\nbase_url: https://example.org/\n",
            "notes/_index.md", "---\ntitle: Notes\n---\nAll of them.\n",
            "notes/first.md", """
                    ---
                    title: First
                    date: 2024-01-01
                    tags: [a, b]
                    ---
                    # First

                    Some *text*, [a link](second.org), [[Second]] and $x^2$.

                    ```java
                    class A {}
                    ```

                    | a | b |
                    |---|---|
                    | 1 | 2 |
                    """,
            "notes/second.org", """
                    #+title: Second
                    #+date: <2024-01-02 Tue>
                    #+tags[]: b

                    * Heading
                      Text with /emphasis/ and [[file:first.md][a link]].
                      - an item
                    #+begin_src sh
                    echo hi
                    #+end_src
                    | a | b |
                    |---+---|
                    | 1 | 2 |
                    """);

    @Override
    public Integer call() throws IOException, GitAPIException {
        QuickJit.startInBackground();
        Path dir = Files.createTempDirectory("imprint-warm-up");
        try {
            Path repo = dir.resolve("notes");
            try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
                for (var note : NOTES.entrySet()) {
                    Path file = repo.resolve(note.getKey());
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, note.getValue(), StandardCharsets.UTF_8);
                }
                PersonIdent who = new PersonIdent("Imprint", "imprint@localhost");
                git.add().addFilepattern(".").call();
                git.commit().setMessage("warm-up").setAuthor(who).setCommitter(who).setSign(false).call();
            }
            String cache = dir.resolve("cache").toString();
            int built = Main.run("build", "--source", repo.toString(), "--branch", "gh-pages", "--cache", cache);
            int written = Main.run("build", "--source", repo.toString(), "--out", dir.resolve("site").toString(),
                    "--cache", cache);
            int checked = Main.run("check", "--source", repo.toString(), "--cache", cache);
            return built == 0 && written == 0 && checked == 0 ? 0 : 1;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
