package org.citycard.dictionary.wire;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.CodeTable;
import org.citycard.dictionary.Dictionary;

/**
 * The kinds of terminal and what each may send (DESIGN §3.8): codes, names and rights come from the dictionary's
 * terminal-type table ({@code messages}: ISO 8583 request MTIs, {@code calls}: {@link TerminalCall} names,
 * {@code mode}: the agent's --mode). Nothing here is typed twice: a right the table does not list is no right.
 */
public enum TerminalType {
    COUNTER,
    LOAD_MACHINE,
    KIOSK,
    DEPARTMENT;

    /** The table's id. */
    public static final String TABLE = "terminal-type";

    private final String code;
    private final String zh;
    private final String en;
    private final String mode;
    private final Set<String> messages;
    private final Set<TerminalCall> calls;

    TerminalType() {
        CodeTable table = Dictionary.standard().codeTable(TABLE);
        Code c = table.byName(name())
                .orElseThrow(() -> new IllegalStateException(
                        "the dictionary's code table " + TABLE + " has no code named " + name()));
        this.code = c.code();
        this.zh = c.zh();
        this.en = c.en();
        this.mode = required(c, "mode");
        Set<String> mtis = Dictionary.standard().iso8583().messages().stream()
                .map(m -> m.mti())
                .collect(Collectors.toSet());
        this.messages = Set.copyOf(words(required(c, "messages")));
        for (String mti : messages) {
            if (!mtis.contains(mti)) {
                throw new IllegalStateException("terminal-type " + code + " (" + name() + ") lists message " + mti
                        + ", which iso8583.yaml does not define");
            }
        }
        EnumSet<TerminalCall> cs = EnumSet.noneOf(TerminalCall.class);
        for (String call : words(required(c, "calls"))) {
            try {
                cs.add(TerminalCall.valueOf(call));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("terminal-type " + code + " (" + name() + ") lists call " + call
                        + ", which is none of " + Arrays.toString(TerminalCall.values()));
            }
        }
        this.calls = java.util.Collections.unmodifiableSet(cs);
    }

    private static String required(Code c, String attr) {
        String v = c.attr(attr);
        if (v == null) {
            throw new IllegalStateException("terminal-type " + c.code() + " has no attribute " + attr);
        }
        return v;
    }

    private static List<String> words(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /** The two-character code stored with a terminal. */
    public String code() {
        return code;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** "kiosk 自助终端": how refusals and logs name the type. */
    public String label() {
        return en.toLowerCase(Locale.ROOT) + " " + zh;
    }

    /** The terminal agent's --mode of this type (kiosk, counter, load-machine, department). */
    public String mode() {
        return mode;
    }

    /** True when this type may send an ISO 8583 request of this MTI. */
    public boolean maySend(String mti) {
        return messages.contains(mti);
    }

    /** True when this type may make this REST call. */
    public boolean mayCall(TerminalCall call) {
        return calls.contains(call);
    }

    /** The request MTIs this type may send. */
    public Set<String> messages() {
        return messages;
    }

    /** The REST calls this type may make. */
    public Set<TerminalCall> calls() {
        return calls;
    }

    /** The type of a code of the table, if the table has it. */
    public static Optional<TerminalType> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

    /** The type of an agent --mode, if one has it. */
    public static Optional<TerminalType> ofMode(String mode) {
        return Arrays.stream(values()).filter(t -> t.mode.equals(mode)).findFirst();
    }

    /** "01 counter 柜台, 02 …": the codes a person may give, for error messages. */
    public static String choices() {
        return Arrays.stream(values()).map(t -> t.code + " " + t.label()).collect(Collectors.joining(", "));
    }

    /** "kiosk, counter, …": the agent's modes, for error messages. */
    public static String modes() {
        return Arrays.stream(values()).map(TerminalType::mode).collect(Collectors.joining(", "));
    }
}
