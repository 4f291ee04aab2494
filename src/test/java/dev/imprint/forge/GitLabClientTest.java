package dev.imprint.forge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imprint.forge.CommitStatus.State;
import dev.imprint.forge.ForgeResult.Outcome;
import dev.imprint.forge.SimulatedForge.Kind;
import dev.imprint.testing.ForgeSimulator;
import dev.imprint.testing.Forges;
import dev.imprint.testing.GitLabSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GitLab's own rules: the project named by its encoded path, system notes, its states and its error shapes. */
class GitLabClientTest {
    /** The marker Imprint's review comment carries (dev.imprint.review.ReviewComment.MARKER). */
    static final String MARKER = "<!-- imprint-review -->";

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final Forges forges = new Forges();

    @Test
    void theProjectIsItsFullPathEncodedAsOneSegment() {
        SimulatedForge f = SimulatedForge.start(Kind.GITLAB, forges);

        f.client.setStatus("0123456789abcdef0123456789abcdef01234567", CommitStatus.of(State.SUCCESS, null, "ok"));

        assertThat(f.sim.calls()).singleElement().extracting(ForgeSimulator.Call::path)
                .isEqualTo("/projects/group%2Fsub%2Fnotes/statuses/0123456789abcdef0123456789abcdef01234567");
    }

    @Test
    void aSystemNoteQuotingTheMarkerIsNotTakenForOurs() {
        SimulatedForge f = SimulatedForge.start(Kind.GITLAB, forges);
        int mr = f.sim.openPullRequest("draft", "main", "Draft", "");
        ((GitLabSimulator) f.sim).addSystemNote(mr, "changed the description " + MARKER);

        ForgeResult<Comment> put = f.client.putComment(mr, MARKER, MARKER + " report");

        assertThat(put.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(f.sim.comments(mr)).filteredOn(c -> !c.system()).extracting(ForgeSimulator.Comment::body)
                .containsExactly(MARKER + " report");
    }

    @Test
    void aLockedMergeRequestIsStillOpen() {
        SimulatedForge f = SimulatedForge.start(Kind.GITLAB, forges);
        int mr = f.sim.openPullRequest("draft", "main", "Draft", "");
        ((GitLabSimulator) f.sim).lockMergeRequest(mr);

        ForgeResult<PullRequestState> read = f.client.pullRequestState(mr);

        assertThat(read.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(read.value().state()).isEqualTo(PullRequestState.State.OPEN);
        assertThat(read.value().base()).isEqualTo("main");
        assertThat(f.sim.calls()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("/projects/group%2Fsub%2Fnotes/merge_requests/" + mr);
            assertThat(c.offSpec()).isNull();
        });
    }

    @Test
    void aParameterErrorIsShownInGitLabsWords() {
        SimulatedForge f = SimulatedForge.start(Kind.GITLAB, forges);
        f.sim.openPullRequest("imprint/review", "gh-pages", "Review", "");
        f.sim.failNext(400, "title is missing");

        ForgeResult<PullRequest> result = f.client.openOrUpdatePullRequest("imprint/review", "gh-pages", "Review", "x");

        assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.message()).isEqualTo("GitLab answered 400: title is missing");
    }

    @Test
    void gitLabsOtherMessageShapesReadAsOneLine() throws Exception {
        assertThat(RestClient.said(JSON.readTree(
                "{\"message\":[\"Another open merge request already exists for this source branch: !1\"]}"), null))
                .isEqualTo("Another open merge request already exists for this source branch: !1");
        assertThat(RestClient.said(JSON.readTree("{\"message\":{\"note\":[\"can't be blank\",\"is too long\"]}}"), null))
                .isEqualTo("note can't be blank, is too long");
        assertThat(RestClient.said(null, "<html><body>502 Bad Gateway</body></html>")).isEqualTo("(an HTML page, no message)");
    }
}
