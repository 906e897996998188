package org.citycard.applet.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import com.licel.jcardsim.base.Simulator;
import java.util.HexFormat;
import javacard.framework.AID;
import javacard.framework.Applet;
import org.citycard.applet.CardConstants;
import org.citycard.applet.purse.PurseApplet;
import org.citycard.applet.sim.CitizenProfile;
import org.citycard.applet.sim.CityCardRuntime;
import org.citycard.applet.sim.SimPersonaliser;
import org.citycard.applet.ssse.SsseApplet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The purse's PIN across the Java Card firewall: the SSSE (package {@code org.citycard.applet.ssse}) gets it and
 * verifies through it; an applet of another package does not, whatever it sends.
 */
class FirewallTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] FOREIGN_AID = HEX.parseHex("F0434346524E01");
    private static final byte[] RIGHT_PIN = HEX.parseHex(CitizenProfile.DEMO_PIN);
    private static final byte[] WRONG_PIN = HEX.parseHex("654321");

    private Simulator card;

    @BeforeEach
    void citizenCardWithAForeignApplet() {
        card = new Simulator(new CityCardRuntime());
        install(CardConstants.AID_PURSE, PurseApplet.class);
        install(CardConstants.AID_SSSE, SsseApplet.class);
        install(FOREIGN_AID, ForeignApplet.class);
        SimPersonaliser.demo().personaliseCitizen(card::transmitCommand, CitizenProfile.demo());
    }

    private void install(byte[] aid, Class<? extends Applet> applet) {
        byte[] tk = CardConstants.DEMO_TRANSPORT_KEY; // the demo transport key, given as the applet data
        byte[] params = new byte[aid.length + 3 + tk.length];
        params[0] = (byte) aid.length;
        System.arraycopy(aid, 0, params, 1, aid.length);
        params[aid.length + 2] = (byte) tk.length;
        System.arraycopy(tk, 0, params, aid.length + 3, tk.length);
        card.installApplet(new AID(aid, (short) 0, (byte) aid.length), applet, params, (short) 0, (byte) params.length);
    }

    private String send(String hex) {
        return HEX.formatHex(card.transmitCommand(HEX.parseHex(hex)));
    }

    private String select(byte[] aid) {
        return send("00A40400" + String.format("%02X", aid.length) + HEX.formatHex(aid) + "00");
    }

    private static String verify(byte[] pin) {
        return "00200000" + String.format("%02X", pin.length) + HEX.formatHex(pin);
    }

    private String purseTriesStatus() {
        select(CardConstants.AID_PURSE);
        return send("00200000");
    }

    @Test
    void foreignApplet_getsNoPinInterfaceFromThePurse() {
        select(FOREIGN_AID);

        assertThat(send("80010000"))
                .as("the purse answers a foreign client with null")
                .isEqualTo("009000");
    }

    @Test
    void foreignApplet_cannotSpendThePinTries() {
        String before = purseTriesStatus();
        select(FOREIGN_AID);

        assertThat(send("80020000" + String.format("%02X", WRONG_PIN.length) + HEX.formatHex(WRONG_PIN)))
                .as("no interface, so no VERIFY: 6985")
                .isEqualTo("6985");
        assertThat(purseTriesStatus())
                .as("the tries left are untouched")
                .isEqualTo(before)
                .startsWith("63C");
    }

    @Test
    void ssse_getsThePinInterfaceAndVerifiesThroughIt() {
        select(CardConstants.AID_SSSE);
        assertThat(send("00B2083400")).as("EF06 before the PIN").isEqualTo("6982");

        assertThat(send(verify(WRONG_PIN))).as("a wrong PIN through the purse").startsWith("63C");
        assertThat(send(verify(RIGHT_PIN)))
                .as("the right PIN through the purse")
                .isEqualTo("9000");
        assertThat(send("00B2083400")).as("EF06 after the PIN").endsWith("9000").hasSizeGreaterThan(4);

        select(CardConstants.AID_PURSE);
        assertThat(send("00200000"))
                .as("the purse sees the PIN verified through the SSSE")
                .isEqualTo("9000");
    }

    @Test
    void purse_verifiesThroughTheSameObject_andTheForeignAppletStillGetsNothing() {
        select(CardConstants.AID_PURSE);
        assertThat(send(verify(RIGHT_PIN))).isEqualTo("9000");

        select(FOREIGN_AID);
        assertThat(send("80010000")).isEqualTo("009000");
        assertThat(send("80020000" + String.format("%02X", RIGHT_PIN.length) + HEX.formatHex(RIGHT_PIN)))
                .as("not even with the right PIN")
                .isEqualTo("6985");
    }
}
