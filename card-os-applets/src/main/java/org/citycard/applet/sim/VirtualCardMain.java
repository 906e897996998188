package org.citycard.applet.sim;

import com.licel.jcardsim.remote.VSmartCardTCPProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Puts one simulated CityCard behind pcscd: connects to vsmartcard's vpcd (host and port from a jCardSim
 * configuration file, default the shipped {@code jcardsim-citycard.cfg}) and answers it with a citizen card or a
 * PSAM, personalised with the demo profile unless {@code --blank}. Any PC/SC program ({@code scriptor},
 * {@code pcsc_scan}, the terminal agent) then sees it in the reader "Virtual PCD".
 *
 * <pre>
 * VirtualCardMain [--config FILE] [--card citizen|psam] [--blank] [--host HOST] [--port PORT]
 * </pre>
 */
public final class VirtualCardMain {
    static final String CONFIG_RESOURCE = "/jcardsim-citycard.cfg";
    private static final String HOST = "com.licel.jcardsim.vsmartcard.host";
    private static final String PORT = "com.licel.jcardsim.vsmartcard.port";

    private VirtualCardMain() {}

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(
                    "usage: VirtualCardMain [--config FILE] [--card citizen|psam] [--blank] [--host HOST] [--port PORT]");
            System.exit(2);
            return;
        }
        Properties cfg = loadConfig(options.config);
        String host = options.host != null ? options.host : cfg.getProperty(HOST, "localhost");
        int port = Integer.parseInt(options.port != null ? options.port : cfg.getProperty(PORT, "35963"));
        SimulatedCard card = createCard(options.card, options.blank);
        System.out.println("CityCard virtual card: " + card + (options.blank ? " (blank)" : " (demo personalisation)"));
        VSmartCardTCPProtocol vpcd = new VSmartCardTCPProtocol();
        vpcd.connect(host, port);
        System.out.println("connected to vpcd at " + host + ":" + port + "; Ctrl-C to take the card out");
        serve(vpcd, card, System.out);
    }

    /** A citizen card or a PSAM, demo-personalised (citizen: balance 100.00 CNY) unless blank. */
    static SimulatedCard createCard(String kind, boolean blank) {
        SimPersonaliser perso = SimPersonaliser.demo();
        if (kind.equals("psam")) {
            return blank ? SimulatedCard.psam() : perso.newPsam(PsamProfile.demo());
        }
        if (blank) {
            return SimulatedCard.citizen();
        }
        SimulatedCard card = perso.newCitizenCard(CitizenProfile.demo());
        perso.load(card, CitizenProfile.DEMO_ASN, SimulatorRegistry.DEMO_BALANCE, PsamProfile.DEMO_TERMINAL_ID);
        return card;
    }

    /** Answers vpcd until it closes the connection. */
    static void serve(VSmartCardTCPProtocol vpcd, SimulatedCard card, PrintStream log) throws IOException {
        while (true) {
            int command;
            try {
                command = vpcd.readCommand();
            } catch (IOException e) {
                log.println("vpcd closed the connection: " + e.getMessage());
                vpcd.disconnect();
                return;
            }
            switch (command) {
                case VSmartCardTCPProtocol.POWER_ON, VSmartCardTCPProtocol.RESET -> card.reset();
                case VSmartCardTCPProtocol.GET_ATR -> vpcd.writeData(card.atr());
                case VSmartCardTCPProtocol.APDU -> vpcd.writeData(card.transmit(vpcd.readData()));
                default -> {
                    // POWER_OFF: RAM goes with the next power-on
                }
            }
        }
    }

    static Properties loadConfig(Path file) throws IOException {
        Properties cfg = new Properties();
        if (file == null) {
            try (InputStream in = VirtualCardMain.class.getResourceAsStream(CONFIG_RESOURCE)) {
                cfg.load(in);
            }
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                cfg.load(in);
            }
        }
        return cfg;
    }

    private record Options(Path config, String card, boolean blank, String host, String port) {
        static Options parse(String[] args) {
            Path config = null;
            String card = "citizen";
            boolean blank = false;
            String host = null;
            String port = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> config = Path.of(value(args, ++i, "--config"));
                    case "--card" -> card = value(args, ++i, "--card");
                    case "--blank" -> blank = true;
                    case "--host" -> host = value(args, ++i, "--host");
                    case "--port" -> port = value(args, ++i, "--port");
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (!card.equals("citizen") && !card.equals("psam")) {
                throw new IllegalArgumentException("--card: citizen or psam, not " + card);
            }
            return new Options(config, card, blank, host, port);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
