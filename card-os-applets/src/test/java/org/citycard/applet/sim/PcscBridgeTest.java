package org.citycard.applet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.licel.jcardsim.remote.VSmartCardTCPProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;
import org.citycard.applet.CardConstants;
import org.junit.jupiter.api.Test;

/**
 * The real PC/SC path: {@link VirtualCardMain}'s bridge connects a simulated card to vsmartcard's vpcd, and the
 * JDK's PC/SC provider (through pcscd) reads it like any USB reader. Runs where pcscd with vpcd is up and the build
 * asks for it ({@code -Dcitycard.pcsc=true}, or on CI); it would otherwise borrow a vpcd slot other engineers'
 * builds on the same machine may be using. Skips with the reason when any of that is missing.
 */
class PcscBridgeTest {
    private static final int PORT = Integer.getInteger("citycard.vpcd.port", 35963);
    private static final String READER = System.getProperty("citycard.vpcd.reader", "Virtual PCD 00 00");

    @Test
    void virtualCard_behindPcscd_answersSelectAndReadRecordLikeAUsbReader() throws Exception {
        assumeTrue(
                Boolean.getBoolean("citycard.pcsc") || System.getenv("CI") != null,
                "PC/SC test not requested: run with -Dcitycard.pcsc=true (CI runs it)");
        CardTerminal reader = vpcdReader();
        assumeTrue(!reader.isCardPresent(), "vpcd reader \"" + READER + "\" already holds a card (in use)");
        SimulatedCard card = VirtualCardMain.createCard("citizen", false);
        VSmartCardTCPProtocol vpcd = new VSmartCardTCPProtocol();
        try {
            vpcd.connect("localhost", PORT);
        } catch (IOException e) {
            abort("vpcd does not listen on port " + PORT + ": " + e.getMessage());
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Thread bridge = new Thread(
                () -> {
                    try {
                        VirtualCardMain.serve(vpcd, card, new PrintStream(log, true, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                },
                "vpcd-bridge");
        bridge.setDaemon(true);
        bridge.start();
        try {
            assumeTrue(reader.waitForCardPresent(10_000), "vpcd did not take the card within 10 s (slot busy?)");
            CardChannel channel = reader.connect("*").getBasicChannel();

            ResponseAPDU select =
                    channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x00, CardConstants.AID_SSSE, 256));
            ResponseAPDU number =
                    channel.transmit(new CommandAPDU(HexFormat.of().parseHex("00B2072C00")));

            assertThat(select.getSW()).isEqualTo(0x9000);
            assertThat(number.getSW()).isEqualTo(0x9000);
            assertThat(new String(number.getData(), 2, 9, StandardCharsets.US_ASCII))
                    .isEqualTo(CitizenProfile.demo().cardNumber());
            reader.connect("*").disconnect(true);
        } finally {
            vpcd.disconnect();
            bridge.join(5_000);
        }
    }

    private static CardTerminal vpcdReader() {
        try {
            List<CardTerminal> readers =
                    TerminalFactory.getDefault().terminals().list();
            return readers.stream()
                    .filter(r -> r.getName().equals(READER))
                    .findFirst()
                    .orElseGet(() -> {
                        abort("pcscd has no reader \"" + READER + "\" (is vsmartcard-vpcd installed?); readers: "
                                + readers);
                        return null;
                    });
        } catch (CardException | RuntimeException e) {
            abort("no PC/SC (pcscd not running or libpcsclite missing): " + e);
            return null;
        }
    }
}
