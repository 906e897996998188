package org.citycard.agent.purse;

import java.util.Arrays;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.CardLostException;
import org.citycard.cardlink.command.CardRefusedException;
import org.citycard.cardlink.command.CreditSamForPurchase;
import org.citycard.cardlink.command.DebitForPurchase;
import org.citycard.cardlink.command.InitSamForPurchase;
import org.citycard.cardlink.command.InitializeForCompoundPurchase;
import org.citycard.cardlink.command.InitializeForPurchase;
import org.citycard.cardlink.command.PurchaseInit;
import org.citycard.cardlink.command.ReadRecord;
import org.citycard.cardlink.command.UpdateCappDataCache;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.record.OfflineRecord;

/**
 * Tap to pay (DESIGN §3.1): INITIALIZE FOR PURCHASE → PSAM MAC1 → journal (PENDING) → DEBIT → journal (COMPLETE)
 * → PSAM verifies MAC2. Five APDUs, three to the card and two to the PSAM. The record is durable (appended to the
 * journal's tap log and forced) before the debit is sent; its TAC is durable with the log's next forced write — the
 * next tap's record, or the journal's flush within {@code Journal.FLUSH_NANOS} (20 ms) — so a tap makes one forced
 * write and no Derby statement. A lost answer, or an agent killed before the TAC reached the disk, leaves the record PENDING: the card's
 * next tap proves it ({@link Recovery}, GET TRANSACTION PROVE) before anything else, so it is never debited twice and
 * never lost.
 */
public final class PurchaseService {
    private static final System.Logger LOG = System.getLogger(PurchaseService.class.getName());
    private static final int KEY_INDEX = 1;
    /** The status word of INITIALIZE FOR PURCHASE on a purse whose offline counter is at FFFF. */
    static final int SW_COUNTER_USED_UP = 0x6985;

    private static final int SFI_DEPARTMENTS = Dictionary.standard()
            .application("purse")
            .file("sfi17")
            .orElseThrow()
            .sfi();
    private final PurseTerminal terminal;
    private final Runnable nudgeUploader;

    /** A purchase service that leaves the upload to the uploader's own interval. */
    public PurchaseService(PurseTerminal terminal) {
        this(terminal, () -> {});
    }

    /**
     * @param nudgeUploader asks store-and-forward for a pass soon: called once the record is complete (its TAC
     *     journaled), so the money path itself, not a page event, starts the upload
     */
    public PurchaseService(PurseTerminal terminal, Runnable nudgeUploader) {
        this.terminal = terminal;
        this.nudgeUploader = nudgeUploader;
    }

