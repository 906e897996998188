package org.citycard.issuance.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.citycard.issuance.workflow.CardState.*;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.support.Fixture;
import org.citycard.issuance.support.People;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowTest {
    /** DESIGN §3.6, written out independently of the dictionary: the dictionary must agree with it. */
    static final Map<CardState, Set<CardState>> DESIGN = Map.ofEntries(
            Map.entry(APPLIED, EnumSet.of(VERIFIED, REJECTED)),
            Map.entry(VERIFIED, EnumSet.of(IN_PRODUCTION)),
            Map.entry(IN_PRODUCTION, EnumSet.of(PERSONALISED)),
            Map.entry(PERSONALISED, EnumSet.of(DISTRIBUTED)),
            Map.entry(DISTRIBUTED, EnumSet.of(ACTIVE)),
            Map.entry(ACTIVE, EnumSet.of(LOST, CANCELLED, EXPIRED)),
            Map.entry(LOST, EnumSet.of(ACTIVE, REPLACED, CANCELLED)),
            Map.entry(EXPIRED, EnumSet.of(REPLACED, CANCELLED)),
            Map.entry(REPLACED, EnumSet.noneOf(CardState.class)),
            Map.entry(CANCELLED, EnumSet.noneOf(CardState.class)),
            Map.entry(REJECTED, EnumSet.noneOf(CardState.class)));

    @TempDir
    Path dir;

    Fixture f;
    long card;

    @BeforeEach
    void open() {
        f = new Fixture(dir.resolve("data"));
        card = f.tool.enrolment().enrol(f.clerk, People.applicant(dir, People.id(1), "张三"));
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void dictionaryTransitions_areThoseOfTheDesign() {
        for (CardState s : CardState.values()) {
            assertThat(s.next()).as("next states of %s", s).isEqualTo(DESIGN.get(s));
        }
        assertThat(CANCELLED.isFinal()).isTrue();
        assertThat(ACTIVE.code()).isEqualTo("60");
        assertThat(CardState.parse("lost")).isEqualTo(LOST);
        assertThat(CardState.parse("90")).isEqualTo(CANCELLED);
    }

    @Test
    void everyPairOfStates_isAllowedExactlyWhenTheDesignSaysSo() {
        int allowed = 0;
        int refused = 0;
        for (CardState from : CardState.values()) {
            for (CardState to : CardState.values()) {
                force(from);
                boolean expected = DESIGN.get(from).contains(to);
                if (expected) {
                    CardRecord r =
                            f.tool.db().inTransaction(c -> f.tool.workflow().move(c, f.supervisor, card, to, "test"));
                    assertThat(r.state()).isEqualTo(to);
                    allowed++;
                } else {
                    assertThatThrownBy(() -> f.tool.db()
                                    .inTransaction(c -> f.tool.workflow().move(c, f.supervisor, card, to, "test")))
                            .as("%s -> %s", from, to)
                            .isInstanceOf(TransitionRefusedException.class);
                    assertThat(current()).isEqualTo(from);
                    refused++;
                }
            }
        }
        assertThat(allowed).isEqualTo(14);
        assertThat(refused).isEqualTo(11 * 11 - 14);
    }

    @Test
    void skippingAStep_isRefusedWithTheAllowedNextStates() {
        assertThatThrownBy(() -> f.tool.db()
                        .inTransaction(c -> f.tool.workflow().move(c, f.supervisor, card, IN_PRODUCTION, null)))
                .hasMessageContaining("is 10 已申请 Applied and cannot move to 30 制卡中 In production")
                .hasMessageContaining("may move to [20 已比对 Verified, 99 已驳回 Rejected]");
    }

    @Test
    void cancelledCard_neverChangesStateAgain() {
        force(CANCELLED);
        for (CardState to : CardState.values()) {
            assertThatThrownBy(() ->
                            f.tool.db().inTransaction(c -> f.tool.workflow().move(c, f.supervisor, card, to, null)))
                    .hasMessageContaining("is final");
        }
    }

    @Test
    void moves_areWrittenToTheHistoryAndAudited() {
        f.tool.db().inTransaction(c -> f.tool.workflow().move(c, f.reviewer, card, VERIFIED, "checked"));
        var s = f.tool.status().lookup(Long.toString(card)).get(0);
        assertThat(s.history()).hasSize(2);
        assertThat(s.history().get(1).actor()).isEqualTo("rev");
        assertThat(s.history().get(1).reason()).isEqualTo("checked");
        assertThat(s.next()).containsExactly(IN_PRODUCTION);
        assertThat(f.tool.audit().list(null, People.id(1), 5))
                .anySatisfy(e -> assertThat(e.detail()).contains("APPLIED -> VERIFIED: checked"));
    }

    private void force(CardState s) {
        f.tool.db().inTransaction(c -> Database.update(c, "UPDATE card SET state = ? WHERE id = ?", s.code(), card));
    }

    private CardState current() {
        return f.tool.db().read(c -> CardRepository.get(c, card)).state();
    }
}
