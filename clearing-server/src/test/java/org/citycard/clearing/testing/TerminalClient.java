package org.citycard.clearing.testing;

import java.io.IOException;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.crypto.TerminalKey;
import org.citycard.dictionary.iso8583.Iso8583Packagers;
import org.citycard.dictionary.iso8583.MessageMacs;
import org.citycard.dictionary.iso8583.message.NetworkRequest;
import org.citycard.dictionary.record.WorkingKeyBlock;
import org.citycard.dictionary.wire.NetworkCode;
import org.citycard.dictionary.wire.ProcessingCode;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.channel.NACChannel;

/**
 * A terminal speaking to the clearing server through a stock jPOS {@link NACChannel} with the dictionary's
 * packager: builds, MACs and sends the messages of the dictionary's message set. It holds a terminal's own key
 * (TMK): a sign-on is MACed with its SOK and brings the working key TAK (field 48 under the TMK), which MACs every
 * other message; a message sent before any sign-on signs on first. For tests, benchmarks and simulated terminals.
 */
public final class TerminalClient implements AutoCloseable {
    private final String terminalId;
    private final String department;
    private final TerminalKey terminalKey;
    private final CardCrypto.MacKey signOnKey;
    private byte[] tak;
    private CardCrypto.MacKey takKey;
    private final ISOPackager packager;
    private final NACChannel channel;
    private int stan;

    /** A terminal of a server on the demo key set: its demo TMK. */
    public TerminalClient(String host, int port, KeySet keys, String terminalId, String department) throws IOException {
        this(host, port, demoKey(keys, terminalId), department);
    }

    public TerminalClient(String host, int port, TerminalKey terminalKey, String department) throws IOException {
        this.terminalId = terminalKey.terminalId();
        this.department = department;
        this.terminalKey = terminalKey;
        this.signOnKey = terminalKey.crypto().prepareMacKey(terminalKey.signOnKey());
        this.packager = Iso8583Packagers.create();
        this.channel = new NACChannel(host, port, packager, null);
        channel.setTimeout(30_000);
        channel.connect();
        // as terminals do (the agent's IsoClient too): jPOS writes a message through a 2 KiB buffer, so a 0320 of
        // 151 records leaves in five writes, and with Nagle's algorithm each write after the first waits for the
        // server's delayed ACK of the one before (40 ms on Linux): a batch's answer came 40 ms late
        channel.getSocket().setTcpNoDelay(true);
    }

    private static TerminalKey demoKey(KeySet keys, String terminalId) {
        if (!keys.isDemo()) {
            throw new IllegalArgumentException("a terminal of a server on real keys needs its own TerminalKey");
        }
        return TerminalKey.demo(terminalId);
    }

    public String terminalId() {
        return terminalId;
    }

    /** The working key of the last sign-on (for REST MACs), signing on first when there was none. */
    public byte[] tak() throws ISOException, IOException {
        if (tak == null) {
            signOn();
        }
        return tak.clone();
    }

    /** Forgets the working key, as a terminal restarting would. */
    public void forgetWorkingKey() {
        tak = null;
        takKey = null;
    }

    public ISOPackager packager() {
        return packager;
    }

    /** The next STAN (6 digits). */
    public String nextStan() {
        stan = stan % 999_999 + 1;
        return String.format("%06d", stan);
    }

    public ISOMsg message(String mti) throws ISOException {
        ISOMsg m = new ISOMsg(mti);
        m.setPackager(packager);
        m.set(41, terminalId);
        return m;
    }

    /**
     * MACs and sends a message, returns the answer: a sign-on under the SOK (taking the working key of an approved
     * answer whose MAC verifies), anything else under the TAK, signing on first when there is none.
     */
    public ISOMsg exchange(ISOMsg m) throws ISOException, IOException {
        boolean signOn = NetworkRequest.isSignOn(m);
        if (!signOn && takKey == null) {
            ISOMsg refused = signOn();
            if (takKey == null) {
                throw new IllegalStateException("terminal " + terminalId + " could not sign on (response code "
                        + refused.getString(39) + "): its key is not the server's for this terminal");
            }
        }
        MessageMacs.sign(m, signOn ? signOnKey : takKey);
        channel.send(m);
        ISOMsg answer = channel.receive();
        if (signOn && "00".equals(answer.getString(39)) && answer.hasField(48) && answerAuthentic(answer)) {
            byte[] opened =
                    WorkingKeyBlock.decode(answer.getBytes(48)).open(terminalKey.algorithm(), terminalKey.tmk());
            tak = opened;
            takKey = terminalKey.crypto().prepareMacKey(opened);
        }
        return answer;
    }

