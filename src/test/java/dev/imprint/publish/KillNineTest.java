package dev.imprint.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.Cli;
import dev.imprint.testing.GitRepo;
import dev.imprint.testing.ManyNotes;
import dev.imprint.testing.SiteTrees;

/**
 * kill -9 of a real {@code imprint build} process at random moments (JVM start, snapshot, render, blob and tree
 * writing, the ref update): after every kill the repository is fsck-clean, the publishing branch (if any) is a
 * complete commit, and after one uninterrupted build the tree is the one a clean full build makes.
 * {@code -Dimprint.kill.count=N} (default 20) and {@code -Dimprint.kill.seed=S} (default random, always logged) replay
 * a run; tests/bench/kill-nine.sh runs many more.
 */
class KillNineTest {
    static final int NOTES = Integer.getInteger("imprint.kill.notes", 200);
    static final String BRANCH = "gh-pages";

    @TempDir
    Path tmp;
    GitRepo notes;
    final List<String> log = new ArrayList<>();

    @Test
    void everyKillLeavesAConsistentBranchAndTheNextBuildCatchesUp() throws Exception {
        int kills = Integer.getInteger("imprint.kill.count", 20);
        long seed = Long.getLong("imprint.kill.seed", System.nanoTime());
        Random random = new Random(seed);
        say("seed " + seed + " (replay: -Dimprint.kill.seed=" + seed + "), " + kills + " kills, " + NOTES + " notes");
        notes = ManyNotes.create(tmp.resolve("notes"), NOTES);

        // how long uninterrupted builds take, start-up included: the first (full) one and an incremental one
        long fullMs = timed(false);
        notes.write(ManyNotes.path(1), ManyNotes.note(1, 1));
        notes.commitAll("calibration");
        long incrementalMs = timed(false);
        say("uninterrupted builds: full " + fullMs + " ms, incremental " + incrementalMs + " ms");
        assertConsistent("after the first builds");

        int killed = 0;
        int finished = 0;
        int locksLeft = 0;
        for (int round = 1; killed < kills; round++) {
            assertThat(round).as("kills keep missing the build: " + log).isLessThan(kills * 4);
            String edit = edit(random, round);
            boolean full = random.nextInt(8) == 0;
            // spread over the build this will be: every page after a config change or with --full, else a few
            long expected = full || edit.startsWith("config") ? fullMs : incrementalMs;
            long delay = (long) (expected * (0.15 + 1.05 * random.nextDouble()));
            Process build = child(notes.dir(), full);
            boolean exited = build.waitFor(delay, TimeUnit.MILLISECONDS);
            if (exited) {
                finished++;
                assertThat(build.exitValue()).as(output()).isZero();
            } else {
                build.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
                build.waitFor();
                killed++;
            }
            say(String.format("round %d: %s%s, %s at %d ms", round, edit, full ? ", --full" : "",
                    exited ? "finished before the kill" : "killed", delay));
            if (leftLock()) {
                locksLeft++;
            }
            assertConsistent("after round " + round);
        }

        Process last = child(notes.dir(), false);
        assertThat(last.waitFor()).as(output()).isZero();
        assertConsistent("after the last build");
        ObjectId caughtUp = notes.tip(BRANCH).getTree().getId();

        Path fresh = tmp.resolve("fresh");
        GitRepo.run(tmp, Map.of(), "clone", "-q", notes.dir().toString(), fresh.toString());
        Cli.Result clean = Cli.run("build", "--source", fresh.toString(), "--branch", BRANCH, "--full",
                "--cache", tmp.resolve("cache-fresh").toString());
        assertThat(clean.exit()).as(clean.err()).isZero();
        ObjectId expected = GitRepo.open(fresh).tip(BRANCH).getTree().getId();
        say(killed + " kills, " + finished + " builds finished first, " + locksLeft + " ref locks left by a kill, "
                + tempFiles() + " temporary files left in objects/");
        System.out.println(String.join("\n", log));
        assertThat(caughtUp).as(SiteTrees.diff(notes.dir(), caughtUp, "caught up", fresh, expected, "clean full build"))
                .isEqualTo(expected);
    }

