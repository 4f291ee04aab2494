package dev.imprint.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imprint.forge.CommitStatus.State;
import dev.imprint.forge.ForgeResult.Outcome;
import dev.imprint.forge.SimulatedForge.Kind;
import dev.imprint.testing.ForgeSimulator;
import dev.imprint.testing.Forges;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a reviewer sees on each forge: one comment kept up to date, a status, one pull request; failures in the forge's words. */
class ForgeClientTest {
    /** The marker Imprint's review comment carries (dev.imprint.review.ReviewComment.MARKER). */
    static final String MARKER = "<!-- imprint-review -->";

    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @RegisterExtension
    final Forges forges = new Forges();
    private SimulatedForge forge;

    @AfterEach
    void everyCallWasAsDocumented() {
        if (forge != null) {
            assertThat(forge.sim.offSpec()).as("requests the forge's documentation does not allow").isEmpty();
        }
    }

    private SimulatedForge start(Kind kind) {
        forge = SimulatedForge.start(kind, forges);
        return forge;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void thePreviewCommentIsCreatedOnceThenEditedInPlace(Kind kind) {
        SimulatedForge f = start(kind);
        int pr = f.sim.openPullRequest("draft", "main", "Draft", "");
        f.sim.addComment(pr, "ada", "Looks good to me");

        ForgeResult<Comment> first = f.client.putComment(pr, MARKER, MARKER + "\n3 pages changed");
        assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
        ForgeResult<Comment> second = f.client.putComment(pr, MARKER, MARKER + "\n4 pages changed");
        assertThat(second.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(second.value().id()).isEqualTo(first.value().id());

        assertThat(f.sim.comments(pr)).extracting(ForgeSimulator.Comment::body)
                .containsExactly("Looks good to me", MARKER + "\n4 pages changed");
        ForgeResult<Comment> found = f.client.findComment(pr, MARKER);
        assertThat(found.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(found.value().id()).isEqualTo(first.value().id());
        assertThat(found.value().body()).isEqualTo(MARKER + "\n4 pages changed");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anUnchangedCommentIsNotWrittenAgain(Kind kind) {
        SimulatedForge f = start(kind);
        int pr = f.sim.openPullRequest("draft", "main", "Draft", "");
        f.client.putComment(pr, MARKER, MARKER + " same");
        int writes = f.writes().size();

        ForgeResult<Comment> again = f.client.putComment(pr, MARKER, MARKER + " same");

        assertThat(again.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(f.writes()).hasSize(writes);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theMarkerIsFoundBehindManyPagesOfComments(Kind kind) {
        SimulatedForge f = start(kind);
        int pr = f.sim.openPullRequest("draft", "main", "Draft", "");
        for (int i = 0; i < 250; i++) {
            f.sim.addComment(pr, "ada", "comment " + i);
        }
        long ours = f.sim.addComment(pr, "imprint-bot", MARKER + " report");

        ForgeResult<Comment> found = f.client.findComment(pr, MARKER);

        assertThat(found.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(found.value().id()).isEqualTo(ours);
        // GitHub (Link) and GitLab (x-next-page) page 100 at a time; Gitea answers an issue's comments all at once
        int pages = kind == Kind.GITEA ? 1 : 3;
        assertThat(f.calls("GET", "/comments").size() + f.calls("GET", "/notes").size()).isEqualTo(pages);
        assertThat(f.client.putComment(pr, MARKER, MARKER + " new report").outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(f.sim.comments(pr)).hasSize(251);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aMarkerOnNoPageIsNone(Kind kind) {
        SimulatedForge f = start(kind);
        int pr = f.sim.openPullRequest("draft", "main", "Draft", "");
        for (int i = 0; i < 120; i++) {
            f.sim.addComment(pr, "ada", "comment " + i);
        }

        ForgeResult<Comment> found = f.client.findComment(pr, MARKER);

        assertThat(found.outcome()).isEqualTo(Outcome.NONE);
        assertThat(found.ok()).isTrue();
        assertThat(found.value()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyStatusStateReachesTheHeadCommit(Kind kind) {
        SimulatedForge f = start(kind);
        for (State state : State.values()) {
            ForgeResult<CommitStatus> set = f.client.setStatus(SHA,
                    CommitStatus.of(state, "https://notes.example/preview/pr-1/", "preview " + state));
            assertThat(set.outcome()).as(state.name()).isEqualTo(Outcome.CREATED);
            assertThat(set.value().context()).isEqualTo("imprint/preview");
        }
        List<String> expected = kind == Kind.GITLAB
                ? List.of("pending", "success", "failed", "failed")
                : List.of("pending", "success", "failure", "error");
        assertThat(f.sim.statuses(SHA)).extracting(ForgeSimulator.Status::state).containsExactlyElementsOf(expected);
        assertThat(f.sim.statuses(SHA)).allSatisfy(s -> {
            assertThat(s.context()).isEqualTo("imprint/preview");
            assertThat(s.targetUrl()).isEqualTo("https://notes.example/preview/pr-1/");
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aLongDescriptionIsCutTo140Characters(Kind kind) {
        SimulatedForge f = start(kind);
        String reason = "3 broken links: " + "content/garden/a-very-long-note-name.md → missing.md; ".repeat(6);

        ForgeResult<CommitStatus> set = f.client.setStatus(SHA, new CommitStatus(State.FAILURE, null, reason, "imprint/check"));

        assertThat(set.outcome()).isEqualTo(Outcome.CREATED);
        String stored = f.sim.statuses(SHA).get(0).description();
        assertThat(stored).hasSize(140).startsWith("3 broken links: content/garden/").endsWith("…");
        assertThat(f.sim.statuses(SHA).get(0).context()).isEqualTo("imprint/check");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPullRequestIsOpenedOnceThenUpdated(Kind kind) {
        SimulatedForge f = start(kind);
        f.sim.openPullRequest("feature", "main", "Someone else's", "");
        int old = f.sim.openPullRequest("imprint/review", "gh-pages", "An old review", "closed since");
        f.sim.closePullRequest(old);

        ForgeResult<PullRequest> opened = f.client.openOrUpdatePullRequest("imprint/review", "gh-pages",
                "Publish 3 notes", "Adds 3 pages.");
        assertThat(opened.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(opened.value().number()).isNotEqualTo(old);
        assertThat(opened.value().url()).isNotBlank();

        ForgeResult<PullRequest> same = f.client.openOrUpdatePullRequest("imprint/review", "gh-pages",
                "Publish 3 notes", "Adds 3 pages.");
        assertThat(same.outcome()).isEqualTo(Outcome.FOUND);

        ForgeResult<PullRequest> updated = f.client.openOrUpdatePullRequest("imprint/review", "gh-pages",
                "Publish 4 notes", "Adds 4 pages.");
        assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(updated.value().number()).isEqualTo(opened.value().number());
        assertThat(updated.value()).extracting(PullRequest::title, PullRequest::body, PullRequest::head, PullRequest::base)
                .containsExactly("Publish 4 notes", "Adds 4 pages.", "imprint/review", "gh-pages");

        assertThat(f.sim.pulls()).filteredOn(ForgeSimulator.Pull::open).extracting(ForgeSimulator.Pull::title)
                .containsExactly("Someone else's", "Publish 4 notes");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void openClosedAndMergedPullRequestsReadBackAsSuchWithTheirHeadAndBase(Kind kind) {
        SimulatedForge f = start(kind);
        int open = f.sim.openPullRequest("draft", "main", "Draft", "");
        int closed = f.sim.openPullRequest("abandoned", "drafts", "Abandoned", "");
        int merged = f.sim.openPullRequest("done", "release", "Done", "");
        String pushed = "89abcdef0123456789abcdef0123456789abcdef";
        f.sim.pushToPullRequest(open, pushed);
        f.sim.closePullRequest(closed);
        f.sim.mergePullRequest(merged);
        Map<Integer, String> heads = new HashMap<>();
        f.sim.pulls().forEach(p -> heads.put(p.number(), p.headSha()));

        ForgeResult<PullRequestState> readOpen = f.client.pullRequestState(open);
        ForgeResult<PullRequestState> readClosed = f.client.pullRequestState(closed);
        ForgeResult<PullRequestState> readMerged = f.client.pullRequestState(merged);

        assertThat(List.of(readOpen, readClosed, readMerged)).extracting(ForgeResult::outcome).containsOnly(Outcome.FOUND);
        assertThat(readOpen.value()).isEqualTo(new PullRequestState(open, PullRequestState.State.OPEN, pushed, "main"));
        assertThat(readClosed.value())
                .isEqualTo(new PullRequestState(closed, PullRequestState.State.CLOSED, heads.get(closed), "drafts"));
        assertThat(readMerged.value())
                .isEqualTo(new PullRequestState(merged, PullRequestState.State.MERGED, heads.get(merged), "release"));
        assertThat(heads.values()).as("every pull request has its own head").doesNotHaveDuplicates();
        assertThat(f.sim.calls()).as("one read each, nothing written").hasSize(3)
                .allSatisfy(c -> assertThat(c.method()).isEqualTo("GET"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theStateOfAMissingPullRequestIsRejectedInTheForgesWords(Kind kind) {
        SimulatedForge f = start(kind);
        f.sim.openPullRequest("draft", "main", "Draft", "");

        ForgeResult<PullRequestState> read = f.client.pullRequestState(999);

        assertThat(read.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(read.httpStatus()).isEqualTo(404);
        assertThat(read.value()).isNull();
        String words = Map.of(Kind.GITHUB, "GitHub answered 404: Not Found",
                Kind.GITEA, "Gitea answered 404: The target couldn't be found.",
                Kind.GITLAB, "GitLab answered 404: 404 Not found").get(kind);
        assertThat(read.message()).isEqualTo(words);
        assertThat(f.sim.calls()).as("a 404 is not retried").hasSize(1);
        assertThat(f.slept).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a502IsRetriedAfterABackoff(Kind kind) {
        SimulatedForge f = start(kind);
        int pr = f.sim.openPullRequest("draft", "main", "Draft", "");
        f.sim.failNext(502, "Bad Gateway");

        ForgeResult<Comment> created = f.client.createComment(pr, MARKER + " hello");

        assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(f.writes()).extracting(ForgeSimulator.Call::status).containsExactly(502, 201);
        assertThat(f.slept).containsExactly(Duration.ofSeconds(1));
        assertThat(f.sim.comments(pr)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void afterThreeFailuresTheResultSaysWhy(Kind kind) {
        SimulatedForge f = start(kind);
        f.sim.failNext(503, "Service Unavailable: maintenance");
        f.sim.failNext(502, "Bad Gateway");
        f.sim.failNext(500, "database is locked");

        ForgeResult<CommitStatus> set = f.client.setStatus(SHA, CommitStatus.of(State.PENDING, null, "building"));

        assertThat(set.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(set.httpStatus()).isEqualTo(500);
        assertThat(set.message()).contains("answered 500").contains("database is locked");
        assertThat(f.sim.calls()).hasSize(3);
        assertThat(f.slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRateLimitsRetryAfterIsWaitedOut(Kind kind) {
        SimulatedForge f = start(kind);
        int pr = f.sim.openPullRequest("draft", "main", "Draft", "");
        f.sim.failNext(429, "Too Many Requests", "Retry-After", "7");

        ForgeResult<Comment> found = f.client.findComment(pr, MARKER);

        assertThat(found.outcome()).isEqualTo(Outcome.NONE);
        assertThat(f.slept).containsExactly(Duration.ofSeconds(7));
        assertThat(f.sim.calls()).extracting(ForgeSimulator.Call::status).containsExactly(429, 200);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRateLimitLongerThanTheCapIsNotWaitedFor(Kind kind) {
        SimulatedForge f = start(kind);
        int pr = f.sim.openPullRequest("draft", "main", "Draft", "");
        f.sim.failNext(429, "Too Many Requests", "Retry-After", "3600");

        ForgeResult<Comment> created = f.client.createComment(pr, MARKER);

        assertThat(created.outcome()).isEqualTo(Outcome.RATE_LIMITED);
        assertThat(created.message()).contains("Too Many Requests").contains("3600 s").contains("at most 60 s");
        assertThat(f.slept).isEmpty();
        assertThat(f.sim.calls()).hasSize(1);
        assertThat(f.sim.comments(pr)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aMissingPullRequestIsReportedInTheForgesWords(Kind kind) {
        SimulatedForge f = start(kind);

        ForgeResult<Comment> created = f.client.putComment(999, MARKER, MARKER + " report");

        assertThat(created.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(created.httpStatus()).isEqualTo(404);
        String words = Map.of(Kind.GITHUB, "GitHub answered 404: Not Found",
                Kind.GITEA, "Gitea answered 404: The target couldn't be found.",
                Kind.GITLAB, "GitLab answered 404: 404 Not found").get(kind);
        assertThat(created.message()).isEqualTo(words);
        assertThat(f.sim.calls()).as("a 404 is not retried").hasSize(1);
        assertThat(f.slept).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aWrongTokenIsRejectedAndNoTokenIsEverShown(Kind kind) {
        SimulatedForge f = start(kind);
        int pr = f.sim.openPullRequest("draft", "main", "Draft", "");
        String wrong = "wrong-" + SimulatedForge.TOKEN;
        SimulatedForge stranger = f.withToken(wrong);

        ForgeResult<Comment> refused = stranger.client.createComment(pr, MARKER);
        assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(refused.httpStatus()).isEqualTo(401);

        // a proxy that echoes the request's header back must not put the token into a result
        f.sim.failNext(400, "bad header value " + SimulatedForge.TOKEN);
        ForgeResult<Comment> echoed = f.client.createComment(pr, MARKER);
        assertThat(echoed.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(echoed.message()).contains("bad header value [redacted]");

        f.sim.close();
        ForgeResult<PullRequest> unreachable = f.client.openOrUpdatePullRequest("a", "b", "t", "b");
        assertThat(unreachable.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(unreachable.message()).contains("could not be reached at 127.0.0.1");

        for (Object shown : List.of(refused, echoed, unreachable, refused.message(), echoed.message(),
                unreachable.message(), f.client, stranger.client, f.config(), ForgeToken.of(wrong))) {
            assertThat(shown.toString()).doesNotContain(SimulatedForge.TOKEN);
        }
    }
}
