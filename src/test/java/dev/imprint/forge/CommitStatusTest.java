package dev.imprint.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imprint.forge.CommitStatus.State;
import org.junit.jupiter.api.Test;

class CommitStatusTest {

    @Test
    void aDescriptionOf140CharactersIsKept() {
        String exact = "x".repeat(140);
        assertThat(CommitStatus.of(State.SUCCESS, null, exact).description()).isEqualTo(exact);
    }

    @Test
    void aLongerOneIsCutWithAnEllipsisAndNeverSplitsACharacter() {
        String emoji = "📝".repeat(200); // two chars each in UTF-16
        String cut = CommitStatus.of(State.SUCCESS, null, emoji).description();
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(140);
        assertThat(cut).isEqualTo("📝".repeat(139) + "…");
    }

    @Test
    void aBlankContextIsImprintsOwn() {
        assertThat(new CommitStatus(State.PENDING, null, null, " ").context()).isEqualTo("imprint/preview");
        assertThat(new CommitStatus(State.PENDING, null, null, "ci/other").context()).isEqualTo("ci/other");
    }
}
