package dev.imprint.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imprint.forge.ForgeResult.Outcome;
import dev.imprint.forge.SimulatedForge.Kind;
import dev.imprint.testing.ForgeSimulator;
import dev.imprint.testing.Forges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Gitea's own rules: pull requests listed by page and limit, an edit answered with 201. */
class GiteaClientTest {
    @RegisterExtension
    final Forges forges = new Forges();

    @Test
    void aPullRequestOnTheSecondPageIsUpdatedNotOpenedAgain() {
        SimulatedForge f = SimulatedForge.start(Kind.GITEA, forges);
        for (int i = 0; i < 55; i++) {
            f.sim.openPullRequest("topic-" + i, "main", "Topic " + i, "");
        }
        int ours = f.sim.openPullRequest("imprint/review", "gh-pages", "Review", "old");

        ForgeResult<PullRequest> result = f.client.openOrUpdatePullRequest("imprint/review", "gh-pages", "Review", "new");

        assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(result.httpStatus()).isEqualTo(201);
        assertThat(result.value().number()).isEqualTo(ours);
        assertThat(f.calls("GET", "/pulls")).extracting(c -> c.query().get("page")).containsExactly("1", "2");
        assertThat(f.sim.pulls()).hasSize(56);
        assertThat(f.sim.offSpec()).isEmpty();
    }

    @Test
    void listingStopsWhenTheTotalCountIsReached() {
        SimulatedForge f = SimulatedForge.start(Kind.GITEA, forges);
        for (int i = 0; i < 50; i++) {
            f.sim.openPullRequest("topic-" + i, "main", "Topic " + i, "");
        }

        ForgeResult<PullRequest> result = f.client.openOrUpdatePullRequest("imprint/review", "gh-pages", "Review", "");

        assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(f.calls("GET", "/pulls")).as("50 of 50 seen: no empty page asked for").hasSize(1);
        assertThat(f.sim.pulls()).filteredOn(p -> p.head().equals("imprint/review"))
                .extracting(ForgeSimulator.Pull::title).containsExactly("Review");
    }
}
