package dev.imprint.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Credentials come out of every URL in a message, and nothing else does. */
class RedactTest {
    @Test
    void userinfoLeavesEveryUrlInAMessage() {
        assertThat(Redact.text("cannot fetch https://ada:ghp_x@github.com/ada/notes.git: https://ghp_y@github.com/ada/notes.git: not authorized"))
                .isEqualTo("cannot fetch https://github.com/ada/notes.git: https://github.com/ada/notes.git: not authorized");
        assertThat(Redact.text("push to 'http://u:p@ss:w@rd@127.0.0.1:8080/x.git' failed"))
                .isEqualTo("push to 'http://127.0.0.1:8080/x.git' failed");
        assertThat(Redact.text("at ssh://git@example.org/x.git")).isEqualTo("at ssh://example.org/x.git");
    }

    @Test
    void whatIsNoUserinfoStays() {
        for (String s : new String[] {"mail ada@example.org", "https://example.org/@ada/notes", "https://example.org/x?by=a@b",
                "git@github.com:ada/notes.git", "no URL here", ""}) {
            assertThat(Redact.text(s)).isEqualTo(s);
        }
        assertThat(Redact.text(null)).isNull();
    }

    @Test
    void aPasswordOrAnHttpUserIsASecretAnSshUserIsNot() {
        assertThat(Redact.hasCredentials("https://ada:t@github.com/x.git")).isTrue();
        assertThat(Redact.hasCredentials("https://ghp_token@github.com/x.git")).isTrue();
        assertThat(Redact.hasCredentials("ssh://git:pw@example.org/x.git")).isTrue();
        assertThat(Redact.hasCredentials("ssh://git@example.org/x.git")).isFalse();
        assertThat(Redact.hasCredentials("https://github.com/x.git")).isFalse();
        assertThat(Redact.hasCredentials("notes@example.org")).isFalse();
    }
}
