package org.citycard.dictionary.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.CodeTable;
import org.citycard.dictionary.DataElement;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.docs.ReferenceGenerator;
import org.citycard.dictionary.validate.CitizenId;
import org.citycard.dictionary.validate.ValidationException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./citycard dict}: look things up in the dictionary and check disputed card cryptograms. */
@Command(
        name = "dict",
        mixinStandardHelpOptions = true,
        description =
                "The CityCard data dictionary: look up elements and tables, check IDs, recompute card MACs and TACs.",
        subcommands = {
            DictCli.CheckId.class,
            DictCli.Show.class,
            DictCli.Docs.class,
            DictCli.Validate.class,
            DictCli.Diversify.class,
            DictCli.Mac.class,
            DictCli.Tac.class,
            DictCli.InternalAuth.class
        })
public final class DictCli implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(CliSupport.configure(new CommandLine(new DictCli()), "dict").execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }

    @Command(
            name = "check-id",
            mixinStandardHelpOptions = true,
            description = "Checks a GB 11643 citizen ID: check character, birth date, region.")
    static final class CheckId implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "the 18-character citizen ID number")
        String id;

        @Override
        public Integer call() {
            try {
                CitizenId c = CitizenId.parse(id);
                Dictionary d = Dictionary.standard();
                String region = d.codeTable("region")
                        .find(c.region())
                        .map(r -> r.zh() + " " + r.en())
                        .orElseGet(() -> d.codeTable("region")
                                .find(c.region().substring(0, 2) + "0000")
                                .map(r -> r.zh() + " " + r.en() + " (province)")
                                .orElse(""));
                Code sex = d.codeTable("sex").find(c.sex()).orElseThrow();
                out(spec)
                        .printf(
                                "valid 有效: %s — region 地区 %s %s, born 出生 %s, sex 性别 %s %s%n",
                                c.value(),
                                c.region(),
                                region,
                                c.birthDate().format(DateTimeFormatter.ISO_LOCAL_DATE),
                                sex.zh(),
                                sex.en());
                return 0;
            } catch (ValidationException e) {
                out(spec).println("invalid 无效: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Shows an element, code table, command, file, layout or message type.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(
                paramLabel = "ID",
                description = "an id or a name, in any case, Chinese or English: for example name, 民族, ethnicity,"
                        + " debit_for_purchase, EF05, offline_record, 0320")
        String id;

        @Override
        public Integer call() {
            Dictionary d = Dictionary.standard();
            var found = d.lookup(id);
            if (found.isEmpty()) {
                List<String> near = d.nearest(id, 5);
                out(spec)
                        .println("the dictionary has no element, table, command, file, layout or message '" + id + "'"
                                + (near.isEmpty() ? "" : "; did you mean: " + String.join(", ", near) + "?"));
                return 1;
            }
            PrintWriter o = out(spec);
            org.citycard.dictionary.docs.ReferenceGenerator tables =
                    new org.citycard.dictionary.docs.ReferenceGenerator(d);
            found.forEach(x -> print(o, tables, x));
            return 0;
        }

        private static void print(PrintWriter o, org.citycard.dictionary.docs.ReferenceGenerator tables, Object x) {
            String section = tables.section(x);
            if (!section.isEmpty()) {
                o.print(section);
                o.flush();
                return;
            }
            if (x instanceof DataElement e) {
                o.printf(
                        "element %s: %s / %s%n  type %s, length %s%s%s%s%n",
                        e.id(),
                        e.zh(),
                        e.en(),
                        e.type(),
                        e.lengthText(),
                        e.codeTable() == null ? "" : ", code table " + e.codeTable(),
                        e.rule() == null ? "" : ", rule " + e.rule(),
                        e.sensitive() ? ", SENSITIVE" : "");
            } else if (x instanceof CodeTable t) {
                o.printf(
                        "code table %s: %s / %s (%s), %d codes%n",
                        t.id(), t.zh(), t.en(), t.standard(), t.codes().size());
                for (Code c : t.codes()) {
                    o.printf(
                            "  %-6s %s  %s%s%n",
                            c.code(), c.zh(), c.en(), c.next().isEmpty() ? "" : "  → " + c.next());
                }
            } else if (x instanceof CardCommand c) {
                o.printf(
                        "command %s: %s / %s%n  %s  (applications %s, access %s)%n",
                        c.id(), c.zh(), c.en(), c.headerText(), c.applications(), c.access());
                if (c.note() != null) {
                    o.println("  " + c.note());
                }
                o.println("  status words: " + c.statusWords());
            } else {
                o.println(x);
            }
        }
    }

    @Command(
            name = "docs",
            mixinStandardHelpOptions = true,
            description = "Regenerates the bilingual reference (docs/dictionary/README.md).")
    static final class Docs implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = {"-o", "--out"},
                defaultValue = "docs/dictionary",
                description = "output directory")
        Path out;

        @Override
        public Integer call() throws Exception {
            out(spec).println("reference written to " + new ReferenceGenerator(Dictionary.standard()).write(out));
            return 0;
        }
    }

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = "Loads and checks every definition file.")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = {"--dictionary-dir"},
                description = "a dictionary directory to check instead of the built-in one")
        Path dir;

        @Option(
                names = {"-d", "--dir"},
                hidden = true,
                description = "old name of --dictionary-dir")
        void oldDir(Path d) {
            CliSupport.deprecated("--dir", "--dictionary-dir");
            this.dir = d;
        }

        @Override
        public Integer call() {
            try {
                Dictionary d = dir == null
                        ? Dictionary.standard()
                        : Dictionary.load(org.citycard.dictionary.DictionarySource.directory(dir));
                out(spec)
                        .printf(
                                "valid: %d elements, %d code tables, %d commands, %d layouts, %d message types%n",
                                d.elements().size(),
                                d.codeTables().size(),
                                d.commands().size(),
                                d.binaryLayouts().size() + d.textLayouts().size(),
                                d.iso8583().messages().size());
                return 0;
            } catch (org.citycard.dictionary.DictionaryException e) {
                out(spec).println(e.getMessage());
                return 1;
            }
        }
    }

    /** Where the keys come from: the demo set by name, or a key store. */
    static final class KeySource {
        @Option(names = "--key-set", description = "a named key set: demo (DEMO ONLY)")
        String keySet;

        @Option(names = "--key-store", description = "a BCFKS / PKCS#12 key store file")
        Path keyStore;

        @Option(
                names = "--store-pass-env",
                defaultValue = "CITYCARD_KEYSTORE_PASSWORD",
                description = "environment variable holding the key store password; asked for when unset")
        String passEnv;

        KeySet open() {
            if (keyStore == null) {
                return KeySet.open(keySet == null ? "" : keySet, new char[0]);
            }
            String env = System.getenv(passEnv);
            char[] password;
            if (env != null) {
                password = env.toCharArray();
            } else {
                Console console = System.console();
                if (console == null) {
                    throw new IllegalArgumentException("key store password: set " + passEnv + " or run on a terminal");
                }
                password = console.readPassword("key store password: ");
            }
            return KeySet.open(keyStore.toString(), password);
        }
    }

    /** {@code --alg}: 3des (algorithm 00, the default) or sm4 (algorithm 04, CARD-SPEC §7). */
    static Algorithm algorithm(String alg) {
        String a = alg == null ? "3des" : alg.toLowerCase(java.util.Locale.ROOT);
        return switch (a) {
            case "3des", "tdes", "00" -> Algorithm.TDES;
            case "sm4", "04" -> Algorithm.SM4;
            default -> throw new IllegalArgumentException("--alg '" + alg + "': 3des (algorithm 00) or sm4 (04)");
        };
    }

    static final String ALG_HELP = "3des (algorithm 00, default) or sm4 (algorithm 04, CARD-SPEC 7): the card's"
            + " algorithm and the master keys of that algorithm";

    @Command(
            name = "diversify",
            mixinStandardHelpOptions = true,
            description = "Derives a card key from a master key and an ASN.")
    static final class Diversify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = false, multiplicity = "1")
        KeySource keys;

        @Option(
                names = "--key",
                defaultValue = "MPK",
                description = "master key id: MPK, MLK, MTK, MAMK, MPUK, MRPK, MEAK, MIAK")
        String key;

        @Option(names = "--asn", required = true, description = "the 20-digit application serial number")
        String asn;

        @Option(
                names = "--reveal",
                description = "print the derived key itself for a key store key (the demo set always shows it)")
        boolean reveal;

        @Option(names = "--alg", defaultValue = "3des", description = ALG_HELP)
        String alg;

        @Override
        public Integer call() {
            Algorithm a = algorithm(alg);
            CardCrypto crypto = CardCrypto.of(a);
            KeySet set = keys.open();
            byte[] card = crypto.cardKey(set.key(key, a), asn);
            if (set.isDemo() || reveal) {
                out(spec).println(Hex.of(card));
            }
            out(spec).println("KCV " + crypto.checkValue(card) + (set.isDemo() ? "  (demo key set: DEMO ONLY)" : ""));
            return 0;
        }
    }

    @Command(
            name = "mac",
            mixinStandardHelpOptions = true,
            description = {
                "Computes a card MAC over hex data with a card key derived from a master key.",
                "With --session purchase (MPK) or load (MLK) the session key is made first from --random, --seq and --ttsn."
            })
    static final class Mac implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = false, multiplicity = "1")
        KeySource keys;

        @Option(names = "--key", defaultValue = "MPK", description = "master key id")
        String key;

        @Option(names = "--asn", description = "the 20-digit application serial number (unless --no-diversify)")
        String asn;

        @Option(
                names = "--session",
                description = "purchase, load, or none (MAC with the card key itself, e.g. DAMK)",
                defaultValue = "none")
        String session;

        @Option(names = "--random", description = "card random number, 4 bytes hex")
        String random;

        @Option(names = "--seq", description = "offline or online counter, 2 bytes hex")
        String seq;

        @Option(names = "--ttsn", description = "terminal transaction sequence number, 4 bytes hex")
        String ttsn;

        @Option(
                names = "--icv",
                description = "initial chaining value, one block hex: 8 bytes (3des) or 16 (sm4); default zero")
        String icv;

        @Option(names = "--alg", defaultValue = "3des", description = ALG_HELP)
        String alg;

        @Option(names = "--data", required = true, description = "the MAC input, hex")
        String data;

        @Option(
                names = "--no-diversify",
                description = "MAC with the named key itself, not the card key derived from it (no --asn needed)")
        boolean noDiversify;

        @Override
        public Integer call() {
            Algorithm a = algorithm(alg);
            CardCrypto c = CardCrypto.of(a);
            byte[] master = keys.open().key(key, a);
            if (!noDiversify && asn == null) {
                throw new IllegalArgumentException("--asn is required unless --no-diversify is given");
            }
            byte[] cardKey = noDiversify ? master : c.cardKey(master, asn);
            byte[] macKey =
                    switch (session) {
                        case "purchase" -> c.purchaseSessionKey(
                                cardKey,
                                Hex.parse("random", random, 4),
                                Hex.parse("seq", seq, 2),
                                Hex.parse("ttsn", ttsn, 4));
                        case "load" -> c.loadSessionKey(
                                cardKey, Hex.parse("random", random, 4), Hex.parse("seq", seq, 2));
                        case "none" -> cardKey;
                        default -> throw new IllegalArgumentException(
                                "--session '" + session + "': purchase, load or none");
                    };
            byte[] iv = icv == null ? new byte[c.blockSize()] : Hex.parse("icv", icv, c.blockSize());
            out(spec).println(Hex.of(c.mac(macKey, iv, Hex.parse("data", data))));
            return 0;
        }
    }

    @Command(
            name = "tac",
            mixinStandardHelpOptions = true,
            description = {
                "Computes the TAC of a transaction: MAC with the TAC key (3des: DTK left XOR right; sm4: DTK) over hex data.",
                "Purchase data: amount(4) type(1) terminal(6) TTSN(4) date(4) time(3); load data: new balance(4) online seq(2) amount(4) 02 terminal(6) date(4) time(3)."
            })
    static final class Tac implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = false, multiplicity = "1")
        KeySource keys;

        @Option(names = "--asn", required = true, description = "the 20-digit application serial number")
        String asn;

        @Option(names = "--data", required = true, description = "the TAC input, hex")
        String data;

        @Option(names = "--alg", defaultValue = "3des", description = ALG_HELP)
        String alg;

        @Override
        public Integer call() {
            Algorithm a = algorithm(alg);
            CardCrypto c = CardCrypto.of(a);
            byte[] dtk = c.cardKey(keys.open().key("MTK", a), asn);
            out(spec).println(Hex.of(c.mac(c.tacKey(dtk), Hex.parse("data", data))));
            return 0;
        }
    }

    @Command(
            name = "internal-auth",
            mixinStandardHelpOptions = true,
            description = {
                "Computes the card's answer to INTERNAL AUTHENTICATE (CARD-SPEC 4.6): 3DES-ECB(DIAK, challenge), or with",
                "--alg sm4 the leftmost 8 bytes of SM4-ECB(DIAK, challenge 80 00 00 00 00 00 00 00),",
                "DIAK derived from MIAK and the ASN; what the clearing server expects from a card at a kiosk."
            })
    static final class InternalAuth implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = false, multiplicity = "1")
        KeySource keys;

        @Option(names = "--asn", required = true, description = "the 20-digit application serial number")
        String asn;

        @Option(names = "--challenge", required = true, description = "the host challenge, 8 bytes hex")
        String challenge;

        @Option(names = "--alg", defaultValue = "3des", description = ALG_HELP)
        String alg;

        @Override
        public Integer call() {
            Algorithm a = algorithm(alg);
            byte[] c = Hex.parse("challenge", challenge, 8);
            CardCrypto crypto = CardCrypto.of(a);
            KeySet set = keys.open();
            byte[] master = set.key("MIAK", a);
            byte[] diak = crypto.cardKey(master, asn);
            try {
                out(spec).println(Hex.of(crypto.internalAuthenticate(diak, c)));
            } finally {
                java.util.Arrays.fill(master, (byte) 0);
                java.util.Arrays.fill(diak, (byte) 0);
            }
            return 0;
        }
    }
}
