package org.citycard.system.city;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.citycard.agent.hotlist.HttpServerApi;
import org.citycard.agent.iso.IsoConfig;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.runtime.TerminalAgent;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.applet.sim.SimulatedReader;
import org.citycard.applet.sim.SimulatorRegistry;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.CardLostException;
import org.citycard.cardlink.pcsc.ReaderConfig;
import org.citycard.cardlink.pcsc.Readers;
import org.citycard.cardlink.pcsc.Tap;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.crypto.TerminalKey;
import org.citycard.dictionary.wire.TerminalType;

/**
 * One kiosk, department terminal or counter of the city: a real terminal agent (library) with its own durable
 * journal and its own PSAM in a PSAM slot, a contactless reader where citizens put their cards, both simulated
 * readers behind javax.smartcardio ({@code --reader sim}), talking to the clearing server over ISO 8583 and HTTP.
 * A tap puts the card on the reader, lets the agent do what was armed, and takes the card away, possibly too early.
 */
public final class CityTerminal implements AutoCloseable {
    /** What the terminal is for. */
    public enum Kind {
        COUNTER("counter 柜台", TerminalType.COUNTER),
        KIOSK("kiosk 自助终端", TerminalType.KIOSK),
        DEPARTMENT("department terminal 部门终端", TerminalType.DEPARTMENT);

        private final String label;
        private final TerminalType type;

        Kind(String label, TerminalType type) {
            this.label = label;
            this.type = type;
        }

        /** The dictionary's terminal type it is registered as (what the server lets it send). */
        public TerminalType type() {
            return type;
        }

        public String label() {
            return label;
        }
    }

    /** How a tap ends. */
    public enum Pull {
        /** The citizen leaves the card until the terminal is done. */
        NONE(null, false),
        /** The card is pulled away just after it executed DEBIT FOR PURCHASE: the debit happened, its answer is lost. */
        AFTER_DEBIT("debit_for_purchase", true),
        /** The card is pulled away just before DEBIT FOR PURCHASE reaches it: nothing was debited. */
        BEFORE_DEBIT("debit_for_purchase", false),
        /** The card is pulled away just after it executed CREDIT FOR LOAD: the load happened, its answer is lost. */
        AFTER_CREDIT("credit_for_load", true);

        private final CardCommand command;
        private final boolean executed;

        Pull(String command, boolean executed) {
            this.command = command == null ? null : Dictionary.standard().command(command);
            this.executed = executed;
        }

        boolean at(byte[] apdu) {
            return command != null && apdu.length >= 2 && apdu[0] == command.claByte() && apdu[1] == command.insByte();
        }
    }

    private final String terminalId;
    private final String department;
    private final Kind kind;
    private final SimulatedReader cardReader;
    private final Readers readers;
    private final Journal journal;
    private final String terminalKeyCheckValue;
    private final TerminalAgent agent;

    private CityTerminal(
            String terminalId,
            String department,
            Kind kind,
            SimulatedCard psam,
            TerminalKey key,
            Path journalDir,
            IsoConfig iso,
            String httpBase,
            Clock clock) {
        this.terminalId = terminalId;
        this.department = department;
        this.kind = kind;
        SimulatorRegistry registry = new SimulatorRegistry();
        registry.addReader("PSAM slot " + terminalId).insert(psam);
        this.cardReader = registry.addReader("contactless reader " + terminalId);
        this.readers = Readers.open(new ReaderConfig("sim", "contactless", "PSAM slot", null), registry);
        this.journal = Journal.open(journalDir);
        this.terminalKeyCheckValue = key.checkValue();
        this.agent = TerminalAgent.builder()
                .psam(readers.psam())
                .journal(journal)
                .iso(iso)
                .server(new HttpServerApi(httpBase, Duration.ofSeconds(10)))
                .terminalKey(key)
                .department(department)
                .clock(clock)
                .uploadIntervalMs(1_000)
                .refreshMs(0)
                .build();
    }

    /** The check value of this terminal's own master key (its key store's); the key itself never leaves it. */
    public String terminalKeyCheckValue() {
        return terminalKeyCheckValue;
    }

    /** The check value of the working key its last sign-on brought, or null before one. */
    public String workingKeyCheckValue() {
        return agent.host().keys().checkValue();
    }

    /** Opens the terminal and signs on (hotlist and parameters fetched); its terminal ID comes from the PSAM. */
    public static CityTerminal open(
            String terminalId,
            String department,
            Kind kind,
            SimulatedCard psam,
            TerminalKey key,
            Path journalDir,
            IsoConfig iso,
            String httpBase,
            Clock clock) {
        CityTerminal t = new CityTerminal(terminalId, department, kind, psam, key, journalDir, iso, httpBase, clock);
        t.agent.start();
        return t;
    }

    public String terminalId() {
        return terminalId;
    }

    public String department() {
        return department;
    }

    public Kind kind() {
        return kind;
    }

    public TerminalAgent agent() {
        return agent;
    }

    public Journal journal() {
        return journal;
    }

    /**
     * A tap: arms the request (null keeps what is armed, e.g. a purchase whose answer was lost), puts the card on
     * the reader, lets the agent work, and takes the card away as {@code pull} says.
     */
    public synchronized AgentEvent tap(SimulatedCard card, TapRequest request, Pull pull) {
        if (request != null) {
            agent.taps().arm(request);
        }
        cardReader.insert(card);
        try {
            Tap tap = readers.connectCard();
            ApduTransport transport = pull == Pull.NONE ? tap.card() : pulled(tap.card(), pull);
            AgentEvent e = agent.tap(transport);
            if (request instanceof TapRequest.Query) {
                agent.taps().disarm(); // a query stays armed in the agent; the next citizen is not asked the same
            }
            return e;
        } finally {
            cardReader.remove();
        }
    }

    /** The reader's transport with the card taken away at DEBIT FOR PURCHASE. */
    private ApduTransport pulled(ApduTransport inner, Pull pull) {
        return command -> {
            if (!pull.at(command)) {
                return inner.transmit(command);
            }
            if (!pull.executed) {
                cardReader.remove();
                return inner.transmit(command); // no card on the reader: the transport says the answer is lost
            }
            inner.transmit(command);
            cardReader.remove();
            throw new CardLostException("the card was pulled away before the answer to " + pull.command.en() + " came");
        };
    }

    /** Signs on again and fetches a newer hotlist and parameters (what the periodic echo does). */
    public boolean refreshLists() {
        return agent.refreshLists();
    }

    /** Waits until everything journaled is on the server. */
    public boolean drain(long timeoutMs) throws InterruptedException {
        return agent.drain(timeoutMs);
    }

    @Override
    public void close() {
        agent.close();
        readers.close();
        journal.close();
    }
}
