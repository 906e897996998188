package org.citycard.issuance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.KeyStoreKeySet;
import org.citycard.issuance.keys.KeyCeremony;
import org.citycard.issuance.keys.KeyIds;
import org.citycard.issuance.keys.KeyStores;
import org.citycard.issuance.staff.Staff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The issuer key store and key ceremonies. Only key check values are ever printed. */
final class KeyCommands {
    private KeyCommands() {}

    /** MPK for a 3DES key (as before issue 16), MPK (SM4) for an SM4 one. */
    static String label(KeyCeremony.Result r) {
        return r.algorithm() == Algorithm.SM4 ? r.keyId() + " (SM4)" : r.keyId();
    }

    @Command(
            name = "keys",
            mixinStandardHelpOptions = true,
            description = "The issuer key store (BCFKS): create it, load or generate 3DES and SM4 master keys by key"
                    + " ceremony, list check values.",
            subcommands = {Create.class, Ceremony.class, Generate.class, ListKeys.class})
    static final class Keys implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(IssueCli.out(spec));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates an empty key store (supervisor).")
    static final class Create implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--store", required = true, paramLabel = "FILE", description = "the key store file to create")
        Path store;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            Staff me = root.user();
            char[] pw = root.terminal().secret("new key store password: ", IssueCli.ENV_KEYSTORE_PASSWORD);
            try {
                root.tool().keyStores().create(me, store, pw);
            } finally {
                Arrays.fill(pw, '\0');
            }
            IssueCli.out(spec)
                    .println("key store " + store + " created (BCFKS); load keys with: ./citycard issue keys ceremony");
        }
    }

    @Command(
            name = "ceremony",
            mixinStandardHelpOptions = true,
            description =
                    "Loads a master key from 2 or 3 components held by different custodians (supervisor witnesses).")
    static final class Ceremony implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--store", required = true, paramLabel = "FILE", description = "the key store")
        Path store;

        @Option(
                names = "--key",
                required = true,
                description = "MPK, MLK, MTK, MAMK, MPUK, MRPK, MEAK, MIAK, LMK (3DES only) or TK")
        String key;

        @Option(names = "--components", defaultValue = "3", description = "2 or 3")
        int components;

        @Option(
                names = "--alg",
                defaultValue = "3des",
                paramLabel = "3des|sm4",
                description = "the key's algorithm: 3des (alias mpk) or sm4 (alias mpk-sm4; check values by SM4)")
        String alg;

        @Option(
                names = "--expect-kcv",
                paramLabel = "KCV",
                description = "the key's documented check value (6 hex digits)")
        String expectKcv;

        @Option(names = "--replace", description = "replace a key the store already holds")
        boolean replace;

        @Option(
                names = "--key-version",
                defaultValue = "1",
                paramLabel = "N",
                description = "the key version of a card master key, 1..255 (issue 22: stored as <id>-vNN; 1 is the"
                        + " plain alias)")
        int keyVersion;

        @Override
        public void run() {
            Algorithm algorithm = KeyIds.algorithm(alg);
            IssueCli root = IssueCli.root(spec);
            Staff me = root.user();
            PrintWriter out = IssueCli.out(spec);
            char[] pw = root.terminal().secret("key store password: ", IssueCli.ENV_KEYSTORE_PASSWORD);
            KeyStoreKeySet set;
            try {
                set = KeyStoreKeySet.open(store, pw);
            } finally {
                Arrays.fill(pw, '\0');
            }
            Terminal t = root.terminal();
            KeyCeremony.Custodians custodians = new KeyCeremony.Custodians() {
                @Override
                public KeyCeremony.Entry component(String keyId, int index, int total) {
                    out.println("component " + index + " of " + total + " of " + keyId + " (" + KeyIds.label(algorithm)
                            + "): its custodian at the keyboard");
                    String user = t.line("  custodian user name: ");
                    if (user == null) {
                        throw new IllegalStateException(
                                "the input ended; the ceremony is aborted and nothing was stored");
                    }
                    char[] password = t.secret("  password of " + user.strip() + ": ", null);
                    char[] component = t.secret("  component " + index + " (32 hex digits, not shown): ", null);
                    String kcv = t.line("  check value of component " + index + " from your sheet: ");
                    return new KeyCeremony.Entry(user.strip(), password, component, kcv);
                }

                @Override
                public void refused(int index, String reason) {
                    out.println("  refused: " + reason);
                }

                @Override
                public void accepted(int index, String custodian, String kcv) {
                    out.println("  component " + index + " accepted from " + custodian + ", check value " + kcv);
                }
            };
            KeyCeremony.Result r = root.tool()
                    .keyCeremony()
                    .atVersion(keyVersion)
                    .run(me, set, store, key, algorithm, components, custodians, expectKcv, replace);
            out.println(label(r) + " loaded into " + store.getFileName()
                    + ": key check value " + r.keyKcv() + " (components " + String.join(", ", r.componentKcvs())
                    + ")");
        }
    }

    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description = "Generates a new random master key (3DES or SM4) and splits it into 2 or 3 components, each"
                    + " shown once to its own custodian with its check value (supervisor witnesses); stores the key.")
    static final class Generate implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--store", required = true, paramLabel = "FILE", description = "the key store")
        Path store;

        @Option(
                names = "--key",
                required = true,
                description = "MPK, MLK, MTK, MAMK, MPUK, MRPK, MEAK, MIAK, LMK (3DES only) or TK")
        String key;

        @Option(names = "--components", defaultValue = "3", description = "2 or 3")
        int components;

        @Option(names = "--alg", defaultValue = "3des", paramLabel = "3des|sm4", description = "3des or sm4")
        String alg;

        @Option(names = "--replace", description = "replace a key the store already holds")
        boolean replace;

        @Option(
                names = "--key-version",
                defaultValue = "1",
                paramLabel = "N",
                description = "the key version of a card master key, 1..255 (issue 22: stored as <id>-vNN; 1 is the"
                        + " plain alias)")
        int keyVersion;

        @Override
        public void run() {
            Algorithm algorithm = KeyIds.algorithm(alg);
            IssueCli root = IssueCli.root(spec);
            Staff me = root.user();
            PrintWriter out = IssueCli.out(spec);
            char[] pw = root.terminal().secret("key store password: ", IssueCli.ENV_KEYSTORE_PASSWORD);
            KeyStoreKeySet set;
            try {
                set = KeyStoreKeySet.open(store, pw);
            } finally {
                Arrays.fill(pw, '\0');
            }
            Terminal t = root.terminal();
            KeyCeremony.Holders holders = new KeyCeremony.Holders() {
                @Override
                public KeyCeremony.Login custodian(String keyId, Algorithm a, int index, int total) {
                    out.println("component " + index + " of " + total + " of " + keyId + " (" + KeyIds.label(a)
                            + "): its custodian at the keyboard, everyone else looks away");
                    String user = t.line("  custodian user name: ");
                    if (user == null) {
                        throw new IllegalStateException(
                                "the input ended; the ceremony is aborted and nothing was stored");
                    }
                    return new KeyCeremony.Login(user.strip(), t.secret("  password of " + user.strip() + ": ", null));
                }

                @Override
                public void handOver(int index, String custodian, char[] componentHex, String kcv) {
                    out.print("  component " + index + " for " + custodian + " only: ");
                    for (int i = 0; i < componentHex.length; i++) {
                        out.print(componentHex[i]);
                        if (i % 4 == 3 && i < componentHex.length - 1) {
                            out.print(' ');
                        }
                    }
                    out.println();
                    out.println("  its check value: " + kcv);
                    t.line("  write both on your sheet, then press Enter to clear the screen: ");
                    out.print("\033[H\033[2J");
                    out.println("  component " + index + " handed to " + custodian + ", check value " + kcv);
                    out.flush();
                }

                @Override
                public void refused(int index, String reason) {
                    out.println("  refused: " + reason);
                }
            };
            KeyCeremony.Result r = root.tool()
                    .keyCeremony()
                    .atVersion(keyVersion)
                    .generate(me, set, store, key, algorithm, components, holders, replace);
            out.println(label(r) + " generated into " + store.getFileName()
                    + ": key check value " + r.keyKcv() + " (components " + String.join(", ", r.componentKcvs())
                    + ")");
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The issuer keys of a store, with check values.")
    static final class ListKeys implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--store", required = true, paramLabel = "FILE|demo", description = "the key store, or demo")
        String store;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            var set = root.keySet(root.user(), store);
            PrintWriter out = IssueCli.out(spec);
            for (Algorithm a : Algorithm.values()) {
                List<KeyStores.KeyInfo> keys = KeyStores.list(set, a);
                out.println(KeyIds.label(a) + " keys (alias " + (a == Algorithm.SM4 ? "<id>-sm4" : "<id>")
                        + "; check value: leftmost 3 bytes of " + KeyIds.label(a) + "-ECB(key, zero block))");
                for (KeyStores.KeyInfo k : keys) {
                    out.printf("  %-5s %s%n", k.keyId(), k.present() ? "KCV " + k.kcv() : "missing");
                }
                long missing = keys.stream().filter(k -> !k.present()).count();
                out.println(
                        missing == 0
                                ? "  every " + KeyIds.label(a) + " issuer key is present"
                                : "  " + missing + " of " + keys.size() + " " + KeyIds.label(a) + " keys missing"
                                        + (a == Algorithm.SM4 ? " (needed for SM4 batches only)" : ""));
            }
            if (set.isDemo()) {
                out.println("DEMO key set: public values, for tests and demos only");
            }
        }
    }
}
