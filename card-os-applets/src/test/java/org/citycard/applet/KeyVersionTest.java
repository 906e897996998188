package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.citycard.applet.sim.CitizenProfile;
import org.citycard.applet.sim.PsamProfile;
import org.citycard.applet.sim.SimPersonaliser;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.command.ApplicationBlock;
import org.citycard.cardlink.command.ComputeBlockMac;
import org.citycard.cardlink.command.GetChallenge;
import org.citycard.cardlink.command.SelectApplication;
import org.citycard.cardlink.perso.CardRekeyer;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Key versions with the real applets in jCardSim (issue 22): a PSAM holding versions 01 and 02 serves cards of both,
 * each by the version its INITIALIZE answers; a PSAM without a version refuses its cards; a counter re-keys a card
 * from 01 to 02 by PUT KEY under secure messaging, also after an interruption.
 */
class KeyVersionTest {
    private static final String ASN = CitizenProfile.DEMO_ASN;
    private static final String OTHER_ASN = "31000000000000067890";
    private static final String TERMINAL = PsamProfile.DEMO_TERMINAL_ID;

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void psamOfBothVersions_servesACardOfVersion02AndOneOf01(Algorithm algorithm) {
        SimPersonaliser v1 = SimPersonaliser.demo(algorithm, 1);
        SimPersonaliser v2 = SimPersonaliser.demo(algorithm, 2);
        SimulatedCard psam = v2.newPsam(PsamProfile.demo());
        SimulatedCard newCard = v2.newCitizenCard(CitizenProfile.demo(ASN));
        SimulatedCard oldCard = v1.newCitizenCard(CitizenProfile.demo(OTHER_ASN));

        assertThat(v2.load(newCard, ASN, 5_000, TERMINAL)).isEqualTo(5_000);
        assertThat(v1.load(oldCard, OTHER_ASN, 3_000, TERMINAL)).isEqualTo(3_000);
        SimPersonaliser.Purchase p2 = v2.purchase(newCard, psam, ASN, 400);
        SimPersonaliser.Purchase p1 = v1.purchase(oldCard, psam, OTHER_ASN, 250);

        assertThat(p2.keyVersion()).isEqualTo(2);
        assertThat(p2.algorithm()).isEqualTo(algorithm);
        assertThat(p2.balanceAfter()).isEqualTo(4_600);
        assertThat(p1.keyVersion()).isEqualTo(1);
        assertThat(p1.balanceAfter()).isEqualTo(2_750);
    }

    /** The version-02 card's keys are not the version-01 ones: the v01 host keys do not verify its load. */
    @Test
    void cardOfVersion02_isNotLoadedWithTheKeysOfVersion01() {
        SimulatedCard card = SimPersonaliser.demo(Algorithm.TDES, 2).newCitizenCard(CitizenProfile.demo(ASN));

        assertThatThrownBy(() -> SimPersonaliser.demo(Algorithm.TDES, 1).load(card, ASN, 100, TERMINAL))
                .hasMessageContaining("MAC1 does not verify");
    }

