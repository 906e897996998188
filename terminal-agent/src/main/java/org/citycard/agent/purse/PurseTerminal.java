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

    public PurseTerminal(ApduTransport psam, String terminalId, Journal journal, Clock clock, String department) {
        Rules.checkElement(Dictionary.standard(), "department_code", department);
        this.psam = psam;
        this.terminalId = terminalId;
        this.journal = journal;
        this.clock = clock;
        this.department = department;
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
        return Bcd.encode("terminal_id", terminalId, 6);
    }

    public Journal journal() {
        return journal;
    }

    public String department() {
        return department;
    }

    /** Now, as the card and the journal take it: YYYYMMDD and hhmmss. */
    public String[] now() {
        LocalDateTime t = LocalDateTime.now(clock);
        return new String[] {t.format(DATE), t.format(TIME)};
    }
}
