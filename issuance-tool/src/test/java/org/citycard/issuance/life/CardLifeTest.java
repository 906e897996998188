package org.citycard.issuance.life;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.cardlink.perso.CardCommands;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.issuance.perso.ProductionService;
import org.citycard.issuance.perso.ProgressListener;
import org.citycard.issuance.perso.source.SimulatorCardSource;
import org.citycard.issuance.server.RefundAccount;
import org.citycard.issuance.server.Settlement;
import org.citycard.issuance.server.ShadowAccount;
import org.citycard.issuance.staff.AccessDeniedException;
import org.citycard.issuance.support.Fixture;
import org.citycard.issuance.support.Pipeline;
import org.citycard.issuance.support.RecordingRegistry;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardState;
import org.citycard.issuance.workflow.TransitionRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardLifeTest {
    static final RefundAccount ACCOUNT = new RefundAccount("102290000017", "6222020200112233445", "张三");

    @TempDir
    Path dir;

    Fixture f;
    RecordingRegistry server = new RecordingRegistry();
    CardLife life;
    KeySet keys = KeySet.demo();
    SimulatorCardSource cards;

    @BeforeEach
    void open() {
        f = new Fixture(dir.resolve("data"));
        life = new CardLife(f.tool, server);
        cards = SimulatorCardSource.citizenCards("life-" + System.nanoTime(), keys.key("TK"));
    }

    @AfterEach
    void close() {
        f.close();
    }

    private List<Long> produce(int first, int n) {
        List<Long> apps = Pipeline.verified(f, dir, first, n);
        ProductionService.Batch b = f.tool.production().create(f.operator, n, "demo");
        ProductionService.Summary s = f.tool.production()
                .run(f.operator, b.id(), keys, cards, ProgressListener.quiet(), server, "990000000001");
        assertThat(s.complete()).isTrue();
        return apps;
    }

    private CardRecord card(long id) {
        return f.tool.status().lookup(Long.toString(id)).get(0).card();
    }

    private SimulatedCard sim(int index) {
        return (SimulatedCard) cards.finished().get(index);
    }

    private static int verifyPin(SimulatedCard card, String pin) {
        CardCommands cmd = new CardCommands(Dictionary.standard());
        card.transmit(cmd.select(Dictionary.standard().application("purse").aidBytes())
                .bytes());
        byte[] r = card.transmit(
                cmd.build("verify", null, null, CardCrypto.pinBcd(pin), null).bytes());
        return ((r[r.length - 2] & 0xFF) << 8) | (r[r.length - 1] & 0xFF);
    }

    private CardRecord activeCard(long app, SimulatedCard sim) {
        CardRecord c = card(app);
        life.cards().distribute(f.clerk, c.asn(), c.citizenId(), sim::transmit, keys, null);
        return life.cards().activate(f.clerk, c.asn());
    }

    @Test
    void distribution_checksIdentityAndTheCard_andTheHolderChoosesAPin() {
        List<Long> apps = produce(1, 2);
        CardRecord c = card(apps.get(0));
        CardRecord other = card(apps.get(1));
        assertThatThrownBy(() -> life.cards().distribute(f.clerk, c.asn(), other.citizenId(), null, keys, null))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("identity check failed")
                .hasMessageNotContaining(other.citizenId());
        assertThatThrownBy(() -> life.cards().distribute(f.clerk, c.asn(), c.citizenId(), sim(1)::transmit, keys, null))
                .hasMessageContaining("the card in the reader is ASN " + other.asn());
        assertThatThrownBy(() -> life.cards().activate(f.clerk, c.asn()))
                .isInstanceOf(TransitionRefusedException.class);
        life.cards().distribute(f.clerk, c.asn(), c.citizenId(), sim(0)::transmit, keys, "246810".toCharArray());
        assertThat(verifyPin(sim(0), "246810")).isEqualTo(0x9000);
        assertThat(card(apps.get(0)).state()).isEqualTo(CardState.DISTRIBUTED);
        assertThat(life.cards().activate(f.clerk, c.asn()).state()).isEqualTo(CardState.ACTIVE);
        assertThat(server.cards.get(c.asn()).state()).isEqualTo(CardState.ACTIVE.code());
        assertThat(f.tool.audit().list(c.asn(), null, 20))
                .extracting(e -> e.action().name())
                .contains("DISTRIBUTE", "ACTIVATE");
        assertThat(f.tool.audit().list(null, other.citizenId(), 20))
                .extracting(e -> e.action().name())
                .doesNotContain("IDENTITY_CHECK_FAILED");
        assertThat(f.tool.audit().list(c.asn(), null, 20))
                .extracting(e -> e.action().name())
                .contains("IDENTITY_CHECK_FAILED");
    }

    @Test
    void loss_hotlistsAtTheServer_andFoundTakesItOff() {
        List<Long> apps = produce(10, 1);
        CardRecord c = activeCard(apps.get(0), sim(0));
        life.cards().reportLoss(f.clerk, c.asn(), c.citizenId(), "lost on the bus");
        assertThat(server.hotlist).containsExactly(c.asn());
        assertThat(card(c.id()).state()).isEqualTo(CardState.LOST);
        life.cards().found(f.clerk, c.asn(), c.citizenId());
        assertThat(server.hotlist).isEmpty();
        assertThat(card(c.id()).state()).isEqualTo(CardState.ACTIVE);
    }

    @Test
    void serverDown_leavesTheCardUnchanged() {
        List<Long> apps = produce(15, 1);
        CardRecord c = activeCard(apps.get(0), sim(0));
        server.down = true;
        assertThatThrownBy(() -> life.cards().reportLoss(f.clerk, c.asn(), c.citizenId(), null))
                .hasMessageContaining("test server down");
        assertThat(card(c.id()).state()).isEqualTo(CardState.ACTIVE);
    }

    @Test
    void replacement_movesTheBalanceOnceTheOldCardsRecordsAreIn() {
        List<Long> apps = produce(20, 1);
        CardRecord old = activeCard(apps.get(0), sim(0));
        life.cards().reportLoss(f.clerk, old.asn(), old.citizenId(), null);
        long replacement = life.replacements().replace(f.clerk, old.asn(), old.citizenId(), "lost wallet");
        assertThatThrownBy(() -> life.replacements().replace(f.clerk, old.asn(), old.citizenId(), null))
                .hasMessageContaining("already has replacement application " + replacement);
        assertThatThrownBy(() -> life.cards().found(f.clerk, old.asn(), old.citizenId()))
                .hasMessageContaining("being replaced");
        assertThat(f.tool.comparison().compare(f.clerk, replacement).passed()).isTrue();
        ProductionService.Batch b = f.tool.production().create(f.operator, 1, "demo");
        f.tool.production().run(f.operator, b.id(), keys, cards, ProgressListener.quiet(), server, "990000000001");
        CardRecord fresh = card(replacement);
        server.accounts.put(old.asn(), new ShadowAccount(old.asn(), 3_000, 1, 0)); // one record still in quarantine
        assertThatThrownBy(() -> life.cards()
                        .distribute(f.clerk, fresh.asn(), fresh.citizenId(), sim(1)::transmit, keys, null, 2_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes that card's deposit");
        assertThat(card(fresh.id()).state()).isEqualTo(CardState.PERSONALISED);
        assertThat(server.deposits).isEmpty();
        life.cards().distribute(f.clerk, fresh.asn(), fresh.citizenId(), sim(1)::transmit, keys, null);
        life.cards().activate(f.clerk, fresh.asn());
        assertThat(card(old.id()).state()).isEqualTo(CardState.LOST);
        assertThat(card(old.id()).settlement()).isEqualTo("PENDING");
        server.accounts.put(old.asn(), new ShadowAccount(old.asn(), 3_000, 0, 0));
        Settlement st = life.replacements().settle(f.clerk, old.asn());
        assertThat(st.status()).isEqualTo("MOVED");
        assertThat(st.amount()).isEqualTo(3_000);
        assertThat(card(old.id()).state()).isEqualTo(CardState.REPLACED);
        assertThat(server.accounts.get(fresh.asn()).chainBalance()).isEqualTo(3_000);
        assertThat(server.cards.get(old.asn()).state()).isEqualTo(CardState.REPLACED.code());
    }

    @Test
    void theDeposit_isTakenAtDistribution_andRefundedInCashOnce_whenTheCardIsReturned() {
        List<Long> apps = produce(40, 1);
        CardRecord c = card(apps.get(0));
        assertThatThrownBy(() -> life.cards().distribute(f.clerk, c.asn(), c.citizenId(), null, keys, null, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deposit -1 fen")
                .hasMessageContaining("0 (none)..100000");
        assertThat(card(c.id()).state()).isEqualTo(CardState.PERSONALISED);
        assertThat(server.deposits).isEmpty();

        life.cards().distribute(f.clerk, c.asn(), c.citizenId(), sim(0)::transmit, keys, null, 2_000);
        assertThat(server.deposits).containsEntry(c.asn(), 2_000L);
        life.cards().activate(f.clerk, c.asn());
        assertThatThrownBy(() -> life.cards().refundDepositInCash(f.clerk, c.asn()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned and cancelled");
        assertThat(server.deposits).containsKey(c.asn());

        server.accounts.put(c.asn(), new ShadowAccount(c.asn(), 300, 0, 0));
        life.replacements().cancel(f.clerk, c.asn(), c.citizenId(), ACCOUNT, "returned", sim(0)::transmit, keys);
        Settlement paid = life.cards().refundDepositInCash(f.clerk, c.asn());
        assertThat(paid.status()).isEqualTo("REFUNDED");
        assertThat(paid.amount()).isEqualTo(2_000);
        assertThatThrownBy(() -> life.cards().refundDepositInCash(f.clerk, c.asn()))
                .isInstanceOf(org.citycard.issuance.server.ServerException.class)
                .hasMessageContaining("refunded already");
        assertThat(server.calls.stream().filter(x -> x.startsWith("deposit cash refund")))
                .hasSize(2);
    }

    @Test
    void cancellation_blocksTheCard_andRefundsTheBalance() {
        List<Long> apps = produce(30, 1);
        CardRecord c = activeCard(apps.get(0), sim(0));
        server.accounts.put(c.asn(), new ShadowAccount(c.asn(), 1_250, 0, 0));
        Settlement st = life.replacements()
                .cancel(f.clerk, c.asn(), c.citizenId(), ACCOUNT, "moving away", sim(0)::transmit, keys);
        assertThat(st.status()).isEqualTo("REFUNDED");
        assertThat(st.amount()).isEqualTo(1_250);
        assertThat(card(c.id()).state()).isEqualTo(CardState.CANCELLED);
        assertThat(server.hotlist).contains(c.asn());
        byte[] select = sim(0).transmit(new CardCommands(Dictionary.standard())
                .select(Dictionary.standard().application("purse").aidBytes())
                .bytes());
        assertThat(select).endsWith((byte) 0x6A, (byte) 0x81); // blocked for good
        assertThatThrownBy(() -> life.cards().found(f.clerk, c.asn(), c.citizenId()))
                .isInstanceOf(TransitionRefusedException.class);
        assertThatThrownBy(() -> life.replacements().refund(f.clerk, c.asn(), ACCOUNT))
                .hasMessageContaining("refunded already");
    }

    @Test
    void cancellation_withRecordsOutstanding_refundsLater_andChecksTheAccount() {
        List<Long> apps = produce(35, 1);
        CardRecord c = activeCard(apps.get(0), sim(0));
        assertThatThrownBy(() -> life.replacements()
                        .cancel(
                                f.clerk,
                                c.asn(),
                                c.citizenId(),
                                new RefundAccount("12", "6222", "x"),
                                null,
                                null,
                                keys))
                .hasMessageContaining("bank_code");
        server.accounts.put(c.asn(), new ShadowAccount(c.asn(), 800, 0, 2));
        assertThat(life.replacements()
                        .cancel(f.clerk, c.asn(), c.citizenId(), ACCOUNT, null, null, keys)
                        .pending())
                .isTrue();
        server.accounts.put(c.asn(), new ShadowAccount(c.asn(), 800, 0, 0));
        assertThat(life.replacements().refund(f.clerk, c.asn(), ACCOUNT).amount())
                .isEqualTo(800);
    }

    /**
     * Issue 22: a card of version 01 re-keyed at the counter to version 02 by secure messaging; the server is told;
     * the counter's own commands (RELOAD PIN) then use the keys of 02; a batch made with key version 02 reports it.
     */
    @Test
    void rekey_atTheCounter_movesTheCardTo02_tellsTheServer_andTheCounterThenUses02() {
        List<Long> apps = produce(60, 1);
        CardRecord c = activeCard(apps.get(0), sim(0));
        assertThat(server.reports.get(c.asn()).keyVersion()).isEqualTo(1);

        org.citycard.cardlink.perso.CardRekeyer.Outcome o =
                life.cards().rekey(f.clerk, c.asn(), c.citizenId(), sim(0)::transmit, keys, 2, "990000000001");

        assertThat(o.fromVersion()).isEqualTo(1);
        assertThat(o.toVersion()).isEqualTo(2);
        assertThat(server.keyVersions).containsEntry(c.asn(), 2);
        assertThat(f.tool.audit().list(c.asn(), null, 20))
                .extracting(e -> e.action().name())
                .contains("REKEY");
        life.cards().resetPin(f.clerk, c.asn(), c.citizenId(), sim(0)::transmit, keys, "135790".toCharArray());
        assertThat(verifyPin(sim(0), "135790")).isEqualTo(0x9000);
        assertThatThrownBy(() -> life.cards()
                        .rekey(f.clerk, c.asn(), "110101199001011237", sim(0)::transmit, keys, 2, "990000000001"))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void batchOfKeyVersion02_personalisesAndReportsVersion02() {
        Pipeline.verified(f, dir, 70, 1);
        ProductionService.Batch b =
                f.tool.production().create(f.operator, 1, "demo", org.citycard.dictionary.crypto.Algorithm.TDES, 2);
        ProductionService.Summary s = f.tool.production()
                .run(f.operator, b.id(), keys, cards, ProgressListener.quiet(), server, "990000000001");
        assertThat(s.complete()).isTrue();
        String asn = server.reports.keySet().iterator().next();

        assertThat(server.reports.get(asn).keyVersion()).isEqualTo(2);
        assertThat(new org.citycard.cardlink.perso.CardRekeyer(Dictionary.standard(), "990000000001")
                        .currentKeys(sim(0)::transmit)
                        .keyVersion())
                .isEqualTo(2);
    }

    @Test
    void pinReset_atTheCounter_usesReloadPin() {
        List<Long> apps = produce(40, 1);
        CardRecord c = activeCard(apps.get(0), sim(0));
        for (int i = 0; i < 3; i++) {
            verifyPin(sim(0), "999999");
        }
        assertThat(verifyPin(sim(0), "123456")).isEqualTo(0x6983); // blocked after three wrong tries
        life.cards().resetPin(f.clerk, c.asn(), c.citizenId(), sim(0)::transmit, keys, "135790".toCharArray());
        assertThat(verifyPin(sim(0), "135790")).isEqualTo(0x9000);
        assertThatThrownBy(() -> life.cards()
                        .resetPin(f.clerk, c.asn(), c.citizenId(), sim(0)::transmit, keys, "12a4".toCharArray()))
                .hasMessageContaining("PIN is not shown")
                .hasMessageNotContaining("12a4");
    }

    @Test
    void expiry_andRenewal_moveTheBalanceToTheNewCard() {
        List<Long> apps = produce(50, 1);
        CardRecord c = activeCard(apps.get(0), sim(0));
        assertThatThrownBy(() -> life.replacements().renew(f.clerk, c.asn(), c.citizenId()))
                .hasMessageContaining("can be renewed from");
        List<CardRecord> expired = life.cards().expire(f.clerk, c.expiryDate().plusDays(1));
        assertThat(expired).extracting(CardRecord::id).containsExactly(c.id());
        assertThat(life.cards().expire(f.clerk, LocalDate.now())).isEmpty();
        long renewal = life.replacements().renew(f.clerk, c.asn(), c.citizenId());
        assertThat(f.tool.comparison().compare(f.clerk, renewal).passed()).isTrue();
        ProductionService.Batch b = f.tool.production().create(f.operator, 1, "demo");
        f.tool.production().run(f.operator, b.id(), keys, cards, ProgressListener.quiet(), server, "990000000001");
        CardRecord fresh = card(renewal);
        server.accounts.put(c.asn(), new ShadowAccount(c.asn(), 42, 0, 0));
        life.cards().distribute(f.clerk, fresh.asn(), fresh.citizenId(), null, keys, null);
        life.cards().activate(f.clerk, fresh.asn());
        assertThat(card(c.id()).state()).isEqualTo(CardState.REPLACED);
        assertThat(card(c.id()).settledAmount()).isEqualTo(42);
    }

    @Test
    void unreportedCards_areReportedLater() {
        server.down = true;
        List<Long> apps = produce(60, 2);
        assertThat(card(apps.get(0)).serverReported()).isFalse();
        server.down = false;
        assertThat(life.cards().reportPending(f.operator)).isEqualTo(2);
        assertThat(card(apps.get(1)).serverReported()).isTrue();
        assertThat(server.cards).hasSize(2);
    }

    /** A purchase made on the card as a terminal makes it (host keys in place of the PSAM), so the card logs it. */
    private void purchase(SimulatedCard card, String asn, long amount, int ttsn) {
        org.citycard.cardlink.ApduTransport t = card::transmit;
        byte[] terminal = org.citycard.dictionary.codec.Bcd.encode("terminal_id", "310105000099", 6);
        org.citycard.cardlink.command.SelectApplication.send(
                t, Dictionary.standard().application("purse").aidBytes());
        org.citycard.cardlink.command.PurchaseInit init =
                org.citycard.cardlink.command.InitializeForPurchase.send(t, 1, amount, terminal);
        CardCrypto crypto = CardCrypto.tdes();
        byte[] ttsnBytes = java.nio.ByteBuffer.allocate(4).putInt(ttsn).array();
        byte[] sespk = crypto.purchaseSessionKey(
                crypto.cardKey(keys.key("MPK"), asn), init.random(), init.offlineSeqBytes(), ttsnBytes);
        byte[] date = org.citycard.dictionary.codec.Bcd.encode("transaction_date", "20261203", 4);
        byte[] time = org.citycard.dictionary.codec.Bcd.encode("transaction_time", "101500", 3);
        byte[] mac1 = crypto.purchaseMac1(
                sespk, java.nio.ByteBuffer.allocate(4).putInt((int) amount).array(), (byte) 0x06, terminal, date, time);
        org.citycard.cardlink.command.DebitForPurchase.send(t, ttsnBytes, date, time, mac1);
    }

    @Test
    void aCardAtItsCountersEnd_isRenewedInTheReaderWhateverItsExpiry_andLoadsDoNotCount() {
        CardLife at3 = new CardLife(f.tool, server, 3);
        List<Long> apps = produce(70, 1);
        CardRecord c = activeCard(apps.get(0), sim(0));
        SimulatedCard card = sim(0);
        org.citycard.applet.sim.SimPersonaliser.demo().load(card::transmit, c.asn(), 1_000, "999999999999");
        org.citycard.applet.sim.SimPersonaliser.demo().load(card::transmit, c.asn(), 1_000, "999999999999");
        purchase(card, c.asn(), 100, 1);
        purchase(card, c.asn(), 100, 2);
        assertThat(new CounterCard(Dictionary.standard()).offlineCounter(card::transmit))
                .as("two purchases logged (the loads are not offline transactions)")
                .isEqualTo(2);
        assertThatThrownBy(() -> at3.replacements().renew(f.clerk, c.asn(), c.citizenId(), card::transmit))
                .hasMessageContaining("can be renewed from")
                .hasMessageContaining("its offline counter is at 2, below 3");
        assertThat(card(c.id()).state()).isEqualTo(CardState.ACTIVE);
        purchase(card, c.asn(), 100, 3);
        long renewal = at3.replacements().renew(f.clerk, c.asn(), c.citizenId(), card::transmit);
        assertThat(card(c.id()).state()).isEqualTo(CardState.EXPIRED);
        assertThat(renewal).isNotEqualTo(c.id());
        assertThat(server.cards.get(c.asn()).state()).isEqualTo(CardState.EXPIRED.code());
    }
}