    /**
     * Makes the purchase on a card already selected ({@link PurseCard#select}).
     *
     * @throws CardLostException the debit's answer was lost: the purchase stays PENDING and is proven on the
     *     card's next tap
     * @throws CardRefusedException the card or PSAM refused; nothing was debited
     * @throws OfflineRefusedException an offline rule ({@link OfflineRules}) refused; nothing was debited or
     *     journaled
     */
    public PurchaseResult purchase(ApduTransport card, PurseCard purse, PurchaseRequest req) {
        ApduTransport psam = terminal.psam();
        // the offline rules before the card is asked for anything that could debit it
        String[] clock = terminal.now();
        String today = clock[0];
        java.util.Map<String, String> parameters = terminal.journal().lists().parameters();
        OfflineRules rules = OfflineRules.of(parameters);
        OfflineRules.checkDates(purse.startDate(), purse.expiryDate(), today).ifPresent(code -> {
            throw new OfflineRefusedException(
                    code,
                    "card " + purse.maskedAsn() + " valid " + purse.startDate() + ".." + purse.expiryDate()
                            + ", today is " + today);
        });
        // the fare this card pays (a concession card's discount, free ride or full fare, and why)
        FareRules.Fare fare = quote(purse, req, parameters, clock);
        long amount = fare.charged();
        long spent = OfflineRules.spentToday(terminal.journal(), purse.asn(), terminal.terminalId(), today);
        rules.checkAmount(amount, spent).ifPresent(code -> {
            throw new OfflineRefusedException(
                    code,
                    "amount " + amount + " fen, spent today " + spent
                            + " fen at this terminal; limits " + rules.purchaseLimit() + " per purchase, "
                            + rules.dailyLimit() + " per day");
        });
        if (fare.freeRide()) {
            return freeRide(card, purse, req, fare, clock);
        }
        String type = req.compound() ? TxTypes.COMPOUND_PURCHASE : TxTypes.PURCHASE;
        int deptRecord = 0;
        byte[] deptData = null;
        if (req.compound()) {
            deptRecord = departmentRecord(req.departmentCategory());
            deptData = ReadRecord.send(card, SFI_DEPARTMENTS, deptRecord);
        }
        byte[] tid = terminal.terminalIdBytes();
        PurchaseInit init;
        try {
            init = req.compound()
                    ? InitializeForCompoundPurchase.send(card, KEY_INDEX, amount, tid)
                    : InitializeForPurchase.send(card, KEY_INDEX, amount, tid);
        } catch (CardRefusedException e) {
            if (e.sw() == SW_COUNTER_USED_UP) {
                // a selected purse that is not blocked answers 6985 to INITIALIZE only when its offline counter
                // is at FFFF (CARD-SPEC: "the counter is used up")
                throw new OfflineRefusedException(
                        OfflineRules.COUNTER_AT_END,
                        "card " + purse.maskedAsn()
                                + " answered 6985 to INITIALIZE FOR PURCHASE: its offline counter is at its end");
            }
            throw e;
        }
        OfflineRules.checkCounter(init.offlineSeq()).ifPresent(code -> {
            // INITIALIZE changed nothing on the card: refused before MAC1, nothing journaled
            throw new OfflineRefusedException(
                    code,
                    "card " + purse.maskedAsn() + " offline counter " + init.offlineSeq() + " is at its end "
                            + OfflineRules.COUNTER_END);
        });
        OfflineRules.checkKeyVersion(parameters, init.keyVersion() & 0xFF).ifPresent(code -> {
            // INITIALIZE changed nothing on the card: refused before MAC1, nothing journaled
            throw new OfflineRefusedException(
                    code,
                    "card " + purse.maskedAsn() + " is on key version " + String.format("%02X", init.keyVersion())
                            + ", which the server retired: re-key it at a counter");
        });
        String[] now = terminal.now();
        byte[] date = Bcd.encode(now[0], 4);
        byte[] time = Bcd.encode(now[1], 3);
        InitSamForPurchase.SamMac1 sam = InitSamForPurchase.send(
                psam,
                init.random(),
                init.offlineSeqBytes(),
                amount,
                TxTypes.toByte(type),
                date,
                time,
                init.keyVersion(),
                init.algorithm(),
                purse.asnRight8(),
                purse.issuerId());
        long ttsn = Amounts.fromBytes(sam.ttsn(), 0, 4);
        OfflineRecord record = OfflineRecord.of(
                type,
                purse.asn(),
                init.offlineSeq(),
                init.balance(),
                amount,
                terminal.terminalId(),
                ttsn,
                now[0],
                now[1],
                null,
                init.keyVersion() & 0xFF,
                init.algorithm() & 0xFF,
                req.department(),
                req.payee());
        // the record is durable before the debit is sent: a lost answer or a kill from here on is proven on the
        // card's next tap
        long id = terminal.journal().beginOffline(record);
        DebitForPurchase.Debited debited;
        try {
            if (req.compound()) {
                UpdateCappDataCache.send(card, deptRecord, departmentUpdate(deptData, amount, date, time, tid));
            }
            debited = DebitForPurchase.send(card, sam.ttsn(), date, time, sam.mac1());
        } catch (CardRefusedException e) {
            terminal.journal().voidRecord(id);
            throw e;
        }
        // CardLostException propagates with the record PENDING: the next tap proves it
        String tac = Hex.of(debited.tac());
        // the TAC goes to disk with the journal's next commit (the next tap's record, or a flush within
        // Journal.FLUSH_NANOS): one forced log write a tap; a kill before it leaves the record PENDING for the card's
        // next tap to prove, as a lost answer does
        terminal.journal().completeSoon(id, record, tac);
        nudgeUploader.run();
        try {
            CreditSamForPurchase.send(psam, debited.mac2());
        } catch (CardRefusedException e) {
            // the card debited and gave a TAC the server will verify; a MAC2 the PSAM rejects is worth a warning
            LOG.log(System.Logger.Level.WARNING, "PSAM rejected MAC2 of record {0}: {1}", id, e.getMessage());
        }
        return new PurchaseResult(
                purse.asn(),
                amount,
                init.balance() - amount,
                init.offlineSeq(),
                ttsn,
                tac,
                id,
                req.department(),
                req.payee(),
                now[0],
                now[1],
                false,
                fare);
    }

