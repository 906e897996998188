package org.citycard.system.city;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.citycard.agent.iso.IsoConfig;
import org.citycard.dictionary.crypto.TerminalKey;
import org.citycard.system.city.CardCentre.IssuedCard;
import org.citycard.system.city.Citizens.Person;
import org.citycard.system.city.CityLayout.TerminalSpec;

/**
 * The city's institutions, set up on a fresh data directory: the clearing server with its banks and departments,
 * the card centre (issuance tool) with its own account at the server, and the terminals as they are opened. The
 * demo and the system tests build their days on it.
 */
public final class City implements AutoCloseable {
    /** The card centre's staff account at the clearing server. */
    public static final String CARD_CENTRE_USER = "card-centre";

    private final Path dir;
    private final ClearingHost server;
    private final ServerAdmin admin;
    private final DayClose dayClose;
    private final CardCentre centre;
    private final List<CityTerminal> terminals = new ArrayList<>();

    private City(Path dir, ClearingHost server, DayClose dayClose, CardCentre centre) {
        this.dir = dir;
        this.server = server;
        this.admin = server.admin();
        this.dayClose = dayClose;
        this.centre = centre;
    }

    /** Starts the server on {@code dir/server}, registers the banks and departments, opens the card centre. */
    public static City start(Path dir) throws IOException {
        ClearingHost server = ClearingHost.start(dir.resolve("server"), 0, 0);
        try {
            ServerAdmin admin = server.admin();
            DayClose dayClose = DayClose.of(admin, server.dataDir());
            dayClose.registerBanks(CityLayout.BANKS);
            for (CityLayout.Department d : CityLayout.DEPARTMENTS) {
                admin.department(d.code(), d.name(), d.category(), d.bankCode(), d.account(), d.feeBp());
            }
            char[] given = randomPassword();
            char[] password = randomPassword();
            try {
                admin.post(
                        "/api/v1/admin/users",
                        Map.of(
                                "username",
                                CARD_CENTRE_USER,
                                "password",
                                new String(given),
                                "roles",
                                List.of("CARD_CENTRE"))); // the card centre's rights only, not ADMIN (issue 15)
                // the card centre replaces the password the administrator gave before it may do anything (issue 15)
                new ServerAdmin(admin.baseUrl(), CARD_CENTRE_USER, given).changeOwnPassword(given, password);
                CardCentre centre =
                        CardCentre.open(dir.resolve("card-centre"), admin.uri(), CARD_CENTRE_USER, password);
                return new City(dir, server, dayClose, centre);
            } finally {
                Arrays.fill(given, '\0');
                Arrays.fill(password, '\0');
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Enrols and compares the applicants against the registry, personalises a card for each verified one, and
     * hands the cards over (activated).
     */
    public Issued issue(List<Person> registry, List<Person> applicants, Consumer<String> onCard) throws IOException {
        return issue(registry, applicants, java.util.Map.of(), onCard);
    }

    /**
     * {@link #issue(List, List, Consumer)} with the card type of some applicants (citizen ID → card-type code); the
     * cards come in production order, except that those of the given types come last, in the order given.
     */
    public Issued issue(
            List<Person> registry,
            List<Person> applicants,
            java.util.Map<String, String> cardTypes,
            Consumer<String> onCard)
            throws IOException {
        CardCentre.Enrolment enrolment = centre.enrol(registry, applicants, cardTypes);
        List<IssuedCard> cards = new java.util.ArrayList<>(centre.produce(registry, onCard));
        for (String citizen : cardTypes.keySet()) {
            cards.stream()
                    .filter(c -> c.holder().citizenId().equals(citizen))
                    .findFirst()
                    .ifPresent(c -> {
                        cards.remove(c);
                        cards.add(c);
                    });
        }
        for (IssuedCard card : cards) {
            centre.handOver(card);
        }
        return new Issued(enrolment, cards);
    }

    /** What {@link #issue} did. */
    public record Issued(CardCentre.Enrolment enrolment, List<IssuedCard> cards) {}

    /**
     * A terminal: its PSAM personalised by the card centre, registered at the server, its own master key made there
     * and handed over as a key store (the password beside it, readable only by its owner), opened and signed on.
     */
    public CityTerminal terminal(TerminalSpec spec) {
        var psam = centre.psam(spec.terminalId());
        admin.terminal(
                spec.terminalId(),
                spec.department(),
                "9" + spec.terminalId() + "0000000",
                spec.kind().type());
        Path home = dir.resolve("terminals").resolve(spec.terminalId());
        TerminalKey key = TerminalKeys.handOver(admin, spec.terminalId(), home, spec.keyAlgorithm());
        CityTerminal t = CityTerminal.open(
                spec.terminalId(),
                spec.department(),
                spec.kind(),
                psam,
                key,
                home.resolve("journal"),
                iso(),
                server.baseUrl(),
                Clock.system(server.zone()));
        terminals.add(t);
        return t;
    }

    /** Where the terminals reach the server's ISO 8583 endpoint. */
    public IsoConfig iso() {
        return new IsoConfig("127.0.0.1", server.isoPort(), Duration.ofSeconds(3), Duration.ofSeconds(15));
    }

    public Path dir() {
        return dir;
    }

    public ClearingHost server() {
        return server;
    }

    public ServerAdmin admin() {
        return admin;
    }

    public DayClose dayClose() {
        return dayClose;
    }

    public CardCentre centre() {
        return centre;
    }

    public List<CityTerminal> terminals() {
        return List.copyOf(terminals);
    }

    /** Closes the terminals, the card centre and the server. */
    @Override
    public void close() {
        for (CityTerminal t : terminals) {
            t.close();
        }
        centre.close();
        server.close();
    }

    private static char[] randomPassword() {
        SecureRandom r = new SecureRandom();
        char[] pw = new char[24];
        for (int i = 0; i < pw.length; i++) {
            pw[i] = (char) ('A' + r.nextInt(26));
        }
        return pw;
    }
}
