package org.citycard.agent.purse;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.citycard.agent.journal.Journal;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.command.ReadBinary;
import org.citycard.cardlink.command.SelectApplication;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.validate.Rules;

/**
 * What every card session needs from the terminal: the PSAM, its terminal ID, the journal, the clock and the
 * department this terminal collects for.
 */
public final class PurseTerminal {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");
    private final ApduTransport psam;
    private final String terminalId;
    private final Journal journal;
    private final Clock clock;
    private final String department;
    private final byte[] terminalIdBytes;

    public PurseTerminal(ApduTransport psam, String terminalId, Journal journal, Clock clock, String department) {
        Rules.checkElement(Dictionary.standard(), "department_code", department);
        this.psam = psam;
        this.terminalId = terminalId;
        this.journal = journal;
        this.clock = clock;
        this.department = department;
        this.terminalIdBytes = Bcd.encode("terminal_id", terminalId, 6);
    }

    /** Reads the terminal ID the PSAM was personalised with (PSAM SFI 16). */
    public static String readTerminalId(ApduTransport psam) {
        SelectApplication.send(psam, Dictionary.standard().application("psam").aidBytes());
        var f = Dictionary.standard().application("psam").file("psam16").orElseThrow();
        byte[] d = ReadBinary.send(psam, f.sfi(), 0, 6);
        return Bcd.decode("terminal_id", d, 0, 6);
    }

    public ApduTransport psam() {
        return psam;
    }

    public String terminalId() {
        return terminalId;
    }

    public byte[] terminalIdBytes() {
        return terminalIdBytes.clone();
    }

    public Journal journal() {
        return journal;
    }

    public String department() {
        return department;
    }

    private static void digits(char[] out, int at, int value, int n) {
        for (int i = at + n - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Now, as the card and the journal take it: YYYYMMDD and hhmmss. */
    public String[] now() {
        LocalDateTime t = LocalDateTime.now(clock);
        // as DATE and TIME format it (yyyyMMdd, HHmmss), without a formatter at every tap
        int y = t.getYear();
        if (y < 1000 || y > 9999) {
            return new String[] {t.format(DATE), t.format(TIME)};
        }
        char[] d = new char[8];
        digits(d, 0, y, 4);
        digits(d, 4, t.getMonthValue(), 2);
        digits(d, 6, t.getDayOfMonth(), 2);
        char[] h = new char[6];
        digits(h, 0, t.getHour(), 2);
        digits(h, 2, t.getMinute(), 2);
        digits(h, 4, t.getSecond(), 2);
        return new String[] {new String(d), new String(h)};
    }
}
