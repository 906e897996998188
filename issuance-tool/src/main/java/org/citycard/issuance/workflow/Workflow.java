package org.citycard.issuance.workflow;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.Database;

/**
 * Moves cards between states. Every move is checked against the dictionary's transitions (no skipping a step, no
 * way back from a final state such as a cancelled card), written to the card's history with who and why, and
 * audited, in the caller's transaction.
 */
public final class Workflow {
    private final AuditLog audit;
    private final Clock clock;

    public Workflow(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Moves a card to a state.
     *
     * @throws TransitionRefusedException when the card's current state does not lead there
     */
    public CardRecord move(Connection c, Staff actor, long cardId, CardState to, String reason) throws SQLException {
        CardRecord card = CardRepository.get(c, cardId);
        if (!card.state().mayMoveTo(to)) {
            throw new TransitionRefusedException(cardId, card.state(), to);
        }
        Instant now = clock.instant();
        CardRepository.setState(c, cardId, to, now);
        Database.update(
                c,
                "INSERT INTO card_history (card_id, from_state, to_state, happened_at, actor, reason) VALUES (?, ?, ?, ?, ?, ?)",
                cardId,
                card.state().code(),
                to.code(),
                Timestamp.from(now),
                actor.username(),
                reason);
        audit.record(
                c,
                actor,
                AuditAction.STATE_CHANGE,
                card.citizenId(),
                card.asn(),
                "card " + cardId + " " + card.state().name() + " -> " + to.name()
                        + (reason == null || reason.isBlank() ? "" : ": " + reason));
        return CardRepository.get(c, cardId);
    }

    /** Records the creation of an application (the first line of its history). */
    public void created(Connection c, Staff actor, long cardId, String reason) throws SQLException {
        Database.update(
                c,
                "INSERT INTO card_history (card_id, from_state, to_state, happened_at, actor, reason) VALUES (?, NULL, ?, ?, ?, ?)",
                cardId,
                CardState.APPLIED.code(),
                Timestamp.from(clock.instant()),
                actor.username(),
                reason);
    }

    /** One line of a card's history. */
    public record HistoryLine(Instant at, CardState from, CardState to, String actor, String reason) {}

    public static List<HistoryLine> history(Connection c, long cardId) throws SQLException {
        return Database.query(
                c,
                "SELECT * FROM card_history WHERE card_id = ? ORDER BY id",
                rs -> new HistoryLine(
                        rs.getTimestamp("happened_at").toInstant(),
                        rs.getString("from_state") == null ? null : CardState.ofCode(rs.getString("from_state")),
                        CardState.ofCode(rs.getString("to_state")),
                        rs.getString("actor"),
                        rs.getString("reason")),
                cardId);
    }
}
