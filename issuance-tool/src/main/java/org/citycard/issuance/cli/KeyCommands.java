package org.citycard.issuance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
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

    @Command(
            name = "keys",
            mixinStandardHelpOptions = true,
            description =
                    "The issuer key store (BCFKS): create it, load master keys by key ceremony, list check values.",
            subcommands = {Create.class, Ceremony.class, ListKeys.class})
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
                description = "MPK, MLK, MTK, MAMK, MPUK, MRPK, MEAK, MIAK, LMK or TK")
        String key;

        @Option(names = "--components", defaultValue = "3", description = "2 or 3")
        int components;

        @Option(
                names = "--expect-kcv",
                paramLabel = "KCV",
                description = "the key's documented check value (6 hex digits)")
        String expectKcv;

        @Option(names = "--replace", description = "replace a key the store already holds")
        boolean replace;

        @Override
        public void run() {
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
                    out.println(
                            "component " + index + " of " + total + " of " + keyId + ": its custodian at the keyboard");
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
            KeyCeremony.Result r =
                    root.tool().keyCeremony().run(me, set, store, key, components, custodians, expectKcv, replace);
            out.println(r.keyId() + " loaded into " + store.getFileName() + ": key check value " + r.keyKcv()
                    + " (components " + String.join(", ", r.componentKcvs()) + ")");
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
            for (KeyStores.KeyInfo k : KeyStores.list(set)) {
                out.printf("%-5s %s%n", k.keyId(), k.present() ? "KCV " + k.kcv() : "missing");
            }
            long missing =
                    KeyStores.list(set).stream().filter(k -> !k.present()).count();
            out.println(
                    set.isDemo()
                            ? "DEMO key set: public values, for tests and demos only"
                            : missing == 0
                                    ? "every issuer key is present"
                                    : missing + " of "
                                            + KeyIds.masterAndTransport().size() + " keys missing");
        }
    }
}
