package org.citycard.issuance.perso;

import java.sql.Timestamp;
import java.time.Clock;
import org.citycard.cardlink.CardConnection;
import org.citycard.cardlink.perso.PsamPersonaliser;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.validate.Rules;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.Database;

/** A terminal's PSAM: personalised once per terminal ID, recorded and audited. */
final class PsamProduction {
    private final Database db;
    private final Dictionary dict;
    private final AuditLog audit;
    private final Clock clock;

    PsamProduction(Database db, Dictionary dict, AuditLog audit, Clock clock) {
        this.db = db;
        this.dict = dict;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Personalises a terminal's PSAM and records it.
     *
     * @param terminalId the 12-digit terminal ID the PSAM will serve
     */
    int personalise(Staff operator, KeySet keys, CardConnection psam, String terminalId) {
        operator.require(Permission.PRODUCE);
        Rules.checkElement(dict, "terminal_id", terminalId);
        if (db.read(c -> Database.first(c, "SELECT terminal_id FROM psam WHERE terminal_id = ?", rs -> 1, terminalId))
                .isPresent()) {
            throw new IllegalStateException("a PSAM for terminal " + terminalId + " was personalised already");
        }
        // a PSAM serves the cards of every algorithm its key set holds (3DES and SM4 cards in one city)
        PsamPersonaliser personaliser = new PsamPersonaliser(dict, keys);
        java.util.Set<org.citycard.dictionary.crypto.Algorithm> algorithms = personaliser.availableAlgorithms();
        int files = personaliser.personalise(psam.transport(), terminalId, algorithms);
        db.inTransaction(c -> {
            Database.update(
                    c,
                    "INSERT INTO psam (terminal_id, key_set, personalised_at, personalised_by) VALUES (?, ?, ?, ?)",
                    terminalId,
                    keys.name(),
                    Timestamp.from(clock.instant()),
                    operator.username());
            audit.record(
                    c,
                    operator,
                    AuditAction.PSAM_PERSONALISE,
                    null,
                    null,
                    "PSAM of terminal " + terminalId + " with key set " + keys.name() + " " + algorithms + ", " + files
                            + " files verified");
            return null;
        });
        return files;
    }
}
