package org.citycard.system.bench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.citycard.applet.sim.CitizenProfile;
import org.citycard.applet.sim.PsamProfile;
import org.citycard.applet.sim.SimPersonaliser;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.cardlink.command.CreditForLoad;
import org.citycard.cardlink.command.GetBalance;
import org.citycard.cardlink.command.InitializeForLoad;
import org.citycard.cardlink.command.LoadInit;
import org.citycard.cardlink.command.SelectApplication;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' and server tests' {@link HostCardModel} answers as the real purse applet (in jCardSim) does: for
 * the same card state and the card's own random, the same INITIALIZE FOR LOAD answer byte for byte (balance, online
 * counter, key version, algorithm, random, MAC1), the same TAC for the same host MAC2, the same balances after.
 */
class HostCardModelKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String TERMINAL = PsamProfile.DEMO_TERMINAL_ID;

    @Test
    void loads_answerAsTheRealApplet() {
        KeySet keys = KeySet.demo();
        String asn = CitizenProfile.DEMO_ASN;
        SimulatedCard card = SimPersonaliser.demo().newCitizenCard(CitizenProfile.demo());
        HostCardModel model = new HostCardModel(keys, asn, 0, 0, 0);
        byte keyIndex = HexFormat.of()
                .parseHex(Dictionary.standard().parameter("card_key_index").value())[0];

        for (long amount : new long[] {20_000, 1, 12_345}) {
            SelectApplication.send(
                    card, Dictionary.standard().application("purse").aidBytes());
            LoadInit real = InitializeForLoad.send(card, keyIndex, amount, Bcd.encode("terminal_id", TERMINAL, 6));
            byte[] modelled = model.initializeForLoad(amount, TERMINAL, real.random());
            assertThat(HEX.formatHex(modelled))
                    .as("INITIALIZE FOR LOAD of %d fen", amount)
                    .isEqualTo(HEX.formatHex(real.raw()));

            byte[] date = Bcd.encode("date", "20261202", 4);
            byte[] time = Bcd.encode("transaction_time", "101500", 3);
            byte[] mac2 = hostMac2(keys, asn, real, amount);
            byte[] realTac = CreditForLoad.send(card, date, time, mac2);
            byte[] modelTac = model.creditForLoad(concat(mac2, date, time));
            assertThat(HEX.formatHex(modelTac))
                    .as("TAC of the load of %d fen", amount)
                    .isEqualTo(HEX.formatHex(realTac));
            assertThat(GetBalance.send(card)).isEqualTo(model.balance());
        }
        assertThat(model.balance()).isEqualTo(32_346);
        assertThat(model.onlineSeq()).isEqualTo(3);
    }

    @Test
    void aWrongMac2_isRefusedByBoth() {
        KeySet keys = KeySet.demo();
        SimulatedCard card = SimPersonaliser.demo().newCitizenCard(CitizenProfile.demo());
        HostCardModel model = new HostCardModel(keys, CitizenProfile.DEMO_ASN, 0, 0, 0);
        SelectApplication.send(card, Dictionary.standard().application("purse").aidBytes());
        LoadInit real = InitializeForLoad.send(card, 1, 500, Bcd.encode("terminal_id", TERMINAL, 6));
        model.initializeForLoad(500, TERMINAL, real.random());
        byte[] date = Bcd.encode("date", "20261202", 4);
        byte[] time = Bcd.encode("transaction_time", "101500", 3);
        byte[] mac2 = hostMac2(keys, CitizenProfile.DEMO_ASN, real, 500);
        mac2[0] ^= 1;

        assertThatThrownBy(() -> CreditForLoad.send(card, date, time, mac2)).hasMessageContaining("9302");
        assertThatThrownBy(() -> model.creditForLoad(concat(mac2, date, time))).hasMessageContaining("9302");
        assertThat(model.balance()).isZero();
        assertThat(GetBalance.send(card)).isZero();
    }

    /** MAC2 as the clearing host computes it, with the card's DLK from MLK. */
    private static byte[] hostMac2(KeySet keys, String asn, LoadInit init, long amount) {
        CardCrypto crypto = CardCrypto.tdes();
        byte[] seq = Arrays.copyOfRange(init.raw(), 4, 6);
        byte[] seslk = crypto.loadSessionKey(crypto.cardKey(keys.key("MLK"), asn), init.random(), seq);
        return crypto.loadMac2(
                seslk,
                Amounts.toBytes("amount", amount, 4),
                Bcd.encode("terminal_id", TERMINAL, 6),
                Bcd.encode("date", "20261202", 4),
                Bcd.encode("transaction_time", "101500", 3));
    }

    private static byte[] concat(byte[]... parts) {
        return CardCrypto.concat(parts);
    }
}
