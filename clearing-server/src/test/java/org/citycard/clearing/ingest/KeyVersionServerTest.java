package org.citycard.clearing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.citycard.clearing.crypto.HostKeys;
import org.citycard.clearing.crypto.KeyVersions;
import org.citycard.clearing.load.LoadMessages;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.support.ConflictException;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.validate.ValidationException;
import org.citycard.dictionary.wire.QuarantineReason;
import org.citycard.dictionary.wire.ResponseCode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Key versions at the server (issue 22), with its real keys and database: cards of version 02 beside 01, each
 * verified with the master keys of the version the card registry holds for it; the INITIALIZE FOR LOAD answer must
 * agree with the registry; a retired version refuses its cards' loads (K1) and records (QK) but not the records a
 * card made under it before being re-keyed away. Version 01 is retired here, last, in a context of its own (dirtied
 * after the class: every other test's cards are of version 01).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.springframework.test.annotation.DirtiesContext(
        classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_CLASS)
class KeyVersionServerTest extends StepTestSupport {
    /**
     * A database of its own: retiring version 01 is kept in the database, and every other test's cards are of 01
     * (a dirtied context alone would leave the retirement to the next context on the same data directory).
     */
    @org.springframework.test.context.DynamicPropertySource
    static void ownDatabase(org.springframework.test.context.DynamicPropertyRegistry r) {
        r.add(
                "citycard.data-dir",
                () -> org.citycard.clearing.support.TestData.DATA_DIR + "-key-versions-" + System.nanoTime());
    }

    @Autowired
    TacStep step;

    @Autowired
    KeyVersions keyVersions;

    @Autowired
    HostKeys hostKeys;

    @Autowired
    org.citycard.clearing.reference.HotlistService hotlistService;

    @Test
    @Order(1)
    void theServerHoldsVersions01And02_ofTheDemoKeySet() {
        assertThat(hostKeys.versions()).containsExactly(1, 2);
        assertThat(keyVersions.list())
                .extracting(KeyVersions.VersionState::state)
                .containsExactly("ACTIVE", "ACTIVE");
        assertThat(keyVersions.forNewCard(null))
                .as("a client that does not say: 01")
                .isEqualTo(1);
        assertThat(keyVersions.newestActive()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void cardOfVersion02_isLoadedAndItsRecordVerified_withTheKeysOf02() {
        HostCardModel card = card02();

        LoadMessages.AuthorisationAnswer a = authorise(card, 3_000);
        assertThat(a.code()).isEqualTo(ResponseCode.APPROVED);
        BatchContext b = decoded(purchase(card, 100));
        assertThat(step.check(b, b.record(0))).isEqualTo(IngestStep.Next.CONTINUE);
    }

    @Test
    @Order(3)
    void initializeAnswerOf02_forACardRegisteredAs01_isRefused63() {
        HostCardModel card = new HostCardModel(KEYS.atVersion(2), data.card(), 5_000, 0, 0);

        assertThat(authorise(card, 1_000).code()).isEqualTo(ResponseCode.SECURITY_VIOLATION);
        BatchContext b = decoded(purchase(card, 100));
        assertThat(step.check(b, b.record(0))).isEqualTo(IngestStep.Next.DECIDED);
        assertThat(onlyEntry(b).reason()).isEqualTo(QuarantineReason.TAC_INVALID);
        assertThat(onlyEntry(b).detail()).contains("key version 02 is newer than the card's (01, as registered)");
    }

    @Test
    @Order(4)
    void registeringACardOfAVersionTheServerLacks_namesTheField() {
        assertThatThrownBy(() -> keyVersions.forNewCard(3))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("keyVersion")
                .hasMessageContaining("3");
    }

    @Test
    @Order(10)
    void retiredVersion_refusesItsCardsLoadsK1AndRecordsQK_butNotARecordOfACardRekeyedSince() {
        HostCardModel stillOn01 = new HostCardModel(KEYS, data.card(), 5_000, 0, 0);
        HostCardModel rekeyed = new HostCardModel(KEYS, data.card(), 5_000, 0, 0);
        byte[] madeBefore = purchase(rekeyed, 50);
        keyVersions.rekeyed(rekeyed.asn(), 2, "test-counter");

        long parametersBefore = hotlistService.parameterVersion();
        assertThat(keyVersions.retired()).isEmpty();
        KeyVersions.VersionState v = keyVersions.retire(1, "test-admin", "rotation test");
        assertThat(keyVersions.retired())
                .as("served to terminals as retiredKeyVersions: they refuse such cards offline")
                .containsExactly(1);
        assertThat(hotlistService.parameterVersion())
                .as("terminals fetch their parameters again")
                .isGreaterThan(parametersBefore);

        assertThat(v.state()).isEqualTo("RETIRED");
        assertThat(authorise(stillOn01, 1_000).code()).isEqualTo(ResponseCode.KEY_VERSION_RETIRED);
        assertThat(ResponseCode.KEY_VERSION_RETIRED.code()).isEqualTo("K1");
        BatchContext refused = decoded(purchase(stillOn01, 100));
        assertThat(step.check(refused, refused.record(0))).isEqualTo(IngestStep.Next.DECIDED);
        assertThat(onlyEntry(refused).reason()).isEqualTo(QuarantineReason.KEY_VERSION_RETIRED);
        assertThat(onlyEntry(refused).reason().code()).isEqualTo("QK");
        assertThat(onlyEntry(refused).detail()).contains("still on key version 01, which is retired");
        BatchContext before = decoded(madeBefore);
        assertThat(step.check(before, before.record(0)))
                .as("made under 01 before the card was re-keyed to 02: verified with the keys of 01")
                .isEqualTo(IngestStep.Next.CONTINUE);
        HostCardModel now02 = new HostCardModel(KEYS.atVersion(2), rekeyed.asn(), 4_950, 0, 0);
        assertThat(authorise(now02, 1_000).code()).isEqualTo(ResponseCode.APPROVED);

        assertThatThrownBy(() -> keyVersions.retire(1, "test-admin", null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("retired already");
        assertThatThrownBy(() -> keyVersions.retire(2, "test-admin", null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("last active one");
        assertThatThrownBy(() -> keyVersions.forNewCard(null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("key version 01 is retired")
                .hasMessageContaining("newest: 02");
        assertThat(keyVersions.forNewCard(2)).isEqualTo(2);
        assertThatThrownBy(() -> keyVersions.rekeyed(stillOn01.asn(), 1, "test-counter"))
                .isInstanceOf(ConflictException.class);
        assertThat(keyVersions.auditTrail(10))
                .anyMatch(l -> l.contains("RETIRE version 01") && l.contains("test-admin: rotation test"))
                .anyMatch(l -> l.contains("REKEY version 02 card " + rekeyed.asn() + " (from 01) by test-counter"));
    }

    private HostCardModel card02() {
        String asn = "3100" + String.format("%016d", TestData.unique());
        reference.registerCard(new Card(asn, CardStates.ACTIVE, null, "00", 2), 0);
        return new HostCardModel(KEYS.atVersion(2), asn, 5_000, 0, 0);
    }

    private LoadMessages.AuthorisationAnswer authorise(HostCardModel card, long amount) {
        String[] now = TestData.dateTime(0);
        String stan = String.format("%06d", TestData.unique() % 1_000_000);
        return authoriser.authorise(new LoadMessages.Authorisation(
                terminal,
                stan,
                card.asn(),
                "600000",
                amount,
                now[0],
                now[1],
                department,
                card.initializeForLoad(amount, terminal)));
    }
}
