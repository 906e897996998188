package org.citycard.issuance.workflow;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.citycard.dictionary.validate.CitizenId;
import org.citycard.issuance.store.Database;

/**
 * What {@code issue status} shows: the cards of a citizen (by ID number) or one card (by ASN, card number or
 * application number), each with its state, its history and the states it may move to next.
 */
public final class StatusService {
    private final Database db;

    public StatusService(Database db) {
        this.db = db;
    }

    /** One card as shown. */
    public record CardStatus(
            CardRecord card,
            String maskedCitizenId,
            String holderName,
            List<Workflow.HistoryLine> history,
            Set<CardState> next) {}

    /**
     * Looks a card or citizen up.
     *
     * @param query an 18-character citizen ID, a 20-digit ASN, a 9-character card number or an application number
     * @throws org.citycard.dictionary.validate.ValidationException when an 18-character query is not a valid ID
     *     number (naming the rule it breaks: length, characters, check character, birth date, region)
     * @throws IllegalArgumentException when the query is none of the forms above
     */
    public List<CardStatus> lookup(String query) {
        String q = query == null ? "" : query.strip().toUpperCase(java.util.Locale.ROOT);
        if (q.length() == 18) {
            CitizenId.parse(q); // a mistyped ID number is named as such, not "no card"
        } else if (!q.matches("\\d{20}") && q.length() != 9 && !q.matches("\\d{1,17}")) {
            throw new IllegalArgumentException("'" + org.citycard.issuance.audit.Redaction.clean(query)
                    + "' is not a citizen ID number (18 characters, GB 11643), an ASN (20 digits), a card number"
                    + " (9 characters) or an application number (digits)");
        }
        return db.read(c -> {
            List<CardRecord> cards = new ArrayList<>();
            if (q.matches("\\d{17}[\\dX]")) {
                cards.addAll(CardRepository.byCitizen(c, q));
            } else if (q.matches("\\d{20}")) {
                CardRepository.findByAsn(c, q).ifPresent(cards::add);
            } else if (q.length() == 9) {
                CardRepository.findByCardNumber(c, q).ifPresent(cards::add);
            }
            if (cards.isEmpty() && q.matches("\\d{1,18}")) {
                CardRepository.find(c, Long.parseLong(q)).ifPresent(cards::add);
            }
            List<CardStatus> out = new ArrayList<>();
            for (CardRecord card : cards) {
                out.add(new CardStatus(
                        card,
                        CitizenId.mask(card.citizenId()),
                        name(c, card.citizenId()).orElse(""),
                        Workflow.history(c, card.id()),
                        card.state().next()));
            }
            return out;
        });
    }

    private static Optional<String> name(Connection c, String citizenId) throws SQLException {
        return Database.first(c, "SELECT name FROM citizen WHERE citizen_id = ?", rs -> rs.getString(1), citizenId);
    }
}