    @Test
    void psamOfVersion01Only_refusesACardOfVersion02With9403() {
        SimPersonaliser onlyV1 = new SimPersonaliser(
                new OnlyVersion01(KeySet.demo()), KeySet.demo().key("TK"));
        SimulatedCard psam = onlyV1.newPsam(PsamProfile.demo(), EnumSet.of(Algorithm.TDES));
        SimPersonaliser v2 = SimPersonaliser.demo(Algorithm.TDES, 2);
        SimulatedCard card = v2.newCitizenCard(CitizenProfile.demo(ASN));
        v2.load(card, ASN, 1_000, TERMINAL);

        assertThatThrownBy(() -> v2.purchase(card, psam, ASN, 100)).hasMessageContaining("9403");
        SimPersonaliser v1 = SimPersonaliser.demo(Algorithm.TDES, 1);
        SimulatedCard oldCard = v1.newCitizenCard(CitizenProfile.demo(OTHER_ASN));
        v1.load(oldCard, OTHER_ASN, 1_000, TERMINAL);
        assertThat(v1.purchase(oldCard, psam, OTHER_ASN, 100).keyVersion()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void counterRekey_movesACardFrom01To02_andItWorksUnder02(Algorithm algorithm) {
        SimPersonaliser v1 = SimPersonaliser.demo(algorithm, 1);
        SimPersonaliser v2 = SimPersonaliser.demo(algorithm, 2);
        SimulatedCard psam = v2.newPsam(PsamProfile.demo());
        SimulatedCard card = v1.newCitizenCard(CitizenProfile.demo(ASN));
        v1.load(card, ASN, 2_000, TERMINAL);

        CardRekeyer.Outcome outcome =
                new CardRekeyer(Dictionary.standard(), TERMINAL).rekey(card, ASN, KeySet.demo(), 2);

        assertThat(outcome.fromVersion()).isEqualTo(1);
        assertThat(outcome.toVersion()).isEqualTo(2);
        assertThat(outcome.keysPut()).isEqualTo(9);
        assertThat(v2.load(card, ASN, 1_000, TERMINAL))
                .as("balance kept, loaded under 02")
                .isEqualTo(3_000);
        SimPersonaliser.Purchase p = v2.purchase(card, psam, ASN, 500);
        assertThat(p.keyVersion()).isEqualTo(2);
        assertThat(p.balanceAfter()).isEqualTo(2_500);
        assertThatThrownBy(() -> v1.load(card, ASN, 100, TERMINAL)).hasMessageContaining("MAC1 does not verify");
    }

    /** A re-key torn after the purse's new DAMK went in is finished by running it again (its DAMK is then new). */
    @Test
    void interruptedRekey_isFinishedByRunningItAgain() {
        SimPersonaliser v1 = SimPersonaliser.demo(Algorithm.TDES, 1);
        SimulatedCard card = v1.newCitizenCard(CitizenProfile.demo(ASN));
        CardRekeyer rekeyer = new CardRekeyer(Dictionary.standard(), TERMINAL);
        AtomicInteger putKeys = new AtomicInteger();
        ApduTransport tearing = apdu -> {
            if ((apdu[0] & 0xFF) == 0x84 && (apdu[1] & 0xFF) == 0xD4 && putKeys.incrementAndGet() > 8) {
                throw new IllegalStateException("card removed");
            }
            return card.transmit(apdu);
        };

        assertThatThrownBy(() -> rekeyer.rekey(tearing, ASN, KeySet.demo(), 2)).hasMessageContaining("card removed");
        assertThat(rekeyer.currentKeys(card).keyVersion())
                .as("DLK not yet replaced")
                .isEqualTo(1);
        CardRekeyer.Outcome again = rekeyer.rekey(card, ASN, KeySet.demo(), 2);

        assertThat(again.fromVersion()).isEqualTo(1);
        assertThat(rekeyer.currentKeys(card).keyVersion()).isEqualTo(2);
        SimPersonaliser v2 = SimPersonaliser.demo(Algorithm.TDES, 2);
        v2.load(card, ASN, 1_000, TERMINAL);
        assertThat(v2.purchase(card, v2.newPsam(PsamProfile.demo()), ASN, 100).keyVersion())
                .isEqualTo(2);
    }

    @Test
    void rekey_toAVersionTheKeySetLacks_isRefusedBeforeAnyChange() {
        SimulatedCard card = SimPersonaliser.demo(Algorithm.TDES, 1).newCitizenCard(CitizenProfile.demo(ASN));
        CardRekeyer rekeyer = new CardRekeyer(Dictionary.standard(), TERMINAL);

        assertThatThrownBy(() -> rekeyer.rekey(card, ASN, KeySet.demo(), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("to 03")
                .hasMessageContaining("holds versions 01, 02 only");
        assertThat(rekeyer.currentKeys(card).keyVersion()).isEqualTo(1);
    }

    /** A hotlisted card of version 02 is blocked with the block MAC of the PSAM's MAMK of version 02. */
    @Test
    void blockMac_usesTheMamkOfTheCardsVersion() {
        SimPersonaliser v2 = SimPersonaliser.demo(Algorithm.TDES, 2);
        SimulatedCard psam = v2.newPsam(PsamProfile.demo());
        SimulatedCard card = v2.newCitizenCard(CitizenProfile.demo(ASN));
        byte[] right8 = CardCrypto.asnDiversifier(ASN);
        SelectApplication.send(psam, CardConstants.AID_PSAM);
        SelectApplication.send(card, CardConstants.AID_PURSE);

        byte[] wrong = ComputeBlockMac.send(
                psam, (byte) 0, (byte) 1, right8, GetChallenge.send(card, 4), ApplicationBlock.header());
        assertThatThrownBy(() -> ApplicationBlock.send(card, wrong)).hasMessageContaining("9302");
        byte[] mac = ComputeBlockMac.send(
                psam, (byte) 0, (byte) 2, right8, GetChallenge.send(card, 4), ApplicationBlock.header());
        ApplicationBlock.send(card, mac);

        assertThat(card.transmit(CardFixture.apdu(0x00, 0xA4, 0x04, 0x00, CardConstants.AID_PURSE, 0)))
                .endsWith((byte) 0x62, (byte) 0x83);
    }

    /** The demo key set without its version 02: a key store of before issue 22. */
    private record OnlyVersion01(KeySet demo) implements KeySet {
        @Override
        public String name() {
            return "demo-v01-only";
        }

        @Override
        public boolean isDemo() {
            return true;
        }

        @Override
        public byte keyVersion() {
            return demo.keyVersion();
        }

        @Override
        public byte[] key(String id) {
            return demo.key(id);
        }

        @Override
        public boolean has(String id) {
            return demo.has(id);
        }

        @Override
        public byte[] key(String id, Algorithm algorithm) {
            return demo.key(id, algorithm);
        }

        @Override
        public boolean has(String id, Algorithm algorithm) {
            return demo.has(id, algorithm);
        }
    }
}
