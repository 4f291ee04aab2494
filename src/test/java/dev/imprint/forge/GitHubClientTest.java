package dev.imprint.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imprint.forge.ForgeResult.Outcome;
import dev.imprint.forge.SimulatedForge.Kind;
import dev.imprint.testing.ForgeSimulator;
import dev.imprint.testing.Forges;
import dev.imprint.testing.GitHubSimulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GitHub's own rules: its primary rate limit, its 403s, its validation errors. */
class GitHubClientTest {
    /** The marker Imprint's review comment carries (dev.imprint.review.ReviewComment.MARKER). */
    static final String MARKER = "<!-- imprint-review -->";

    @RegisterExtension
    final Forges forges = new Forges();

    private static String inSeconds(long seconds) {
        return String.valueOf(SimulatedForge.NOW.getEpochSecond() + seconds);
    }

    @Test
    void thePrimaryRateLimitIsWaitedOutUntilItsReset() {
        SimulatedForge f = SimulatedForge.start(Kind.GITHUB, forges);
        int pr = f.sim.openPullRequest("draft", "main", "Draft", "");
        f.sim.failNext(403, "API rate limit exceeded for user ID 1.",
                "x-ratelimit-remaining", "0", "x-ratelimit-reset", inSeconds(30));

        ForgeResult<Comment> created = f.client.createComment(pr, MARKER);

        assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(f.slept).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void aResetAnHourAwayGivesUpAtOnceWithGitHubsWords() {
        SimulatedForge f = SimulatedForge.start(Kind.GITHUB, forges);
        int pr = f.sim.openPullRequest("draft", "main", "Draft", "");
        f.sim.failNext(403, "API rate limit exceeded for user ID 1.",
                "x-ratelimit-remaining", "0", "x-ratelimit-reset", inSeconds(3540));

        ForgeResult<Comment> created = f.client.createComment(pr, MARKER);

        assertThat(created.outcome()).isEqualTo(Outcome.RATE_LIMITED);
        assertThat(created.httpStatus()).isEqualTo(403);
        assertThat(created.message()).startsWith("GitHub answered 403: API rate limit exceeded for user ID 1.")
                .contains("asks to wait 3540 s");
        assertThat(f.slept).isEmpty();
        assertThat(f.sim.calls()).hasSize(1);
    }

    @Test
    void aSecondaryRateLimitWithoutHeadersWaitsAMinute() {
        SimulatedForge f = SimulatedForge.start(Kind.GITHUB, forges);
        int pr = f.sim.openPullRequest("draft", "main", "Draft", "");
        f.sim.failNext(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                "x-ratelimit-remaining", "4999");

        ForgeResult<Comment> created = f.client.createComment(pr, MARKER);

        assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(f.slept).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void aForbiddenWithoutRateLimitHeadersIsNotRetried() {
        SimulatedForge f = SimulatedForge.start(Kind.GITHUB, forges);
        int pr = f.sim.openPullRequest("draft", "main", "Draft", "");
        f.sim.failNext(403, "Resource not accessible by personal access token", "x-ratelimit-remaining", "4999");

        ForgeResult<Comment> created = f.client.createComment(pr, MARKER);

        assertThat(created.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(created.message()).isEqualTo("GitHub answered 403: Resource not accessible by personal access token");
        assertThat(f.sim.calls()).hasSize(1);
    }

    @Test
    void aCommentOverGitHubsLimitIsRefusedWithItsValidationMessage() {
        SimulatedForge f = SimulatedForge.start(Kind.GITHUB, forges);
        int pr = f.sim.openPullRequest("draft", "main", "Draft", "");

        ForgeResult<Comment> created = f.client.createComment(pr, MARKER + "x".repeat(f.client.maxCommentLength()));

        assertThat(created.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(created.message())
                .isEqualTo("GitHub answered 422: Validation Failed: body is too long (maximum is 65536 characters)");
        assertThat(f.sim.calls()).extracting(ForgeSimulator.Call::status).containsExactly(422);
        assertThat(f.sim.offSpec()).as("a documented refusal").isEmpty();
    }

    @Test
    void aNextPageOnAnotherHostIsNotAskedForWithTheToken() {
        SimulatedForge f = SimulatedForge.start(Kind.GITHUB, forges);
        int pr = f.sim.openPullRequest("draft", "main", "Draft", "");
        for (int i = 0; i < 150; i++) {
            f.sim.addComment(pr, "ada", "comment " + i);
        }
        ((GitHubSimulator) f.sim).linkOrigin("https://github.internal.example");

        ForgeResult<Comment> put = f.client.putComment(pr, MARKER, MARKER + " report");

        assertThat(put.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(put.message()).isEqualTo("GitHub pointed to another host (github.internal.example) for the next page;"
                + " Imprint does not send the token there");
        assertThat(f.sim.calls()).as("no comment posted while the rest of the list is unknown").hasSize(1);
    }

    @Test
    void theHeadFilterNamesTheRepositoryOwner() {
        SimulatedForge f = SimulatedForge.start(Kind.GITHUB, forges);

        f.client.openOrUpdatePullRequest("imprint/review", "gh-pages", "Review", "");

        assertThat(f.calls("GET", "/pulls")).singleElement().satisfies(c -> assertThat(c.query())
                .containsEntry("head", "octo:imprint/review").containsEntry("base", "gh-pages").containsEntry("state", "open"));
        assertThat(f.sim.offSpec()).isEmpty();
    }
}
