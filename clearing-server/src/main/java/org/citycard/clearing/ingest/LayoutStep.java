package org.citycard.clearing.ingest;

import java.util.Arrays;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.validate.ValidationException;
import org.citycard.dictionary.wire.QuarantineReason;
import org.springframework.stereotype.Component;

/**
 * Layout: every record of the batch is decoded by the dictionary's {@code offline_record} layout before any other
 * check (one that cannot be decoded is quarantined MALFORMED); then per record the layout's money rules — a purchase
 * (06, 09) of a positive amount that its balance before covers. A hotlist block event (A1) from the terminal that
 * made it is answered 00 here and stored as a card event, never posted; from another terminal it is OTHER_TERMINAL.
 */
@Component
public class LayoutStep implements IngestStep {

    @Override
    public void prepare(BatchContext batch) {
        byte[] all = batch.batch.records();
        for (int i = 0; i < batch.size(); i++) {
            RecordContext rc = batch.record(i);
            rc.put(RecordKey.RAW, Arrays.copyOfRange(all, i * OfflineRecord.SIZE, (i + 1) * OfflineRecord.SIZE));
            try {
                OfflineRecord r = OfflineRecord.decode(rc.raw());
                rc.put(RecordKey.RECORD, r);
                batch.asns.add(r.asn());
                batch.ttsnRange.merge(r.terminalId(), new long[] {r.ttsn(), r.ttsn()}, (a, b) ->
                        new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            } catch (ValidationException e) {
                batch.quarantine(rc, QuarantineReason.MALFORMED, e.getMessage());
            }
        }
    }

    @Override
    public Next check(BatchContext batch, RecordContext rc) {
        OfflineRecord r = rc.record();
        if (r == null) {
            return Next.DECIDED; // quarantined when decoded
        }
        if (RecordTypes.HOTLIST_BLOCK.equals(r.recordType())) {
            if (!r.terminalId().equals(batch.batch.terminalId())) {
                // like every record, a block event comes only from the terminal that made it (TacStep)
                batch.quarantine(
                        rc,
                        QuarantineReason.OTHER_TERMINAL,
                        "block event of terminal " + r.terminalId() + " uploaded by terminal "
                                + batch.batch.terminalId() + ": a terminal uploads only the records it made");
                return Next.DECIDED;
            }
            batch.events.add(r);
            batch.approve(rc);
            return Next.DECIDED;
        }
        RecordRules.Verdict v = money(r);
        if (!v.passed()) {
            batch.quarantine(rc, v.reason(), v.detail());
            return Next.DECIDED;
        }
        return Next.CONTINUE;
    }

    /** Money rules of the layout: a purchase of a positive amount that the balance before covers. */
    static RecordRules.Verdict money(OfflineRecord r) {
        if (!RecordTypes.isPurchase(r.recordType())) {
            return new RecordRules.Verdict(
                    QuarantineReason.MALFORMED,
                    "record type " + r.recordType() + " is not an offline purchase (06, 09) nor a block event ("
                            + RecordTypes.HOTLIST_BLOCK + ")");
        }
        if (r.amount() <= 0) {
            return new RecordRules.Verdict(QuarantineReason.MALFORMED, "amount 0: a purchase moves money");
        }
        if (r.amount() > r.balanceBefore()) {
            return new RecordRules.Verdict(
                    QuarantineReason.MALFORMED,
                    "amount " + r.amount() + " fen is above the balance before " + r.balanceBefore() + " fen");
        }
        return RecordRules.Verdict.PASS;
    }
}
