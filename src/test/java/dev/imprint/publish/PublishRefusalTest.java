package dev.imprint.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.Cli;
import dev.imprint.testing.Forges;
import dev.imprint.testing.GitDaemon;
import dev.imprint.testing.GitRepo;

/** A publish that cannot happen says why, in the words of whoever refused it, and is not retried. */
class PublishRefusalTest {
    @TempDir
    Path tmp;
    GitRepo notes;
    @RegisterExtension
    final Forges forges = new Forges();
    GitDaemon daemon;

    @BeforeEach
    void notes() throws Exception {
        notes = GitRepo.fromFolder(Path.of("repo-template"), tmp.resolve("notes"));
    }

    Cli.Result build(String... extra) {
        List<String> args = new ArrayList<>(List.of("--branch", "gh-pages"));
        args.addAll(List.of(extra));
        return Cli.build(notes.dir(), tmp.resolve("cache"), args.toArray(String[]::new));
    }

    @Test
    void aPreReceiveHookRefusalIsReportedInTheRemotesWordsAndNotRetried() throws Exception {
        daemon = forges.daemon(tmp.resolve("forge"));
        String url = daemon.create("site");
        Path runs = tmp.resolve("hook-runs");
        daemon.hook("site", "pre-receive", "#!/bin/sh\necho run >> '" + runs + "'\n"
                + "echo 'gh-pages is frozen for the release; ask ops' >&2\nexit 1\n");

        Cli.Result r = build("--publish-to", url);

        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.startsWith("imprint:")).toList()).singleElement().satisfies(line ->
                assertThat(line).contains("gh-pages is frozen for the release; ask ops")
                        .contains("pre-receive hook declined").doesNotContain("kept moving"));
        assertThat(Files.readAllLines(runs)).as("a refusal is final: pushed once").hasSize(1);
        assertThat(GitRepo.run(tmp, java.util.Map.of(), "ls-remote", url)).doesNotContain("gh-pages");
    }

    @Test
    void aStaleLocalRefLockIsReportedWithItsPathAndTheFix() throws Exception {
        assertThat(build().exit()).isZero();
        String before = notes.tip("gh-pages").name();
        Path lock = notes.dir().resolve(".git/refs/heads/gh-pages.lock");
        Files.writeString(lock, before + "\n"); // what a git process killed while moving the ref leaves
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        notes.write("content/fragments/new.md", "# New\n\nText.\n");
        notes.commitAll("a new note");

        Cli.Result r = build();

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(lock.toAbsolutePath().toString() + " exists (made 120 minutes ago)")
                .contains("remove it if no other git process is running").doesNotContain("kept moving");
        assertThat(notes.tip("gh-pages").name()).isEqualTo(before);

        Files.delete(lock);
        Cli.Result fixed = build();
        assertThat(fixed.exit()).as(fixed.err()).isZero();
        assertThat(notes.read("gh-pages", "fragments/new/index.html")).contains("New");
    }
}
