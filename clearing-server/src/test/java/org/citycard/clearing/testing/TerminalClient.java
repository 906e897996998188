package org.citycard.clearing.testing;

import java.io.IOException;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.iso8583.Iso8583Packagers;
import org.citycard.dictionary.iso8583.MessageMacs;
import org.citycard.dictionary.wire.NetworkCode;
import org.citycard.dictionary.wire.ProcessingCode;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.channel.NACChannel;

/**
 * A terminal speaking to the clearing server through a stock jPOS {@link NACChannel} with the dictionary's
 * packager: builds, MACs (TAK from MTAK) and sends the messages of the dictionary's message set. For tests,
 * benchmarks and simulated terminals.
 */
public final class TerminalClient implements AutoCloseable {
    private final String terminalId;
    private final String department;
    private final byte[] tak;
    private final CardCrypto.MacKey takKey;
    private final ISOPackager packager;
    private final NACChannel channel;
    private int stan;

    public TerminalClient(String host, int port, KeySet keys, String terminalId, String department) throws IOException {
        this.terminalId = terminalId;
        this.department = department;
        this.tak = CardCrypto.tdes().diversify(keys.key("MTAK"), CardCrypto.terminalDiversifier(terminalId));
        this.takKey = CardCrypto.tdes().prepareMacKey(tak);
        this.packager = Iso8583Packagers.create();
        this.channel = new NACChannel(host, port, packager, null);
        channel.setTimeout(30_000);
        channel.connect();
    }

    public String terminalId() {
        return terminalId;
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

    /** MACs and sends a message, returns the answer. */
    public ISOMsg exchange(ISOMsg m) throws ISOException, IOException {
        MessageMacs.sign(m, takKey);
        channel.send(m);
        return channel.receive();
    }

    /** Sends a message as is (no MAC computed): for malformed and forged messages in tests. */
    public ISOMsg exchangeUnsigned(ISOMsg m) throws ISOException, IOException {
        channel.send(m);
        return channel.receive();
    }

    /** True when an answer's MAC verifies under this terminal's TAK. */
    public boolean answerAuthentic(ISOMsg answer) throws ISOException {
        answer.setPackager(packager);
        return MessageMacs.verify(answer.pack(), tak);
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
