package org.citycard.cardlink.command;

import java.util.HashMap;
import java.util.Map;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.card.StatusWord;

/**
 * One command's status-word table: turns an SW into a precise error for that command. Built once per command
 * class; every SW it names must be one the dictionary lists for that command (checked when the class loads), so
 * the table and the card contract cannot drift apart.
 */
final class StatusTable {
    private record Entry(Reason reason, String en, String zh) {}

    private final CardCommand command;
    private final Map<Integer, Entry> entries = new HashMap<>();

    private StatusTable(CardCommand command) {
        this.command = command;
    }

    static StatusTable of(CardCommand command) {
        return new StatusTable(command);
    }

    /** Adds the meaning of {@code sw} (for 63Cx families: the 63C0 member) for this command. */
    StatusTable on(int sw, Reason reason, String en, String zh) {
        String hex = String.format("%04X", sw);
        if (!command.statusWords().contains(hex)) {
            throw new IllegalStateException("status word " + hex + " is not listed for command " + command.id()
                    + " in apdu.yaml; add it there first");
        }
        entries.put(sw, new Entry(reason, en, zh));
        return this;
    }

    /** The status words this table gives a meaning to (63Cx as 63C0). */
    java.util.Set<Integer> statusWords() {
        return java.util.Set.copyOf(entries.keySet());
    }

    /** Returns the response when it is 9000, else throws the precise refusal. */
    Response check(Response r) {
        if (r.ok()) {
            return r;
        }
        throw refusal(r.sw());
    }

    CardRefusedException refusal(int sw) {
        int key = (sw & 0xFFF0) == 0x63C0 ? 0x63C0 : sw;
        Entry e = entries.get(key);
        if (e != null) {
            String en = key == 0x63C0 ? e.en.replace("x", Integer.toString(sw & 0x0F)) : e.en;
            String zh = key == 0x63C0 ? e.zh.replace("x", Integer.toString(sw & 0x0F)) : e.zh;
            return new CardRefusedException(command.id(), sw, e.reason, en, zh);
        }
        StatusWord known = Dictionary.standard().describe(sw).orElse(null);
        String en = known != null ? known.en() + " (not expected from this command)" : "unknown status word";
        String zh = known != null ? known.zh() : "未知状态字";
        return new CardRefusedException(command.id(), sw, Reason.UNEXPECTED, en, zh);
    }
}
