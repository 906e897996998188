package org.citycard.system.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.citycard.agent.purse.PurchaseRequest;
import org.citycard.agent.session.TapRequest;
import org.citycard.system.TestDirs;
import org.citycard.system.city.CardCentre.IssuedCard;
import org.citycard.system.city.CityLayout.TerminalSpec;
import org.citycard.system.city.CityTerminal.Kind;
import org.citycard.system.city.CityTerminal.Pull;
import org.junit.jupiter.api.Test;

/**
 * The end of a small day over the wire: purchases at two departments whose accounts are at different banks, day
 * close through the REST API, one signed file set per bank that the bank-side check accepts (and refuses once a
 * byte is changed), and the banks' pain.002 read back: the rejected payment returns to its department's payable.
 */
class DayCloseWireTest {
    @Test
    void closedDay_writesValidSignedFilesPerBank_andTheBanksAnswersAreReadBack() throws Exception {
        try (City city = City.start(TestDirs.fresh("dayclose"))) {
            assertThat(city.dayClose().unavailable()).isEmpty();
            List<Citizens.Person> people = Citizens.make(1, 53);
            IssuedCard card = city.issue(people, people, asn -> {}).cards().get(0);
            CityTerminal counter =
                    city.terminal(new TerminalSpec("310100000501", Kind.COUNTER, CityLayout.CARD_CENTRE.code()));
            CityTerminal transit =
                    city.terminal(new TerminalSpec("310105000501", Kind.DEPARTMENT, CityLayout.TRANSIT.code()));
            CityTerminal library =
                    city.terminal(new TerminalSpec("310105000502", Kind.DEPARTMENT, CityLayout.LIBRARY.code()));
            assertThat(counter.tap(card.card(), new TapRequest.Load(10_000), Pull.NONE)
                            .type())
                    .isEqualTo("loaded");
            for (CityTerminal t : List.of(transit, transit, library)) {
                PurchaseRequest p = new PurchaseRequest(1_000, t.department(), "", null);
                assertThat(t.tap(card.card(), new TapRequest.Pay(p), Pull.NONE).type())
                        .isEqualTo("receipt");
                assertThat(t.drain(30_000)).isTrue();
            }

            DayClose.Closed day = city.dayClose().close(city.server().businessDate());
            assertThat(day.purchaseCount()).isEqualTo(3);
            assertThat(day.gross()).isEqualTo(3_000);
            assertThat(day.net() + day.fee()).isEqualTo(3_000);
            assertThat(day.files())
                    .extracting(DayClose.Closed.BankFile::bankCode)
                    .containsExactlyInAnyOrder(CityLayout.ICBC, CityLayout.CCB);
            for (DayClose.Closed.BankFile f : day.files()) {
                BankFiles.Verdict v = BankFiles.check(f.folder(), f.messageId(), f.transactions(), f.total());
                assertThat(v.problems()).as(f.messageId()).isEmpty();
                assertThat(v.signer()).contains("CityCard");
                // issue 16: the CCB gets an SM2 signature beside the Ed25519 one, the ICBC Ed25519 only
                if (f.bankCode().equals(CityLayout.CCB)) {
                    assertThat(v.signer()).contains("SM2 file signing key").contains(" and ");
                } else {
                    assertThat(v.signer()).doesNotContain("SM2");
                }
            }

            DayClose.Closed.BankFile icbc = day.files().stream()
                    .filter(f -> f.bankCode().equals(CityLayout.ICBC))
                    .findFirst()
                    .orElseThrow();
            Path copy = copyOf(icbc.folder());
            Path pain = copy.resolve("pain.001.001.03-" + icbc.messageId() + ".xml");
            Files.writeString(pain, changedAmount(Files.readString(pain)));
            assertThat(BankFiles.check(copy, icbc.messageId(), icbc.transactions(), icbc.total())
                            .problems())
                    .as("one changed amount")
                    .isNotEmpty()
                    .anyMatch(p -> p.contains("manifest"));

            DayClose.Status rejected = city.dayClose().answerAsBank(day, icbc, true);
            assertThat(rejected.rejected()).isEqualTo(1);
            assertThat(rejected.accepted()).isZero();
            assertThat(Files.readString(rejected.report())).contains("pain.002.001.03", "RJCT", "AC04");
            DayClose.Closed.BankFile ccb = day.files().stream()
                    .filter(f -> f.bankCode().equals(CityLayout.CCB))
                    .findFirst()
                    .orElseThrow();
            DayClose.Status accepted = city.dayClose().answerAsBank(day, ccb, false);
            assertThat(accepted.accepted()).isEqualTo(1);
            assertThat(city.admin()
                            .get("/api/v1/bank-files/" + icbc.messageId())
                            .path("file")
                            .path("status")
                            .asText())
                    .contains("REJECTED");
        }
    }

    /** The first transfer's amount with its first digit changed. */
    private static String changedAmount(String xml) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(<InstdAmt Ccy=\"CNY\">)(\\d)").matcher(xml);
        assertThat(m.find()).isTrue();
        char digit = (char) ('0' + (m.group(2).charAt(0) - '0' + 1) % 10);
        return xml.substring(0, m.start(2)) + digit + xml.substring(m.end(2));
    }

    private static Path copyOf(Path folder) throws Exception {
        Path copy = Files.createTempDirectory("bank-files");
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }
}
