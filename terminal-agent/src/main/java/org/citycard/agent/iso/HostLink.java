package org.citycard.agent.iso;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.citycard.dictionary.iso8583.message.BatchUploadAnswer;
import org.citycard.dictionary.iso8583.message.BatchUploadRequest;
import org.citycard.dictionary.iso8583.message.CityCardMessage;
import org.citycard.dictionary.iso8583.message.LoadAuthorisationRequest;
import org.citycard.dictionary.iso8583.message.LoadAuthorisationResponse;
import org.citycard.dictionary.iso8583.message.LoadCompletionAdvice;
import org.citycard.dictionary.iso8583.message.LoadCompletionAnswer;
import org.citycard.dictionary.iso8583.message.LoadFields;
import org.citycard.dictionary.iso8583.message.LoadReversal;
import org.citycard.dictionary.iso8583.message.LoadReversalAnswer;
import org.citycard.dictionary.iso8583.message.MessageFieldException;
import org.citycard.dictionary.iso8583.message.NetworkAnswer;
import org.citycard.dictionary.iso8583.message.NetworkRequest;
import org.citycard.dictionary.iso8583.message.ReconciliationAnswer;
import org.citycard.dictionary.iso8583.message.ReconciliationRequest;
import org.citycard.dictionary.iso8583.message.Totals;
import org.citycard.dictionary.record.LoadAuthorisationAnswer;
import org.citycard.dictionary.record.VersionInfo;
import org.citycard.dictionary.wire.NetworkCode;
import org.citycard.dictionary.wire.ProcessingCode;
import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOMsg;

/**
 * The agent's conversations with the clearing server, one method per message pair of iso8583.yaml: sign-on,
 * echo, load authorisation, completion advice, reversal, batch upload and reconciliation. The messages are the
 * dictionary's records ({@code org.citycard.dictionary.iso8583.message}), the same the clearing server reads.
 */
public final class HostLink implements AutoCloseable {
    /** Processing code of a load paid in cash at the counter (iso8583.yaml processingCodes). */
    public static final String CASH_LOAD = ProcessingCode.CASH_LOAD.code();

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
    public record Versions(String hotlist, String parameters) {}

    public Versions signOn() throws IsoException {
        return network(NetworkCode.SIGN_ON);
    }

    public Versions echo() throws IsoException {
        return network(NetworkCode.ECHO);
    }

    public void signOff() throws IsoException {
        network(NetworkCode.SIGN_OFF);
    }

    private Versions network(NetworkCode code) throws IsoException {
        NetworkRequest request = NetworkRequest.of(nextStan(), terminalId, code);
        NetworkAnswer a = read(
                code == NetworkCode.SIGN_ON
                        ? new Answered(request.mti(), client.exchange(request.toIso()))
                        : exchange(request),
                NetworkAnswer::read);
        if (!a.approved()) {
            throw new IsoException(
                    IsoException.Kind.REJECTED,
                    "the host answered 0800/" + code.code() + " with response code " + a.responseCode());
        }
        if (code == NetworkCode.SIGN_ON) {
            if (a.workingKeys() == null) {
                throw new IsoException(
                        IsoException.Kind.BAD_ANSWER, "the host approved the sign-on without a working key (field 48)");
            }
            try {
                client.keys().take(a.workingKeys());
            } catch (org.citycard.dictionary.validate.ValidationException e) {
                throw new IsoException(IsoException.Kind.BAD_ANSWER, "the sign-on answer's " + e.getMessage());
            }
        }
        VersionInfo v = a.versions();
        return v == null ? new Versions(null, null) : new Versions(v.hotlistVersion(), v.parameterVersion());
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
        LoadAuthorisationResponse a = read(
                exchange(new LoadAuthorisationRequest(load(r, r.stan()), r.initData())),
                LoadAuthorisationResponse::read);
        if (!a.approved()) {
            return new Authorisation(a.responseCode(), null, null, null, null);
        }
        LoadAuthorisationAnswer host = a.host();
        return new Authorisation(
                a.responseCode(), host.field("mac2"), host.transactionDate(), host.transactionTime(), a.rrn());
    }

    /** 0220: the card took the load, here is its TAC. Answers the 0230's response code. */
    public String completeLoad(LoadRequest r, String rrn, byte[] tac) throws IsoException {
        return read(exchange(new LoadCompletionAdvice(load(r, r.stan()), rrn, tac)), LoadCompletionAnswer::read)
                .responseCode();
    }

    /** 0400: the card provably did not take the load. Answers the 0410's response code. */
    public String reverseLoad(LoadRequest r) throws IsoException {
        return read(exchange(LoadReversal.of(load(r, r.stan()), nextStan())), LoadReversalAnswer::read)
                .responseCode();
    }

    private LoadFields load(LoadRequest r, int stan) {
        return new LoadFields(
                r.asn(), CASH_LOAD, r.amount(), stan(stan), r.time(), r.date(), terminalId, r.department());
    }

    /** The host's answer to a batch: its response code and one result per record, in order. */
    public record BatchAnswer(String responseCode, List<String> results) {
        public boolean stored() {
            return ResponseCode.APPROVED.code().equals(responseCode);
        }
    }

    /** 0320 with {@code records} (each an offline_record of 66 bytes) as field 63. */
    public BatchAnswer uploadBatch(int batchNo, List<byte[]> records) throws IsoException {
        BatchUploadAnswer a = read(
                exchange(BatchUploadRequest.of(nextStan(), terminalId, batchNo, records)), BatchUploadAnswer::read);
        return new BatchAnswer(a.responseCode(), a.results().results());
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
        ReconciliationRequest request = ReconciliationRequest.of(
                nextStan(), businessDate, terminalId, batchNo, new Totals(credits, creditAmount, debits, debitAmount));
        ReconciliationAnswer a = read(exchange(request), ReconciliationAnswer::read);
        Totals host = a.host();
        return new Reconciliation(
                a.responseCode(), host.credits(), host.creditAmount(), host.debits(), host.debitAmount());
    }

    /**
     * Sends a message under the working key, signing on first when there is none; when the host asks to sign on
     * again (A0, or 63 with a zero MAC: it holds no working key of ours) the terminal signs on and sends the same
     * message once more. The host took nothing the first time, so nothing journaled changes.
     */
    private Answered exchange(CityCardMessage request) throws IsoException {
        if (!client.keys().signedOn()) {
            signOn();
        }
        try {
            return new Answered(request.mti(), client.exchange(request.toIso()));
        } catch (IsoException e) {
            if (e.kind() != IsoException.Kind.SIGN_ON_AGAIN) {
                throw e;
            }
            client.keys().forget();
            signOn();
            return new Answered(request.mti(), client.exchange(request.toIso()));
        }
    }

    /** The terminal's keys (for the REST MAC and the demo's working-key check). */
    public WorkingKeys keys() {
        return client.keys();
    }

    private record Answered(String requestMti, ISOMsg answer) {}

    /** Reads the answer with its record; a field breaking its rule is a bad answer naming the field. */
    private static <T> T read(Answered a, Function<ISOMsg, T> reader) throws IsoException {
        try {
            return reader.apply(a.answer());
        } catch (MessageFieldException e) {
            throw new IsoException(
                    IsoException.Kind.BAD_ANSWER, "the answer to " + a.requestMti() + ", " + e.getMessage());
        }
    }

    private String nextStan() {
        return stan(stans.getAsInt());
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
