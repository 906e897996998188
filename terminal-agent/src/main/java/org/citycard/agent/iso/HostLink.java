package org.citycard.agent.iso;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.citycard.dictionary.record.LoadAuthorisationAnswer;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.record.OriginalDataElements;
import org.citycard.dictionary.record.UploadResults;
import org.citycard.dictionary.record.VersionInfo;
import org.citycard.dictionary.validate.ValidationException;
import org.citycard.dictionary.wire.NetworkCode;
import org.citycard.dictionary.wire.ProcessingCode;
import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * The agent's conversations with the clearing server, one method per message pair of iso8583.yaml: sign-on,
 * echo, load authorisation, completion advice, reversal, batch upload and reconciliation. Field use follows the
 * dictionary; field 48 uses its binary layouts.
 */
public final class HostLink implements AutoCloseable {
    /** Processing code of a load paid in cash at the counter (iso8583.yaml processingCodes). */
    public static final String CASH_LOAD = ProcessingCode.CASH_LOAD.code();

    private static final String CNY = "156";
    private final IsoClient client;
    private final String terminalId;
    private final IntSupplier stans;

    /**
     * @param stans durable STAN source (the journal's), so a STAN is never reused after a restart
     */
    public HostLink(IsoClient client, String terminalId, IntSupplier stans) {
        this.client = client;
        this.terminalId = terminalId;
        this.stans = stans;
    }

    /** Hotlist and parameter versions the host announces in 0810 field 62. */
    public record Versions(String hotlist, String parameters) {
        static Versions parse(String f62) {
            if (f62 == null || f62.isEmpty()) {
                return new Versions(null, null);
            }
            VersionInfo v = VersionInfo.parse(f62);
            return new Versions(v.hotlistVersion(), v.parameterVersion());
        }
    }

    public Versions signOn() throws IsoException {
        return network(NetworkCode.SIGN_ON.code());
    }

    public Versions echo() throws IsoException {
        return network(NetworkCode.ECHO.code());
    }

    public void signOff() throws IsoException {
        network(NetworkCode.SIGN_OFF.code());
    }

    private Versions network(String code) throws IsoException {
        ISOMsg m = msg("0800");
        set(m, 11, stan(stans.getAsInt()));
        set(m, 41, terminalId);
        set(m, 70, code);
        ISOMsg a = client.exchange(m);
        requireApproved(a, "0800/" + code);
        return Versions.parse(a.getString(62));
    }

    /** What the host answered to a load authorisation. */
    public record Authorisation(String responseCode, byte[] mac2, String hostDate, String hostTime, String rrn) {
        public boolean approved() {
            return ResponseCode.APPROVED.code().equals(responseCode);
        }
    }

    /** The data of a load as the 0100, 0220 and 0400 carry it. */
    public record LoadRequest(
            String asn, long amount, int stan, String date, String time, String department, byte[] initData) {}

    public Authorisation authoriseLoad(LoadRequest r) throws IsoException {
        ISOMsg m = loadMsg("0100", r, r.stan());
        set(m, 48, r.initData());
        set(m, 49, CNY);
        ISOMsg a = client.exchange(m);
        String rc = a.getString(39);
        if (!ResponseCode.APPROVED.code().equals(rc)) {
            return new Authorisation(rc, null, null, null, null);
        }
        byte[] f48 = a.getBytes(48);
        if (f48 == null || f48.length != LoadAuthorisationAnswer.SIZE) {
            throw new IsoException(
                    IsoException.Kind.BAD_ANSWER,
                    "0110 approved without the MAC2 and host date/time"
                            + " of field 48 (layout load_authorisation_response)");
        }
        LoadAuthorisationAnswer answer;
        try {
            answer = LoadAuthorisationAnswer.decode(f48);
        } catch (ValidationException e) {
            throw new IsoException(IsoException.Kind.BAD_ANSWER, "0110 field 48: " + e.getMessage());
        }
        return new Authorisation(
                rc, answer.field("mac2"), answer.transactionDate(), answer.transactionTime(), a.getString(37));
    }

    /** 0220: the card took the load, here is its TAC. Answers the 0230's response code. */
    public String completeLoad(LoadRequest r, String rrn, byte[] tac) throws IsoException {
        ISOMsg m = loadMsg("0220", r, r.stan());
        set(m, 37, rrn == null ? "" : rrn);
        set(m, 48, tac);
        return client.exchange(m).getString(39);
    }

