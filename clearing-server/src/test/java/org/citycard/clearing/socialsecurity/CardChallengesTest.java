package org.citycard.clearing.socialsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The challenges of card-present queries: random, one use, for one terminal, {@link CardChallenges#LIFETIME}. */
class CardChallengesTest {
    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2031-01-01T08:00:00Z");

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

    final MovableClock clock = new MovableClock();
    final CardChallenges challenges = new CardChallenges(clock);

    @Test
    void aChallengeServesOnce_andOnlyItsTerminal() {
        String c = challenges.issue("000000000001");

        assertThat(c).matches("[0-9A-F]{16}");
        assertThat(challenges.consume("000000000002", c)).isFalse();
        assertThat(challenges.consume("000000000001", c)).isTrue();
        assertThat(challenges.consume("000000000001", c)).as("used").isFalse();
    }

    @Test
    void aChallengeExpiresAfterItsLifetime() {
        String young = challenges.issue("000000000001");
        String old = challenges.issue("000000000001");
        clock.now = clock.now.plus(CardChallenges.LIFETIME).minusMillis(1);
        assertThat(challenges.consume("000000000001", young)).isTrue();
        clock.now = clock.now.plus(Duration.ofMillis(1));
        assertThat(challenges.consume("000000000001", old)).as("60 s old").isFalse();
    }

    @Test
    void aTerminalHoldsAFewAtMost_theOldestGoes_andTheyDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        String first = challenges.issue("000000000001");
        seen.add(first);
        String last = null;
        for (int i = 0; i < CardChallenges.PER_TERMINAL; i++) {
            last = challenges.issue("000000000001");
            assertThat(seen.add(last)).isTrue();
        }
        assertThat(challenges.consume("000000000001", first)).as("pushed out").isFalse();
        assertThat(challenges.consume("000000000001", last)).isTrue();
    }
}
