package org.citycard.cardlink.command;

/**
 * A card or PSAM answered a command with a status word other than 9000. The message names the command, the
 * status word and what it means for this command, in English and Chinese; never a key or a PIN.
 */
public class CardRefusedException extends RuntimeException {
    private final String command;
    private final int sw;
    private final Reason reason;
    private final String zh;

    public CardRefusedException(String command, int sw, Reason reason, String en, String zh) {
        super(String.format("%s answered %04X: %s", command, sw, en));
        this.command = command;
        this.sw = sw;
        this.reason = reason;
        this.zh = zh;
    }

    /** The dictionary id of the refused command, for example {@code debit_for_purchase}. */
    public String command() {
        return command;
    }

    public int sw() {
        return sw;
    }

    public Reason reason() {
        return reason;
    }

    /** The meaning in Chinese, for the kiosk page. */
    public String zh() {
        return zh;
    }

    /** For 63Cx: the PIN tries left; -1 otherwise. */
    public int triesLeft() {
        return (sw & 0xFFF0) == 0x63C0 ? sw & 0x0F : -1;
    }
}