    /** 0400: the card provably did not take the load. Answers the 0410's response code. */
    public String reverseLoad(LoadRequest r) throws IsoException {
        int stan = stans.getAsInt();
        ISOMsg m = loadMsg("0400", r, stan);
        set(m, 90, OriginalDataElements.of("0100", r.stan(), r.date(), r.time()).text());
        return client.exchange(m).getString(39);
    }

    private ISOMsg loadMsg(String mti, LoadRequest r, int stan) {
        ISOMsg m = msg(mti);
        set(m, 2, r.asn());
        set(m, 3, CASH_LOAD);
        set(m, 4, String.format("%012d", r.amount()));
        set(m, 11, stan(stan));
        set(m, 12, r.time());
        set(m, 13, r.date());
        set(m, 41, terminalId);
        set(m, 42, r.department());
        return m;
    }

    /** The host's answer to a batch: its response code and one result per record, in order. */
    public record BatchAnswer(String responseCode, List<String> results) {
        public boolean stored() {
            return ResponseCode.APPROVED.code().equals(responseCode);
        }
    }

    /** 0320 with {@code records} (each an offline_record of 66 bytes) as field 63. */
    public BatchAnswer uploadBatch(int batchNo, List<byte[]> records) throws IsoException {
        ISOMsg m = msg("0320");
        set(m, 11, stan(stans.getAsInt()));
        set(m, 41, terminalId);
        set(m, 60, String.format("%06d", batchNo));
        set(m, 61, String.format("%04d", records.size()));
        set(m, 63, OfflineRecord.join(records));
        ISOMsg a = client.exchange(m);
        List<String> results = new ArrayList<>();
        byte[] f63a = a.getBytes(63);
        if (f63a != null && f63a.length > 0) {
            try {
                results.addAll(UploadResults.decode(f63a).results());
            } catch (ValidationException e) {
                throw new IsoException(IsoException.Kind.BAD_ANSWER, "0330 field 63: " + e.getMessage());
            }
        }
        return new BatchAnswer(a.getString(39), results);
    }

    /** The host's answer to a reconciliation: 00 agreed, 95 not, with the host's own totals. */
    public record Reconciliation(String responseCode, long credits, long creditAmount, long debits, long debitAmount) {
        public boolean agreed() {
            return ResponseCode.APPROVED.code().equals(responseCode);
        }
    }

    public Reconciliation reconcile(
            String businessDate, int batchNo, long credits, long creditAmount, long debits, long debitAmount)
            throws IsoException {
        ISOMsg m = msg("0500");
        set(m, 11, stan(stans.getAsInt()));
        set(m, 15, businessDate);
        set(m, 41, terminalId);
        set(m, 60, String.format("%06d", batchNo));
        set(m, 74, String.format("%010d", credits));
        set(m, 76, String.format("%010d", debits));
        set(m, 86, String.format("%016d", creditAmount));
        set(m, 88, String.format("%016d", debitAmount));
        ISOMsg a = client.exchange(m);
        return new Reconciliation(a.getString(39), num(a, 74), num(a, 86), num(a, 76), num(a, 88));
    }

    private static long num(ISOMsg a, int field) {
        String s = a.getString(field);
        return s == null || s.isBlank() ? 0 : Long.parseLong(s.trim());
    }

    private void requireApproved(ISOMsg a, String what) throws IsoException {
        if (!ResponseCode.APPROVED.code().equals(a.getString(39))) {
            throw new IsoException(
                    IsoException.Kind.REJECTED, "the host answered " + what + " with response code " + a.getString(39));
        }
    }

    private static ISOMsg msg(String mti) {
        ISOMsg m = new ISOMsg();
        try {
            m.setMTI(mti);
        } catch (ISOException e) {
            throw new IllegalArgumentException(mti, e);
        }
        return m;
    }

    private static void set(ISOMsg m, int field, String value) {
        m.set(field, value);
    }

    private static void set(ISOMsg m, int field, byte[] value) {
        m.set(field, value);
    }

    private static String stan(int stan) {
        return String.format("%06d", stan);
    }

    public String terminalId() {
        return terminalId;
    }

    @Override
    public void close() {
        client.close();
    }
}
