package org.citycard.issuance.perso;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.citycard.cardlink.perso.CardProfile;
import org.citycard.issuance.enrolment.Citizen;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardRepository;

/** The card's record and its citizen turned into what card-link's personaliser writes. */
final class CardProfiles {
    private CardProfiles() {}

    /** What personalisation writes to a card of the batch. */
    static CardProfile profile(Connection c, long cardId) throws SQLException {
        CardRecord card = CardRepository.get(c, cardId);
        Citizen z = Citizen.find(c, card.citizenId()).orElseThrow();
        List<String> insurance = card.insurance() == null
                ? List.of()
                : Arrays.stream(card.insurance().split(";"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
        return new CardProfile(
                card.asn(),
                card.cardNumber(),
                z.citizenId(),
                z.name(),
                z.sex(),
                z.ethnicity(),
                z.birthplace(),
                z.birthDate(),
                card.cardType(),
                card.issueDate(),
                card.expiryDate(),
                insurance);
    }
}
