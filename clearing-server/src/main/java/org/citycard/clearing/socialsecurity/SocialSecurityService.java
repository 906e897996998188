package org.citycard.clearing.socialsecurity;

import java.util.HexFormat;
import java.util.List;
import org.citycard.clearing.crypto.HostKeys;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.Checks;
import org.citycard.clearing.support.NotFoundException;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.CodeTable;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.validate.CitizenId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A citizen's social-security summary for the kiosk or the counter: contributions by month and insurance type, the
 * medical account's balance and movements, the card's state. The kiosk or counter is a terminal authenticated by its
 * MAC; it asks after the citizen verified the PIN on the card, with the card present (its cryptogram); the citizen is
 * the holder of that card. Nobody reads a citizen's records by ID number alone (issue 15).
 */
@Service
public class SocialSecurityService {
    static final int CONTRIBUTION_ROWS = 120;
    static final int MOVEMENT_ROWS = 50;
    private static final CodeTable INSURANCE = Dictionary.standard().codeTable("insurance-type");
    private static final CodeTable CARD_STATES = Dictionary.standard().codeTable("card-state");

    private static final Logger log = LoggerFactory.getLogger(SocialSecurityService.class);

    /**
     * The one answer (404) to a card-present query that is not answered: no such citizen, a card not the citizen's,
     * an unknown or inactive card, a cryptogram that does not verify, a challenge unknown, used or expired. Nobody
     * can tell from it which ID numbers exist or whose card is whose.
     */
    public static final String NOT_ANSWERED =
            "no answer for this card and citizen: ask a new challenge, have the citizen's own card answer it";

    private final SocialSecurityRepository repository;
    private final ReferenceService reference;
    private final CardChallenges challenges;
    private final HostKeys keys;

    public SocialSecurityService(
            SocialSecurityRepository repository, ReferenceService reference, CardChallenges challenges, HostKeys keys) {
        this.repository = repository;
        this.reference = reference;
        this.challenges = challenges;
        this.keys = keys;
    }

    /**
     * A card-present query's request (the four kiosk / counter calls take the same): the presented card, the
     * server's challenge ({@code POST /api/v1/terminal/challenges}) and the card's INTERNAL AUTHENTICATE of it. No
     * citizen ID: the citizen is the card's holder (so no ID number is in any URL, log or proxy).
     */
    public record CardPresence(String asn, String challenge, String cryptogram) {}

    /**
     * The kiosk's or counter's query with the card present (CARD-SPEC §4.6, issue 15): answered only when the
     * challenge is one this terminal got and has not used, the cryptogram is the card's INTERNAL AUTHENTICATE of it,
     * the card is active and has a holder on record — whose summary it is. Every other case gets
     * {@link #NOT_ANSWERED}; the challenge is used up either way.
     */
    public Summary presentSummary(String terminalId, CardPresence presence) {
        String asn = presence.asn();
        String challenge = presence.challenge();
        String cryptogram = presence.cryptogram();
        Checks.element("asn", "asn", asn);
        Checks.require(
                challenge != null && challenge.matches("[0-9A-Fa-f]{16}"),
                "challenge",
                challenge,
                "16 hex digits, from POST /api/v1/terminal/challenges");
        Checks.require(
                cryptogram != null && cryptogram.matches("[0-9A-Fa-f]{16}"),
                "cryptogram",
                cryptogram,
                "16 hex digits, the card's answer to INTERNAL AUTHENTICATE of the challenge");
        boolean fresh = challenges.consume(terminalId, challenge);
        if (!keys.cardPresence().available()) {
            log.warn("card-present query refused: the key set {} holds no MIAK", keys.keySetName());
            throw new NotFoundException(NOT_ANSWERED);
        }
        boolean verifies = keys.cardPresence()
                .verifies(
                        asn,
                        reference.cardAlgorithm(asn).orElse(null),
                        reference.cardKeyVersion(asn),
                        HexFormat.of().parseHex(challenge),
                        HexFormat.of().parseHex(cryptogram));
        String holder = reference.holderOf(asn).orElse(null);
        if (!(fresh && verifies && holder != null)
                || !CardStates.ACTIVE.equals(reference.card(asn).state())) {
            throw new NotFoundException(NOT_ANSWERED);
        }
        return summary(holder, asn);
    }

    public record ContributionView(
            String month,
            String insuranceType,
            String insurance,
            long base,
            long employerAmount,
            long personalAmount,
            String payer) {}

    public record MovementView(String date, String direction, long amount, long balanceAfter, String description) {}

    public record MedicalAccount(Long balance, String asOf, List<MovementView> movements) {}

    public record CardView(String asn, String state, String stateName) {}

    /** What the kiosk shows; amounts in fen, the citizen's number masked. */
    public record Summary(
            String citizen, CardView card, List<ContributionView> contributions, MedicalAccount medicalAccount) {}

    /**
     * @param asn the presented card, or null
     * @throws HolderMismatchException when {@code asn} is not a card of this citizen
     * @throws NotFoundException when nothing is known of the citizen
     */
    public Summary summary(String citizenId, String asn) {
        Checks.element("ssn", "social_security_number", citizenId);
        Card card = null;
        if (asn != null) {
            Checks.element("asn", "asn", asn);
            String holder = reference.holderOf(asn).orElse(null);
            if (!citizenId.equals(holder)) {
                throw new HolderMismatchException("card " + asn + " is not on record as a card of this citizen");
            }
            card = reference.card(asn);
        } else {
            List<Card> cards = reference.cardsOfHolder(citizenId);
            card = cards.isEmpty() ? null : cards.get(0);
        }
        List<ContributionView> contributions = contributions(citizenId);
        MedicalAccount medical = medicalAccount(citizenId);
        if (card == null && contributions.isEmpty() && medical.movements().isEmpty()) {
            throw new NotFoundException("no social-security records and no card for this citizen");
        }
        return new Summary(CitizenId.mask(citizenId), card == null ? null : view(card), contributions, medical);
    }

    public List<ContributionView> contributions(String citizenId) {
        Checks.element("ssn", "social_security_number", citizenId);
        return repository.contributions(citizenId, CONTRIBUTION_ROWS).stream()
                .map(c -> new ContributionView(
                        c.month(),
                        c.insuranceType(),
                        INSURANCE
                                .find(c.insuranceType())
                                .map(SocialSecurityService::label)
                                .orElse(c.insuranceType()),
                        c.base(),
                        c.employerAmount(),
                        c.personalAmount(),
                        c.payer()))
                .toList();
    }

    public MedicalAccount medicalAccount(String citizenId) {
        Checks.element("ssn", "social_security_number", citizenId);
        List<MovementView> moves = repository.movements(citizenId, MOVEMENT_ROWS).stream()
                .map(m -> new MovementView(m.date(), m.direction(), m.amount(), m.balanceAfter(), m.description()))
                .toList();
        return moves.isEmpty()
                ? new MedicalAccount(null, null, moves)
                : new MedicalAccount(moves.get(0).balanceAfter(), moves.get(0).date(), moves);
    }

    static CardView view(Card c) {
        return new CardView(
                c.asn(),
                c.state(),
                CARD_STATES.find(c.state()).map(SocialSecurityService::label).orElse(c.state()));
    }

    private static String label(Code c) {
        return c.zh() + " " + c.en();
    }

    /** The presented card is not the citizen's: the kiosk gets 403 and nothing about the citizen. */
    public static class HolderMismatchException extends RuntimeException {
        public HolderMismatchException(String message) {
            super(message);
        }
    }
}
