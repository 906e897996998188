package org.citycard.issuance.life;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.CardConcession;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.issuance.enrolment.Applicant;
import org.citycard.issuance.perso.ProductionService;
import org.citycard.issuance.perso.ProgressListener;
import org.citycard.issuance.perso.source.SimulatorCardSource;
import org.citycard.issuance.staff.AccessDeniedException;
import org.citycard.issuance.support.Fixture;
import org.citycard.issuance.support.People;
import org.citycard.issuance.support.RecordingRegistry;
import org.citycard.issuance.workflow.CardRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concession cards made by the issuance tool and reviewed at its counter (issue 22), on simulated cards: a senior
 * card is personalised with its card type and a review date a year on (purse SFI 15 card_concession, in the FCI); the
 * yearly review (年审) rewrites the date by secure messaging after the identity check, and is audited; a clerk's
 * date in the past ends the concession; a standard card has nothing to review.
 */
class ConcessionReviewTest {
    @TempDir
    Path dir;

    Fixture f;
    RecordingRegistry server = new RecordingRegistry();
    CardLife life;
    KeySet keys = KeySet.demo();
    SimulatorCardSource cards;
    final CounterCard counter = new CounterCard(Dictionary.standard());

    @BeforeEach
    void open() {
        f = new Fixture(dir.resolve("data"));
        life = new CardLife(f.tool, server);
        cards = SimulatorCardSource.citizenCards("review-" + System.nanoTime(), keys.key("TK"));
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** Enrols, compares and produces one card for each card type given; returns the card records in order. */
    private List<CardRecord> produce(int first, String... cardTypes) throws IOException {
        return produce(first, Algorithm.TDES, cardTypes);
    }

    private List<CardRecord> produce(int first, Algorithm algorithm, String... cardTypes) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < cardTypes.length; i++) {
            lines.add(People.registryLine(People.id(first + i), People.name(first + i)));
        }
        Path reg = dir.resolve("registry-" + first + ".txt");
        Files.write(reg, (String.join("\n", lines) + "\n").getBytes(Charset.forName("GB18030")));
        f.tool.registry().importFile(f.reviewer, reg);
        List<Long> apps = new ArrayList<>();
        for (int i = 0; i < cardTypes.length; i++) {
            String id = People.id(first + i);
            Path photo = People.photoFile(dir, id + ".jpg", People.jpeg((first + i) * 7919L));
            long app = f.tool.enrolment()
                    .enrol(
                            f.clerk,
                            new Applicant(
                                    id,
                                    People.name(first + i),
                                    People.sex(id),
                                    "01",
                                    People.birth(id),
                                    null,
                                    null,
                                    null,
                                    null,
                                    cardTypes[i],
                                    null,
                                    photo));
            assertThat(f.tool.comparison().compare(f.clerk, app).passed()).isTrue();
            apps.add(app);
        }
        ProductionService.Batch b = f.tool.production().create(f.operator, cardTypes.length, "demo", algorithm);
        assertThat(f.tool.production()
                        .run(f.operator, b.id(), keys, cards, ProgressListener.quiet(), server, "990000000001")
                        .complete())
                .isTrue();
        List<CardRecord> out = new ArrayList<>();
        for (long app : apps) {
            CardRecord c = f.tool.status().lookup(Long.toString(app)).get(0).card();
            life.cards().distribute(f.clerk, c.asn(), c.citizenId(), null, keys, null);
            out.add(life.cards().activate(f.clerk, c.asn()));
        }
        return out;
    }

    /** The simulated card of this record (by the ASN in its FCI). */
    private SimulatedCard sim(CardRecord r) {
        for (Object o : cards.finished()) {
            SimulatedCard c = (SimulatedCard) o;
            if (counter.asn(c::transmit).equals(r.asn())) {
                return c;
            }
        }
        throw new AssertionError("no simulated card has ASN " + r.asn());
    }

    @Test
    void aSeniorCard_isPersonalisedWithItsTypeAndAReviewDateAYearOn_aStandardCardWithNone() throws Exception {
        List<CardRecord> made = produce(40, "2", "1");
        CardRecord senior = made.get(0);
        assertThat(counter.concession(sim(senior)::transmit))
                .isEqualTo(new CardConcession(
                        "2", senior.issueDate().plusMonths(12).minusDays(1)));
        assertThat(counter.concession(sim(made.get(1))::transmit)).isEqualTo(new CardConcession("1", null));
    }

    @Test
    void theAnnualReview_rewritesTheReviewDateBySecureMessaging_afterTheIdentityCheck_andIsAudited() throws Exception {
        CardRecord c = produce(50, "2").get(0);
        SimulatedCard card = sim(c);
        LocalDate lapsed = LocalDate.now().minusDays(3);

        // a clerk's date already past ends the concession (how the demo makes a lapsed card)
        assertThat(life.cards().review(f.clerk, c.asn(), c.citizenId(), card::transmit, keys, lapsed))
                .isEqualTo(new CardConcession("2", lapsed));
        assertThat(counter.concession(card::transmit).reviewDate()).isEqualTo(lapsed);

        // the wrong ID document: refused, nothing written
        String someoneElse = People.id(99);
        assertThatThrownBy(() -> life.cards().review(f.clerk, c.asn(), someoneElse, card::transmit, keys, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(counter.concession(card::transmit).reviewDate()).isEqualTo(lapsed);

        // the review: today + review_period_months, less a day
        LocalDate due = LocalDate.now().plusMonths(12).minusDays(1);
        assertThat(life.cards().review(f.clerk, c.asn(), c.citizenId(), card::transmit, keys, null))
                .isEqualTo(new CardConcession("2", due));
        assertThat(counter.concession(card::transmit)).isEqualTo(new CardConcession("2", due));
        assertThat(f.tool.audit().list(c.asn(), null, 20))
                .extracting(e -> e.action().name())
                .contains("CONCESSION_REVIEW");
    }

    @Test
    void aDateOutOfRange_orAStandardCard_isRefused_andNothingIsWritten() throws Exception {
        List<CardRecord> made = produce(60, "3", "1");
        CardRecord student = made.get(0);
        CardRecord standard = made.get(1);
        SimulatedCard studentCard = sim(student);
        SimulatedCard standardCard = sim(standard);
        CardConcession before = counter.concession(studentCard::transmit);
        assertThatThrownBy(() -> life.cards()
                        .review(
                                f.clerk,
                                student.asn(),
                                student.citizenId(),
                                studentCard::transmit,
                                keys,
                                student.expiryDate().plusDays(1)))
                .hasMessageContaining("expires on")
                .hasMessageContaining(student.asn());
        assertThat(counter.concession(studentCard::transmit)).isEqualTo(before);

        assertThatThrownBy(() -> life.cards()
                        .review(f.clerk, standard.asn(), standard.citizenId(), standardCard::transmit, keys, null))
                .hasMessageContaining("needs no review");
        assertThat(counter.concession(standardCard::transmit)).isEqualTo(new CardConcession("1", null));
        // the card in the reader must be the record's
        assertThatThrownBy(() -> life.cards()
                        .review(f.clerk, student.asn(), student.citizenId(), standardCard::transmit, keys, null))
                .hasMessageContaining("the card in the reader is ASN " + standard.asn());
    }

    @Test
    void anSm4Card_isReviewedWithItsOwnAlgorithmsDamk() throws Exception {
        CardRecord c = produce(70, Algorithm.SM4, "4").get(0);
        SimulatedCard card = sim(c);
        LocalDate due = LocalDate.now().plusMonths(12).minusDays(1);
        assertThat(life.cards().review(f.clerk, c.asn(), c.citizenId(), card::transmit, keys, null))
                .isEqualTo(new CardConcession("4", due));
        assertThat(counter.concession(card::transmit)).isEqualTo(new CardConcession("4", due));
    }
}
