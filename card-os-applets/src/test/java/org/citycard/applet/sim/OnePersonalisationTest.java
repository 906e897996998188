package org.citycard.applet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.command.GetChallenge;
import org.citycard.cardlink.command.Verify;
import org.citycard.cardlink.perso.CardCommands;
import org.citycard.cardlink.perso.CardPersonaliser;
import org.citycard.cardlink.perso.CardProfile;
import org.citycard.cardlink.perso.PsamPersonaliser;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.card.Application;
import org.citycard.dictionary.card.CardFile;
import org.citycard.dictionary.card.FileStructure;
import org.citycard.dictionary.card.TlvRecord;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.junit.jupiter.api.Test;

/**
 * One personalisation (issue 13 part 3): a card made by the simulator's {@link SimPersonaliser} and a card made by
 * the issuance tool's personaliser (card-link's {@link CardPersonaliser}) hold the same bytes in every file and
 * record of every application, read back from both after personalisation; likewise for PSAMs.
 */
class OnePersonalisationTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private final Dictionary dict = Dictionary.standard();
    private final CardCommands commands = new CardCommands(dict);
    private final CardCrypto crypto = CardCrypto.tdes();

    @Test
    void citizenCard_fromTheSimulatorAndFromTheTool_areTheSameInEveryFile() {
        CitizenProfile profile = CitizenProfile.demo();
        SimulatedCard simMade = SimPersonaliser.demo().newCitizenCard(profile);
        SimulatedCard toolMade = SimulatedCard.citizen();
        CardProfile card = profile.cardProfile();
        new CardPersonaliser(dict, KeySet.demo(), PsamProfile.DEMO_TERMINAL_ID)
                .personalise(toolMade, card, profile.pin());

        Map<String, String> sim = readEverything(simMade, profile);
        Map<String, String> tool = readEverything(toolMade, profile);

        assertThat(sim).hasSize(2 + 1 + 1 + 6 + 10 + 7 + 6 + 5); // FCIs, SFI 15, 16, 17 × 6, 18 × 10, EF05-07
        assertThat(tool).containsExactlyEntriesOf(sim);
        assertThat(sim.values()).filteredOn(v -> v.endsWith("9000")).hasSizeGreaterThan(20);
    }

    @Test
    void psam_fromTheSimulatorAndFromTheTool_areTheSameInEveryFile() {
        SimulatedCard simMade = SimPersonaliser.demo().newPsam(PsamProfile.demo());
        SimulatedCard toolMade = SimulatedCard.psam();
        new PsamPersonaliser(dict, KeySet.demo()).personalise(toolMade, PsamProfile.DEMO_TERMINAL_ID);

        Map<String, String> sim = readApplication(simMade, dict.application("psam"));
        Map<String, String> tool = readApplication(toolMade, dict.application("psam"));

        assertThat(sim).hasSize(3);
        assertThat(sim.values()).allMatch(v -> v.endsWith("9000"));
        assertThat(tool).containsExactlyEntriesOf(sim);
    }

    /** Every answer (data and status word) to reading every file and record of the purse and the SSSE. */
    private Map<String, String> readEverything(SimulatedCard card, CitizenProfile profile) {
        Map<String, String> out = new LinkedHashMap<>();
        card.reset();
        out.putAll(readApplication(
                card,
                dict.application("purse"),
                () -> Verify.send(card, profile.pin().toCharArray())));
        out.putAll(readApplication(card, dict.application("ssse"), () -> authenticateTerminal(card, profile.asn())));
        return out;
    }

    private Map<String, String> readApplication(ApduTransport card, Application app) {
        return readApplication(card, app, () -> {});
    }

    private Map<String, String> readApplication(ApduTransport card, Application app, Runnable unlock) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(
                app.id() + " SELECT",
                HEX.formatHex(card.transmit(commands.select(app.aidBytes()).bytes())));
        unlock.run();
        for (CardFile f : app.files()) {
            for (int record : records(f)) {
                byte[] command = record == 0
                        ? commands.readBinary(f.sfi(), 0, f.size()).bytes()
                        : commands.readRecord(f.sfi(), record, 0).bytes();
                out.put(
                        app.id() + " " + f.id() + (record == 0 ? "" : " record " + record),
                        HEX.formatHex(card.transmit(command)));
            }
        }
        return out;
    }

    private static List<Integer> records(CardFile f) {
        List<Integer> out = new ArrayList<>();
        if (f.structure() == FileStructure.BINARY) {
            out.add(0);
        } else if (!f.records().isEmpty()) {
            f.records().stream().map(TlvRecord::number).forEach(out::add);
        } else {
            for (int n = 1; n <= f.recordCount(); n++) {
                out.add(n);
            }
        }
        return out;
    }

    private void authenticateTerminal(ApduTransport card, String asn) {
        byte[] challenge = GetChallenge.send(card, 8);
        byte[] deak = crypto.cardKey(KeySet.demo().key("MEAK"), asn);
        byte[] answer = card.transmit(commands.externalAuthenticate(
                        Integer.parseInt(dict.keys().key("DEAK").orElseThrow().keyId(), 16),
                        crypto.externalAuthenticate(deak, challenge))
                .bytes());
        assertThat(HEX.formatHex(answer)).isEqualTo("9000");
    }
}
