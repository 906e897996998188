package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citycard.applet.CardFixture.apdu;
import static org.citycard.applet.CardFixture.concat;
import static org.citycard.applet.CardFixture.h;

import com.licel.jcardsim.base.Simulator;
import java.util.List;
import javacard.framework.AID;
import javacard.framework.Applet;
import org.citycard.applet.psam.PsamApplet;
import org.citycard.applet.purse.PurseApplet;
import org.citycard.applet.sim.CityCardRuntime;
import org.citycard.applet.ssse.SsseApplet;
import org.citycard.dictionary.crypto.CardCrypto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An applet installed without a transport key in its install parameters (no applet data, or one shorter than a
 * key) must not fall back to the public demo transport key: every personalisation command answers 6985
 * (conditions not satisfied), so nobody who knows the demo key can personalise such a card.
 */
class NoTransportKeyTest {
    private static final CardCrypto CRYPTO = CardCrypto.tdes();

    private static Simulator installed(byte[] aid, Class<? extends Applet> applet, byte[] appletData) {
        Simulator sim = new Simulator(new CityCardRuntime());
        byte[] params;
        if (appletData == null) {
            params = new byte[0]; // no install parameters at all
        } else {
            params = concat(new byte[] {(byte) aid.length}, aid, new byte[] {0, (byte) appletData.length}, appletData);
        }
        sim.installApplet(new AID(aid, (short) 0, (byte) aid.length), applet, params, (short) 0, (byte) params.length);
        Response select = Response.of(sim.transmitCommand(apdu(0x00, 0xA4, 0x04, 0x00, aid, 0)));
        assertThat(select.sw()).as("SELECT").isEqualTo(0x9000);
        return sim;
    }

    private static int externalAuthenticateWithDemoKey(Simulator sim) {
        Response challenge = Response.of(sim.transmitCommand(apdu(0x00, 0x84, 0, 0, null, 8)));
        assertThat(challenge.sw()).as("GET CHALLENGE").isEqualTo(0x9000);
        byte[] cryptogram = CRYPTO.externalAuthenticate(CardConstants.DEMO_TRANSPORT_KEY, challenge.data());
        return Response.of(sim.transmitCommand(apdu(0x00, 0x82, 0x00, 0x00, cryptogram, -1)))
                .sw();
    }

    private static void assertEveryPersoCommandAnswers6985(Simulator sim, boolean psam) {
        List<byte[]> commands = List.of(
                concat(h("80D4000112 0100"), new byte[16]),
                concat(h("00D6950001"), h("00")),
                concat(h("00DC012C03"), h("010100")),
                h("80E60000"));
        for (byte[] c : commands) {
            if (psam && c[1] == (byte) 0xDC) {
                continue; // the PSAM has no record files
            }
            assertThat(Response.of(sim.transmitCommand(c)).sw())
                    .as("%s", CardFixture.HEX.formatHex(c))
                    .isEqualTo(0x6985);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"purse", "ssse", "psam"})
    void installedWithoutParameters_refusesTheDemoTransportKey(String which) {
        Simulator sim =
                switch (which) {
                    case "purse" -> installed(CardConstants.AID_PURSE, PurseApplet.class, null);
                    case "ssse" -> installed(CardConstants.AID_SSSE, SsseApplet.class, null);
                    default -> installed(CardConstants.AID_PSAM, PsamApplet.class, null);
                };

        assertThat(externalAuthenticateWithDemoKey(sim))
                .as("EXTERNAL AUTHENTICATE under the demo transport key on an applet given no transport key")
                .isEqualTo(0x6985);
        assertEveryPersoCommandAnswers6985(sim, "psam".equals(which));
    }

    @Test
    void installedWithEmptyAppletData_refusesTheDemoTransportKey() {
        Simulator sim = installed(CardConstants.AID_PURSE, PurseApplet.class, new byte[0]);

        assertThat(externalAuthenticateWithDemoKey(sim)).isEqualTo(0x6985);
        assertEveryPersoCommandAnswers6985(sim, false);
    }

    @Test
    void installedWithTheDemoKeyGivenExplicitly_acceptsIt() {
        Simulator sim = installed(CardConstants.AID_PURSE, PurseApplet.class, CardConstants.DEMO_TRANSPORT_KEY);

        assertThat(externalAuthenticateWithDemoKey(sim)).isEqualTo(0x9000);
    }
}
