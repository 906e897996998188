package org.citycard.clearing.exchange;

import java.util.Objects;
import java.util.Optional;
import org.citycard.clearing.socialsecurity.SocialSecurityRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Medical-account movements by their natural key, the sending department and its movement ID (issue 15), for
 * exchange files and MM documents alike: a movement sent again (in another file, a file with one byte changed, a
 * document under another ID) is recognised and not booked twice; one with the same ID and other content is a
 * conflict the caller refuses. The database's unique key (sender, movement_id) backs this up.
 */
@Component
public class MedicalMovementLedger {
    private final JdbcClient jdbc;

    MedicalMovementLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What became of a movement. */
    public interface Booking {
        /** Booked now. */
        record Booked() implements Booking {}

        /** The same movement was booked before (from {@code source}): nothing done. */
        record Before(String source) implements Booking {}

        /** The ID was booked before with other content: refuse it. */
        record Conflict(String rule) implements Booking {}
    }

    /** Books the movement {@code movementId} of {@code sender} unless it was booked before. */
    public Booking book(String sender, String movementId, SocialSecurityRepository.Movement m, String sha256) {
        Optional<Stored> before = stored(sender, movementId);
        if (before.isPresent()) {
            return judge(sender, movementId, m, before.get());
        }
        jdbc.sql("INSERT INTO ss_medical_movement (import_sha256, line_no, citizen_id, movement_date, direction,"
                        + " amount, balance_after, description, sender, movement_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        sha256,
                        m.lineNo(),
                        m.citizenId(),
                        m.date(),
                        m.direction(),
                        m.amount(),
                        m.balanceAfter(),
                        m.description() == null ? "" : m.description(),
                        sender,
                        movementId)
                .update();
        return new Booking.Booked();
    }

    private record Stored(SocialSecurityRepository.Movement movement, String sha256) {}

    private Optional<Stored> stored(String sender, String movementId) {
        return jdbc.sql("SELECT * FROM ss_medical_movement WHERE sender = ? AND movement_id = ?")
                .params(sender, movementId)
                .query((rs, i) -> new Stored(
                        new SocialSecurityRepository.Movement(
                                rs.getString("citizen_id"),
                                rs.getString("movement_date"),
                                rs.getString("direction").strip(),
                                rs.getLong("amount"),
                                rs.getLong("balance_after"),
                                rs.getString("description"),
                                rs.getInt("line_no")),
                        rs.getString("import_sha256")))
                .optional();
    }

    private static Booking judge(String sender, String movementId, SocialSecurityRepository.Movement m, Stored before) {
        SocialSecurityRepository.Movement b = before.movement();
        boolean same = b.citizenId().equals(m.citizenId())
                && b.date().equals(m.date())
                && b.direction().equals(m.direction())
                && b.amount() == m.amount()
                && b.balanceAfter() == m.balanceAfter()
                && Objects.equals(strip(b.description()), strip(m.description()));
        if (same) {
            return new Booking.Before(before.sha256());
        }
        return new Booking.Conflict("movement " + movementId + " of " + sender + " was taken in before with other"
                + " content (citizen, date, direction, amount, balance after or description differ): a movement ID"
                + " names one movement; refused, the booked one stands");
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