    /**
     * The fare this card would pay for this request now: the concession of its card type (terminal parameters
     * {@code fareRules}, dictionary defaults), its review date, the hour and its free rides today.
     */
    public FareRules.Fare quote(PurseCard purse, PurchaseRequest req) {
        return quote(purse, req, terminal.journal().lists().parameters(), terminal.now());
    }

    private FareRules.Fare quote(
            PurseCard purse, PurchaseRequest req, java.util.Map<String, String> parameters, String[] clock) {
        FareRules fares = FareRules.of(parameters);
        if (!fares.rule(purse.cardType()).concession()) {
            return new FareRules.Fare(req.amount(), req.amount(), req.amount(), null);
        }
        return fares.fare(
                purse,
                req.amount(),
                FareRules.categoryOf(parameters, req.department()),
                clock[0],
                clock[1],
                terminal.journal().freeRidesOn(purse.asn(), clock[0]));
    }

    /**
     * A free ride: nothing is debited and nothing goes to the clearing centre; the ride is journaled (the card's free
     * rides of the day are counted there) before the receipt, which shows the balance read from the card.
     */
    private PurchaseResult freeRide(
            ApduTransport card, PurseCard purse, PurchaseRequest req, FareRules.Fare fare, String[] clock) {
        long balance = org.citycard.cardlink.command.GetBalance.send(card);
        long id = terminal.journal()
                .recordFreeRide(
                        purse.asn(),
                        clock[0],
                        clock[1],
                        terminal.terminalId(),
                        purse.cardType(),
                        fare.fullFare(),
                        req.department());
        LOG.log(
                System.Logger.Level.INFO,
                "free ride {0} of card {1} (card type {2})",
                id,
                purse.maskedAsn(),
                purse.cardType());
        return new PurchaseResult(
                purse.asn(),
                0,
                balance,
                -1,
                0,
                null,
                id,
                req.department(),
                req.payee(),
                clock[0],
                clock[1],
                false,
                fare);
    }

    /** The SFI 17 record number of a department category (department-category cardRecord). */
    static int departmentRecord(String category) {
        var code = Dictionary.standard()
                .codeTable("department-category")
                .find(category)
                .orElseThrow(() ->
                        new IllegalArgumentException("department category '" + category + "' is not in the table"));
        int n = Integer.parseInt(code.attr("cardRecord"));
        if (n == 0) {
            throw new IllegalArgumentException("department category " + category + " has no record on the card");
        }
        return n;
    }

    /** The department record after this purchase: use count + 1, total + amount, last amount, date, time, terminal. */
    static byte[] departmentUpdate(byte[] current, long amount, byte[] date, byte[] time, byte[] tid) {
        var f = Dictionary.standard().application("purse").file("sfi17").orElseThrow();
        byte[] rec = Arrays.copyOf(current, f.recordLength());
        int useOff = f.field("dept_use_count").orElseThrow().offset();
        int count = ((rec[useOff] & 0xFF) << 8 | (rec[useOff + 1] & 0xFF)) + 1;
        rec[useOff] = (byte) (count >> 8);
        rec[useOff + 1] = (byte) count;
        int totalOff = f.field("dept_total_amount").orElseThrow().offset();
        long total = Amounts.fromBytes(rec, totalOff, 4) + amount;
        System.arraycopy(Amounts.toBytes(Math.min(total, 0xFFFF_FFFFL), 4), 0, rec, totalOff, 4);
        System.arraycopy(
                Amounts.toBytes(amount, 4),
                0,
                rec,
                f.field("amount").orElseThrow().offset(),
                4);
        System.arraycopy(date, 0, rec, f.field("transaction_date").orElseThrow().offset(), 4);
        System.arraycopy(time, 0, rec, f.field("transaction_time").orElseThrow().offset(), 3);
        System.arraycopy(tid, 0, rec, f.field("terminal_id").orElseThrow().offset(), 6);
        return rec;
    }
}