    /** Sends a message as is (no MAC computed): for malformed and forged messages in tests. */
    public ISOMsg exchangeUnsigned(ISOMsg m) throws ISOException, IOException {
        channel.send(m);
        return channel.receive();
    }

    /** True when an answer's MAC verifies under this terminal's key for it (SOK for a sign-on, else the TAK). */
    public boolean answerAuthentic(ISOMsg answer) throws ISOException {
        answer.setPackager(packager);
        CardCrypto.MacKey key = NetworkRequest.isSignOnAnswer(answer) ? signOnKey : takKey;
        return key != null && MessageMacs.verify(answer.pack(), key);
    }

    public ISOMsg signOn() throws ISOException, IOException {
        ISOMsg m = message("0800");
        m.set(11, nextStan());
        m.set(70, NetworkCode.SIGN_ON.code());
        return exchange(m);
    }

    /** 0100 for a load of {@code amount} fen paid in cash, field 48 from the card. */
    public ISOMsg authorise(String asn, long amount, String stan, String date, String time, byte[] cardData)
            throws ISOException, IOException {
        ISOMsg m = message("0100");
        m.set(2, asn);
        m.set(3, ProcessingCode.CASH_LOAD.code());
        m.set(4, Long.toString(amount));
        m.set(11, stan);
        m.set(12, time);
        m.set(13, date);
        m.set(42, department);
        m.set(48, cardData);
        m.set(49, "156");
        return exchange(m);
    }

    /** 0220 with the card's TAC. */
    public ISOMsg complete(ISOMsg authorisation, byte[] tac) throws ISOException, IOException {
        ISOMsg m = message("0220");
        for (int f : new int[] {2, 3, 4, 11, 12, 13, 42}) {
            m.set(f, authorisation.getString(f));
        }
        m.set(37, authorisation.getString(37));
        m.set(48, tac);
        return exchange(m);
    }

    /** 0400 of an authorisation the card did not take. */
    public ISOMsg reverse(ISOMsg authorisation) throws ISOException, IOException {
        ISOMsg m = message("0400");
        for (int f : new int[] {2, 3, 4, 12, 13, 42}) {
            m.set(f, authorisation.getString(f));
        }
        m.set(11, nextStan());
        String date = authorisation.getString(13);
        m.set(
                90,
                "0100" + authorisation.getString(11) + date.substring(4) + authorisation.getString(12)
                        + "0".repeat(22));
        return exchange(m);
    }

    /** 0320 with records (n × 66 bytes). */
    public ISOMsg upload(String batchNumber, byte[]... records) throws ISOException, IOException {
        byte[] all = new byte[records.length * (records.length == 0 ? 0 : records[0].length)];
        int pos = 0;
        for (byte[] r : records) {
            System.arraycopy(r, 0, all, pos, r.length);
            pos += r.length;
        }
        ISOMsg m = message("0320");
        m.set(11, nextStan());
        m.set(60, batchNumber);
        m.set(61, Integer.toString(records.length));
        m.set(63, all);
        return exchange(m);
    }

    /** 0500 with the terminal's totals of a date. */
    public ISOMsg reconcile(
            String date, String batchNumber, long credits, long creditAmount, long debits, long debitAmount)
            throws ISOException, IOException {
        ISOMsg m = message("0500");
        m.set(11, nextStan());
        m.set(15, date);
        m.set(60, batchNumber);
        m.set(74, Long.toString(credits));
        m.set(76, Long.toString(debits));
        m.set(86, Long.toString(creditAmount));
        m.set(88, Long.toString(debitAmount));
        return exchange(m);
    }

    /** The per-record results of a 0330 as two-character codes. */
    public static String[] results(ISOMsg answer) {
        byte[] b = answer.getBytes(63);
        if (b == null) {
            return new String[0];
        }
        String s = new String(b, java.nio.charset.StandardCharsets.US_ASCII);
        String[] out = new String[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.substring(2 * i, 2 * i + 2);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        channel.disconnect();
    }

    @Override
    public String toString() {
        return "TerminalClient[" + terminalId + "]";
    }
}
