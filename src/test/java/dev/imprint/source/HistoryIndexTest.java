package dev.imprint.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.testing.GitRepo;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class HistoryIndexTest {
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    /** Commits everything as {@code author} at EPOCH + n hours (n counts this test's commits). */
    private static final class Repo {
        final GitRepo git;
        int commits;

        Repo(Path dir) {
            git = GitRepo.init(dir);
        }

        Repo write(String path, String text) {
            git.write(path, text);
            return this;
        }

        Repo mv(String from, String to) {
            try {
                Path parent = git.dir().resolve(to).getParent();
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            git.git("add", "-A");
            git.git("mv", from, to);
            return this;
        }

        Repo rm(String path) {
            git.git("add", "-A");
            git.git("rm", "-q", "-f", path);
            return this;
        }

        String commit(String author, String message) {
            git.git("add", "-A");
            String date = at(++commits).toString();
            git.gitEnv(Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date,
                            "GIT_AUTHOR_NAME", author, "GIT_AUTHOR_EMAIL", author.toLowerCase().replace(' ', '.') + "@example.org"),
                    "-c", "user.name=Committer", "-c", "user.email=committer@example.org", "-c", "commit.gpgsign=false",
                    "commit", "-q", "--allow-empty", "-m", message);
            return git.head();
        }

        static Instant at(int n) {
            return EPOCH.plusSeconds(3600L * n);
        }

        HistoryIndex compute(String rev) throws IOException {
            try (Repository r = git.open()) {
                return HistoryIndex.compute(r, r.resolve(rev));
            }
        }

        HistoryIndex extend(HistoryIndex previous, String rev) throws IOException {
            try (Repository r = git.open()) {
                return previous.extend(r, r.resolve(rev));
            }
        }

        List<String> files() {
            String out = git.git("ls-tree", "-r", "--name-only", "HEAD");
            return out.isBlank() ? List.of() : Arrays.asList(out.trim().split("\n"));
        }
    }

    private static String lines(String name, int n) {
        StringBuilder sb = new StringBuilder("# " + name + "\n\n");
        for (int i = 0; i < n; i++) {
            sb.append("Line ").append(i).append(" of the note called ").append(name).append(".\n");
        }
        return sb.toString();
    }

    @Test
    void createdUpdatedAndContributorsMostCommitsFirstTiesByName() throws IOException {
        Repo repo = new Repo(tmp.resolve("r"));
        String c1 = repo.write("notes/a.md", lines("a", 5)).write("notes/b.md", lines("b", 5)).commit("Ada Author", "add");
        repo.write("notes/a.md", lines("a", 6)).commit("Bob Builder", "edit a");
        repo.write("notes/a.md", lines("a", 7)).write("notes/b.md", lines("b", 6)).commit("Bob Builder", "edit a, b");
        String c4 = repo.write("notes/c.md", lines("c", 2)).commit("Cy Coder", "add c");
        String c5 = repo.write("notes/b.md", lines("b", 7)).commit("Ada Author", "edit b");

        HistoryIndex index = repo.compute("HEAD");

        assertThat(index.size()).isEqualTo(3);
        assertThat(index.head().name()).isEqualTo(c5);
        FileHistory a = index.get("notes/a.md");
        assertThat(a.created()).isEqualTo(Repo.at(1));
        assertThat(a.createdCommit()).isEqualTo(c1);
        assertThat(a.updated()).isEqualTo(Repo.at(3));
        assertThat(a.contributors()).containsExactly("Bob Builder", "Ada Author");
        // b: Ada 2 commits, Bob 1
        assertThat(index.get("notes/b.md").contributors()).containsExactly("Ada Author", "Bob Builder");
        assertThat(index.get("notes/b.md").updatedCommit()).isEqualTo(c5);
        assertThat(index.get("notes/c.md")).isEqualTo(new FileHistory(Repo.at(4), Repo.at(4), List.of("Cy Coder"), c4, c4));
        assertThat(index.get("notes/missing.md")).isNull();
        assertThat(index.get("notes")).as("directories are not files").isNull();
    }

    @Test
    void tiedContributorsAreOrderedByName() throws IOException {
        Repo repo = new Repo(tmp.resolve("r"));
        repo.write("a.md", lines("a", 3)).commit("Zoe Zed", "add");
        repo.write("a.md", lines("a", 4)).commit("Ada Author", "edit");
        assertThat(repo.compute("HEAD").get("a.md").contributors()).containsExactly("Ada Author", "Zoe Zed");
    }

    @Test
    void renameKeepsCreatedDateAndContributors() throws IOException {
        Repo repo = new Repo(tmp.resolve("r"));
        String c1 = repo.write("notes/old-name.md", lines("old", 12)).commit("Ada Author", "add");
        repo.write("notes/old-name.md", lines("old", 13)).commit("Bob Builder", "edit");
        repo.mv("notes/old-name.md", "topics/new-name.md");
        repo.write("topics/new-name.md", lines("old", 13) + "One more line after the move.\n");
        String c3 = repo.commit("Cy Coder", "move and touch up");

        HistoryIndex index = repo.compute("HEAD");

        assertThat(index.get("notes/old-name.md")).isNull();
        FileHistory moved = index.get("topics/new-name.md");
        assertThat(moved.createdCommit()).isEqualTo(c1);
        assertThat(moved.created()).isEqualTo(Repo.at(1));
        assertThat(moved.updatedCommit()).isEqualTo(c3);
        assertThat(moved.contributors()).containsExactly("Ada Author", "Bob Builder", "Cy Coder");
        // git agrees: --follow reaches back to the first commit
        assertThat(repo.git.git("log", "--follow", "--format=%H", "--", "topics/new-name.md").trim()).endsWith(c1);
    }

    @Test
    void folderMoveKeepsTheHistoryOfEveryFile() throws IOException {
        Repo repo = new Repo(tmp.resolve("r"));
        for (int i = 0; i < 5; i++) {
            repo.write("notes/n" + i + ".md", lines("n" + i, 6));
        }
        String c1 = repo.write("other.md", lines("other", 6)).commit("Ada Author", "add");
        repo.write("notes/n2.md", lines("n2", 7)).commit("Bob Builder", "edit n2");
        repo.mv("notes", "archive");
        repo.rm("other.md");
        String c3 = repo.write("archive/n3.md", lines("n3", 6) + "edited while moving\n")
                .write("fresh.md", "brand new\n").commit("Cy Coder", "archive the notes");

        HistoryIndex index = repo.compute("HEAD");

        assertThat(index.size()).isEqualTo(6);
        for (int i = 0; i < 5; i++) {
            assertThat(index.get("archive/n" + i + ".md").createdCommit()).isEqualTo(c1);
            assertThat(index.get("archive/n" + i + ".md").updatedCommit()).isEqualTo(c3);
            assertThat(index.get("notes/n" + i + ".md")).isNull();
        }
        assertThat(index.get("archive/n2.md").contributors()).containsExactly("Ada Author", "Bob Builder", "Cy Coder");
        assertThat(index.get("fresh.md").createdCommit()).isEqualTo(c3);
        assertThat(index.get("other.md")).isNull();
    }

    @Test
    void deletedThenReAddedPathContinuesItsHistoryLikeGitLog() throws IOException {
        Repo repo = new Repo(tmp.resolve("r"));
        String c1 = repo.write("a.md", lines("a", 3)).write("keep.md", "k\n").commit("Ada Author", "add");
        repo.rm("a.md");
        String c2 = repo.commit("Bob Builder", "delete a");
        String c3 = repo.write("a.md", lines("a again", 3)).commit("Cy Coder", "re-add a");

        assertThat(repo.compute(c2).get("a.md")).isNull();
        assertThat(repo.compute(c2).size()).isEqualTo(1);
        FileHistory a = repo.compute(c3).get("a.md");
        assertThat(a.createdCommit()).isEqualTo(c1);
        assertThat(a.updatedCommit()).isEqualTo(c3);
        // the deleting commit touched the path too, as `git log -- a.md` lists it
        assertThat(a.contributors()).containsExactly("Ada Author", "Bob Builder", "Cy Coder");
        assertThat(repo.git.git("log", "--format=%an", "--", "a.md").trim().split("\n"))
                .containsExactly("Cy Coder", "Bob Builder", "Ada Author");
    }

    @Test
    void mergeCommitsAreAttributedAlongTheFirstParent() throws IOException {
        Repo repo = new Repo(tmp.resolve("r"));
        String c1 = repo.write("a.md", lines("a", 3)).write("b.md", lines("b", 3)).commit("Ada Author", "add");
        repo.git.git("checkout", "-q", "-b", "feature");
        repo.write("a.md", lines("a", 4)).write("f.md", "feature\n").commit("Bob Builder", "feature work");
        repo.git.git("checkout", "-q", "main");
        String c3 = repo.write("b.md", lines("b", 4)).commit("Ada Author", "main work");
        String date = Repo.at(10).toString();
        repo.git.gitEnv(Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date, "GIT_AUTHOR_NAME", "Mia Merger",
                        "GIT_AUTHOR_EMAIL", "mia@example.org"),
                "-c", "user.name=Mia Merger", "-c", "user.email=mia@example.org", "-c", "commit.gpgsign=false",
                "merge", "-q", "--no-ff", "-m", "Merge feature", "feature");
        String merge = repo.git.head();

        HistoryIndex index = repo.compute("HEAD");

        FileHistory a = index.get("a.md");
        assertThat(a.createdCommit()).isEqualTo(c1);
        assertThat(a.updatedCommit()).isEqualTo(merge);
        assertThat(a.updated()).isEqualTo(Repo.at(10));
        // the branch's author is not credited; the merge's author is (documented choice)
        assertThat(a.contributors()).containsExactly("Ada Author", "Mia Merger");
        assertThat(index.get("f.md").createdCommit()).isEqualTo(merge);
        assertThat(index.get("b.md").updatedCommit()).isEqualTo(c3);
        // same answers as git log --first-parent
        assertThat(repo.git.git("log", "--first-parent", "-1", "--format=%H", "--", "a.md").trim()).isEqualTo(merge);
        assertThat(repo.git.git("log", "--first-parent", "-1", "--format=%H", "--", "b.md").trim()).isEqualTo(c3);

        // extending across the merge from either side gives the same index as a full pass
        assertSameIndex(repo.extend(repo.compute(c3), "HEAD"), index);
        assertSameIndex(repo.extend(repo.compute("feature"), "HEAD"), index); // second parent: full fallback
    }

    @Test
    void extendEqualsComputeStepByStepAndInOneJump() throws IOException {
        Repo repo = new Repo(tmp.resolve("r"));
        List<String> commits = new ArrayList<>();
        commits.add(repo.write("a.md", lines("a", 8)).write("b.md", lines("b", 8)).commit("Ada Author", "1"));
        commits.add(repo.write("a.md", lines("a", 9)).commit("Bob Builder", "2"));
        repo.mv("b.md", "sub/b.md");
        commits.add(repo.commit("Cy Coder", "3"));
        repo.rm("a.md");
        commits.add(repo.write("c.md", "c\n").commit("Ada Author", "4"));
        commits.add(repo.write("a.md", lines("a", 2)).write("sub/b.md", lines("b", 9)).commit("Bob Builder", "5"));
        commits.add(repo.commit("Bob Builder", "6 (empty)"));

        HistoryIndex stepwise = repo.compute(commits.get(0));
        for (String c : commits.subList(1, commits.size())) {
            stepwise = repo.extend(stepwise, c);
            assertSameIndex(stepwise, repo.compute(c));
        }
        assertSameIndex(repo.extend(repo.compute(commits.get(0)), "HEAD"), repo.compute("HEAD"));
        HistoryIndex same = repo.compute("HEAD");
        assertThat(repo.extend(same, "HEAD")).isSameAs(same);
    }

    @Test
    void extendAfterForcePushEqualsCompute() throws IOException {
        Repo repo = new Repo(tmp.resolve("r"));
        String c1 = repo.write("a.md", lines("a", 5)).commit("Ada Author", "1");
        repo.write("a.md", lines("a", 6)).write("b.md", "b\n").commit("Bob Builder", "2");
        String c3 = repo.write("b.md", "b2\n").commit("Bob Builder", "3");
        HistoryIndex before = repo.compute(c3);

        repo.git.git("reset", "-q", "--hard", c1);
        String rewritten = repo.write("a.md", lines("a", 7)).write("d.md", "d\n").commit("Cy Coder", "rewritten 2");

        HistoryIndex extended = repo.extend(before, rewritten);
        HistoryIndex full = repo.compute(rewritten);
        assertSameIndex(extended, full);
        assertThat(extended.get("b.md")).isNull();
        assertThat(extended.get("a.md").contributors()).containsExactly("Ada Author", "Cy Coder");
    }

    /**
     * Random sequences of add / edit / rename(+edit) / delete / re-add commits by three authors: extending
     * commit by commit always equals a full pass, and the index lists exactly the files git lists.
     */
    @Property(tries = 15)
    void extendStepByStepEqualsFullCompute(@ForAll @Size(min = 1, max = 14) List<@IntRange(min = 0, max = 9999) Integer> ops)
            throws IOException {
        Path dir = Files.createTempDirectory("history-prop");
        try {
            Repo repo = new Repo(dir);
            List<String> live = new ArrayList<>();
            List<String> deleted = new ArrayList<>();
            String[] authors = {"Ada Author", "Bob Builder", "Cy Coder"};
            int names = 0;
            HistoryIndex stepwise = null;
            for (int op : ops) {
                int kind = live.isEmpty() ? 0 : op % 5;
                int pick = op / 5;
                switch (kind) {
                    case 0 -> {
                        String name = "n" + (names++) + ".md";
                        repo.write(name, lines(name, 6));
                        live.add(name);
                    }
                    case 1 -> {
                        String name = live.get(pick % live.size());
                        repo.write(name, lines(name, 6) + "edit " + op + "\n");
                    }
                    case 2 -> {
                        String name = live.remove(pick % live.size());
                        String to = (pick % 2 == 0 ? "moved/" : "") + "r" + (names++) + ".md";
                        repo.mv(name, to);
                        if (pick % 3 == 0) {
                            repo.write(to, lines(name, 6) + "moved " + op + "\n");
                        }
                        live.add(to);
                    }
                    case 3 -> {
                        String name = live.remove(pick % live.size());
                        repo.rm(name);
                        deleted.add(name);
                    }
                    default -> {
                        if (deleted.isEmpty()) {
                            continue;
                        }
                        String name = deleted.remove(pick % deleted.size());
                        repo.write(name, lines(name, 3) + "back " + op + "\n");
                        live.add(name);
                    }
                }
                if (op % 3 == 0) {
                    continue; // several changes in one commit
                }
                String c = repo.commit(authors[op % authors.length], "op " + op);
                HistoryIndex full = repo.compute(c);
                stepwise = stepwise == null ? full : repo.extend(stepwise, c);
                assertSameIndex(stepwise, full);
                assertThat(full.asMap().keySet()).containsExactlyElementsOf(new TreeSet<>(repo.files()));
            }
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * Facts checked by hand against {@code git log --first-parent --follow --format='%H %aI %an' -- <file>} on
     * the til corpus at its bundled head. The files were picked to cover each interesting case: README.md
     * (touched by almost every commit, since the first), a note renamed with an edit (R095), a note renamed
     * without an edit (R100) in 2025, and a note whose only later change came through a merged pull request.
     */
    @Test
    void agreesWithGitLogOnTheTilCorpus() throws IOException {
        Path bundle = Path.of("..", "shared", "corpora", "til.bundle").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(bundle), "skipped: " + bundle + " is not there");
        Path clone = tmp.resolve("til");
        GitRepo.run(tmp, Map.of(), "clone", "-q", "--bare", bundle.toString(), clone.toString());
        try (Repository r = new FileRepositoryBuilder().setGitDir(clone.toFile()).setMustExist(true).build()) {
            ObjectId head = r.resolve("453e9edbdf2be4165b65cbcce7342ac7bb9c4859");
            Assumptions.assumeTrue(head != null, "skipped: the bundle no longer has the commit these facts were read at");
            HistoryIndex index = HistoryIndex.compute(r, head);

            assertThat(index.size()).isEqualTo(1879); // git ls-files | wc -l

            FileHistory readme = index.get("README.md");
            assertThat(readme.createdCommit()).isEqualTo("d19f85117f03fe6a77ac0745d15f4c0afcdf9dfb");
            assertThat(readme.created()).isEqualTo(Instant.parse("2015-02-06T21:50:36-06:00"));
            assertThat(readme.updatedCommit()).isEqualTo(head.name());
            assertThat(readme.updated()).isEqualTo(Instant.parse("2026-08-22T09:04:49-05:00"));
            assertThat(readme.contributors()).containsExactly("jbranchaud", "Josh Branchaud");

            FileHistory seed = index.get("postgres/set-a-seed-for-the-random-number-generator.md");
            assertThat(seed.createdCommit()).isEqualTo("6764eded72ab985150bec8f73c4fcf76002189a1");
            assertThat(seed.created()).isEqualTo(Instant.parse("2016-02-03T19:38:05-06:00"));
            assertThat(seed.updatedCommit()).isEqualTo("a9ae2fab69ed6e42e9ea915898a7a0cbcbf11e91");
            assertThat(seed.updated()).isEqualTo(Instant.parse("2016-02-03T19:47:31-06:00"));

            FileHistory gh = index.get("github/tell-gh-what-the-default-repo-is.md");
            assertThat(gh.createdCommit()).isEqualTo("2efaf270664be7e9022afa41792263b1e4cdb99d");
            assertThat(gh.updatedCommit()).isEqualTo("35d1a81ea7a7e45b2bc46b1a41239878957803fa");
            assertThat(index.get("git/tell-gh-what-the-default-repo-is.md")).isNull();

            // fixed by bmaca in a pull request; first-parent attribution credits the merge (by Josh Branchaud)
            FileHistory ack = index.get("ack/list-available-file-types.md");
            assertThat(ack.createdCommit()).isEqualTo("03a37a5f6d2f9013476148faab86b8dfb34ff184");
            assertThat(ack.updatedCommit()).isEqualTo("36a63aa4a299937ccbfed457c07a06a4623bbf22");
            assertThat(ack.updated()).isEqualTo(Instant.parse("2020-07-30T09:15:07-05:00"));
            assertThat(ack.contributors()).containsExactly("Josh Branchaud", "jbranchaud");

            // one commit back, then extended: same as the full pass
            ObjectId parent = r.resolve(head.name() + "~1");
            assertSameIndex(HistoryIndex.compute(r, parent).extend(r, head), index);
        }
    }

    private static void assertSameIndex(HistoryIndex actual, HistoryIndex expected) {
        assertThat(actual.head()).isEqualTo(expected.head());
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.asMap()).isEqualTo(expected.asMap());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