    /** Changes the notes between builds, so builds do real work: a few notes, many, new ones, a deletion, the config. */
    private String edit(Random random, int round) {
        int kind = random.nextInt(6);
        String what;
        if (kind == 0) {
            notes.write("imprint.yml", "title: Many notes, take " + round + "\nbase_url: https://notes.example.org/\n");
            what = "config changed (every page)";
        } else if (kind == 1) {
            for (int i = 0; i < 5; i++) {
                notes.write("content/new/round-" + round + "-" + i + ".md", "# Round " + round + " note " + i + "\n\nNew.\n");
            }
            what = "5 notes added";
        } else if (kind == 2) {
            int i = random.nextInt(NOTES);
            if (Files.exists(notes.dir().resolve(ManyNotes.path(i)))) {
                notes.delete(ManyNotes.path(i));
            }
            what = "note " + i + " deleted";
        } else {
            int count = kind == 3 ? 60 : 1 + random.nextInt(3);
            for (int k = 0; k < count; k++) {
                int i = random.nextInt(NOTES);
                notes.write(ManyNotes.path(i), ManyNotes.note(i, round));
            }
            what = count + " notes edited";
        }
        notes.commitAll("round " + round);
        return what;
    }

    private long timed(boolean full) throws Exception {
        long started = System.nanoTime();
        assertThat(child(notes.dir(), full).waitFor()).as(output()).isZero();
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** The real CLI in a JVM of its own, from the test classpath (the jar is built after the tests). */
    private Process child(Path source, boolean full) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.imprint.cli.Main", "build",
                "--source", source.toString(), "--branch", BRANCH, "--cache", tmp.resolve("cache").toString()));
        if (full) {
            cmd.add("--full");
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    }

    private String output() throws IOException {
        return Files.readString(tmp.resolve("child.log"));
    }

    /**
     * A kill between creating the ref's lock file and renaming it leaves the lock: the next build reports it (see
     * PublishRefusalTest) and the user removes it, as the message says; here the test does.
     */
    private boolean leftLock() throws IOException {
        Path lock = notes.dir().resolve(".git/refs/heads/" + BRANCH + ".lock");
        if (Files.deleteIfExists(lock)) {
            say("  a ref lock was left; removed as the message says");
            return true;
        }
        return false;
    }

    private void assertConsistent(String when) throws Exception {
        String fsck = git(true, "fsck", "--strict", "--no-progress");
        assertThat(fsck).as(when + ": git fsck --strict").doesNotContainPattern("(?m)^(error|missing|broken|bad)");
        if (notes.tip(BRANCH) == null) {
            return;
        }
        // every object of the tip's tree is there and reads (rev-list marks a missing one with '?')
        String objects = git(false, "rev-list", "--objects", "--missing=print", "--no-walk", BRANCH);
        assertThat(objects).as(when).doesNotContainPattern("(?m)^\\?");
        String listing = git(false, "ls-tree", "-r", "--format=%(objectname)", BRANCH);
        String read = catFile(listing);
        assertThat(read).as(when + ": every blob of the tip reads").doesNotContain("missing");
        // the tip is a whole build: its manifest names every output, and every output is in the tree
        PublishedState state = SiteTrees.state(notes.dir(), BRANCH);
        assertThat(state.sourceCommit()).as(when).isNotNull();
        assertThat(state.manifest().isEmpty()).as(when + ": a manifest").isFalse();
        List<String> absent = new ArrayList<>();
        state.manifest().forEachPath(p -> {
            if (!state.files().containsKey(p)) {
                absent.add(p);
            }
        });
        assertThat(absent).as(when + ": outputs the manifest names but the tree lacks").isEmpty();
        assertThat(state.files()).as(when).containsKeys("index.html", "404.html", "sitemap.xml");
    }

    private String catFile(String ids) throws Exception {
        Process p = new ProcessBuilder("git", "cat-file", "--batch-check").directory(notes.dir().toFile())
                .redirectErrorStream(true).start();
        p.getOutputStream().write(ids.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    /** Runs git in the notes repository; with {@code anyExit}, a non-zero exit is returned as output, not thrown. */
    private String git(boolean anyExit, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(notes.dir().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        if (exit != 0) {
            assertThat(anyExit).as("git " + String.join(" ", args) + ": " + out).isTrue();
            return "error: exit " + exit + "\n" + out;
        }
        return out;
    }

    private long tempFiles() throws IOException {
        try (var files = Files.walk(notes.dir().resolve(".git/objects"))) {
            return files.map(Path::getFileName).map(Path::toString)
                    .filter(n -> n.endsWith(".tmp") || n.startsWith("insert_") || n.startsWith("incoming_")).count();
        }
    }

    private void say(String line) {
        log.add(line);
        System.err.println("kill-nine: " + line);
        System.err.flush();
    }
}
