package org.citycard.issuance.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.citycard.issuance.support.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the next person at the desk must not inherit the last one's session. A session ends after a short idle
 * time (15 minutes by default), not only after the working day.
 */
class StaffSessionTest {
    @TempDir
    Path dir;

    final Moving clock = new Moving();
    Fixture f;

    @BeforeEach
    void open() {
        f = new Fixture(dir, clock);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aSessionLeftIdle_ends() {
        String token = f.tool.staff().login("sup", Fixture.PASSWORD.clone());
        clock.move(Duration.ofMinutes(16));
        assertThat(f.tool.staff().session(token)).as("idle 16 minutes").isEmpty();
    }

    @Test
    void aSessionInUse_staysOpen_untilLogout() {
        String token = f.tool.staff().login("sup", Fixture.PASSWORD.clone());
        for (int i = 0; i < 4; i++) {
            clock.move(Duration.ofMinutes(10));
            assertThat(f.tool.staff().session(token))
                    .as("used every 10 minutes")
                    .isPresent();
        }
        f.tool.staff().logout(token);
        assertThat(f.tool.staff().session(token)).isEmpty();
    }

    @Test
    void anIdleSession_isRefusedWithTheReason() {
        String token = f.tool.staff().login("sup", Fixture.PASSWORD.clone(), "alice");
        clock.move(Duration.ofMinutes(16));
        assertThatThrownBy(() -> f.tool.staff().requireSession(token, "alice"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("ended after 15 minutes idle")
                .hasMessageContaining("log in again");
    }

    @Test
    void aCommandLineToken_isRefusedToAnotherOsUser_andToTheDesk() {
        String token = f.tool.staff().login("sup", Fixture.PASSWORD.clone(), "alice");
        assertThat(f.tool.staff().requireSession(token, "alice").username()).isEqualTo("sup");
        assertThatThrownBy(() -> f.tool.staff().requireSession(token, "bob"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("opened by OS user alice, not by OS user bob");
        assertThat(f.tool.staff().session(token)).as("the desk's lookup").isEmpty();
        assertThat(f.tool.staff().requireSession(token, "alice").username())
                .as("still alice's")
                .isEqualTo("sup");
    }

    @Test
    void theDatabase_keepsOnlyTheTokensHash() throws Exception {
        String token = f.tool.staff().login("sup", Fixture.PASSWORD.clone(), "alice");
        String stored = f.tool.db().read(c -> org.citycard.issuance.store.Database.first(
                        c, "SELECT token_hash FROM staff_session", rs -> rs.getString(1))
                .orElseThrow());
        assertThat(stored)
                .isNotEqualTo(token)
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    static final class Moving extends Clock {
        private Instant now = Instant.parse("2026-12-03T08:00:00Z");

        void move(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
