package org.citycard.clearing.socialsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.NotFoundException;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.wire.TerminalType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Card-present queries of SM4 cards (issue 16, CARD-SPEC §4.6 and §7): the server checks an SM4 card's INTERNAL
 * AUTHENTICATE (the leftmost 8 bytes of SM4-ECB(DIAK, challenge ‖ 80 00…), DIAK from the SM4 MIAK) and a 3DES card's
 * as before, each by the algorithm the card registry holds for the card: a 3DES-style answer for an SM4 card is one
 * more refusal, answered as every other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class Sm4CardPresentTest {
    static final KeySet KEYS = KeySet.demo();
    static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Autowired
    ReferenceService reference;

    @Autowired
    ExchangeFileImporter importer;

    @Autowired
    CardChallenges challenges;

    @Autowired
    SocialSecurityService service;

    String kiosk;
    String citizen;

    @BeforeEach
    void aKioskAndACitizen() {
        TestData data = new TestData(reference);
        kiosk = data.terminal(data.department(0), TerminalType.KIOSK);
        citizen = KioskFiles.citizen((int) (TestData.unique() % 900) + 50);
        importer.importFile("present-sm4-" + citizen + ".txt", KioskFiles.file(citizen), "test");
    }

    HostCardModel registered(Algorithm alg) {
        String asn = "3189" + String.format("%016d", TestData.unique());
        reference.registerCard(new Card(asn, CardStates.ACTIVE, null, alg.code()), 0, citizen);
        return new HostCardModel(KEYS, alg, asn, 0, 0, 0);
    }

    String answer(HostCardModel card, String challenge) {
        return HEX.formatHex(card.internalAuthenticate(HEX.parseHex(challenge)));
    }

    @Test
    void anSm4CardsInternalAuthenticate_isVerifiedWithItsSm4Diak() {
        HostCardModel card = registered(Algorithm.SM4);
        String challenge = challenges.issue(kiosk);

        SocialSecurityService.Summary s = service.presentSummary(
                kiosk, new SocialSecurityService.CardPresence(card.asn(), challenge, answer(card, challenge)));

        assertThat(s).isNotNull();
    }

    @Test
    void a3desAnswer_forAnSm4Card_isRefusedAsAnyOtherRefusal() {
        HostCardModel card = registered(Algorithm.SM4);
        HostCardModel asIf3des = new HostCardModel(KEYS, Algorithm.TDES, card.asn(), 0, 0, 0);
        String challenge = challenges.issue(kiosk);

        assertThatThrownBy(() -> service.presentSummary(
                        kiosk,
                        new SocialSecurityService.CardPresence(card.asn(), challenge, answer(asIf3des, challenge))))
                .isInstanceOf(NotFoundException.class)
                .hasMessage(SocialSecurityService.NOT_ANSWERED);
    }

    @Test
    void a3desCard_isStillVerifiedWithIts3desDiak_andAnSm4AnswerForItIsRefused() {
        HostCardModel card = registered(Algorithm.TDES);
        String c1 = challenges.issue(kiosk);
        assertThat(service.presentSummary(
                        kiosk, new SocialSecurityService.CardPresence(card.asn(), c1, answer(card, c1))))
                .isNotNull();

        HostCardModel asIfSm4 = new HostCardModel(KEYS, Algorithm.SM4, card.asn(), 0, 0, 0);
        String c2 = challenges.issue(kiosk);
        assertThatThrownBy(() -> service.presentSummary(
                        kiosk, new SocialSecurityService.CardPresence(card.asn(), c2, answer(asIfSm4, c2))))
                .isInstanceOf(NotFoundException.class)
                .hasMessage(SocialSecurityService.NOT_ANSWERED);
    }
}
