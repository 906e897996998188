package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.citycard.applet.StatusWordScenarios.Scenario;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.card.StatusWord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command of the dictionary (apdu.yaml) with every status word it lists: one scenario each on a fresh card
 * ({@link FileStatusWords}, {@link MoneyStatusWords}, {@link SecurityStatusWords}), and a check that the catalogue
 * covers the dictionary. The few pairs no card state can reach are listed in {@link #UNREACHABLE} with the reason.
 */
class StatusWordCoverageTest {
    private static final Dictionary DICT = Dictionary.standard();

    /** Pairs the applets keep as a defence but no sequence of commands can reach, with why. */
    private static final Map<String, String> UNREACHABLE = Map.of(
            "debit_for_purchase 9401",
            "INITIALIZE FOR PURCHASE already refused an amount above the balance, and nothing can change the"
                    + " balance between it and the debit",
            "credit_for_load 9401",
            "INITIALIZE FOR LOAD already refused a load above the maximum, and nothing can change the balance"
                    + " between it and the credit",
            "append_record_sm 6982",
            "every file of the SSSE (the only applet with APPEND RECORD) allows secure-messaging updates",
            "update_binary_sm 6982",
            "every binary file of the purse allows secure-messaging updates (SFI 15 since the yearly review of"
                    + " concession cards, issue 22; SFI 16); the SSSE's files are records",
            "internal_authenticate 9403",
            "an SSSE cannot leave PERSONALIZATION without DIAK, and the command needs an issued SSSE");

    static Stream<Scenario> scenarios() {
        return Stream.of(FileStatusWords.scenarios(), MoneyStatusWords.scenarios(), SecurityStatusWords.scenarios())
                .flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void command_answersTheDictionaryStatusWord(Scenario scenario) {
        Response r = scenario.run().apply(scenario.fixture().get());

        assertThat(r.swHex()).isEqualTo(String.format("%04X", scenario.sw()));
    }

    @Test
    void catalogue_coversEveryCommandAndStatusWordOfTheDictionary() {
        List<Scenario> all = scenarios().toList();
        List<String> missing = new ArrayList<>();
        for (CardCommand c : DICT.commands().values()) {
            for (String sw : c.statusWords()) {
                StatusWord word = DICT.statusWords().values().stream()
                        .filter(w -> w.sw().equals(sw))
                        .findFirst()
                        .orElseThrow();
                boolean covered = all.stream().anyMatch(s -> s.command().equals(c.id()) && word.matches(s.sw()));
                if (!covered && !UNREACHABLE.containsKey(c.id() + " " + sw)) {
                    missing.add(c.id() + " " + sw);
                }
            }
        }
        System.out.println("status-word catalogue: " + all.size() + " scenarios, " + UNREACHABLE.size()
                + " pairs unreachable by design");
        assertThat(missing)
                .as("dictionary (command, status word) pairs without a scenario")
                .isEmpty();
    }
}
