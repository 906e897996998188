package org.citycard.clearing.cli;

import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.TerminalKey;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./citycard server terminal-keys --terminal ID --out FILE}: makes a registered terminal's master key (TMK),
 * keeps it in the database only under the server's LMK, and writes the terminal's key store (BCFKS, that TMK alone)
 * for the agent's {@code --key-set FILE}. The store's password comes from {@code $CITYCARD_TERMINAL_KEYSTORE_PASSWORD}
 * or is asked for. Runs on the data directory with the server stopped (Derby admits one process); a running server
 * does the same on {@code POST /api/v1/terminals/{id}/keys} (ADMIN).
 */
@Command(
        name = "terminal-keys",
        mixinStandardHelpOptions = true,
        description = "Make a terminal's own master key (TMK) and write its key store for the agent's --key-set."
                + " A new TMK replaces the old one: the terminal must then sign on with the new store.")
class TerminalKeysCommand implements Callable<Integer> {
    static final String PASSWORD_ENV = "CITYCARD_TERMINAL_KEYSTORE_PASSWORD";

    @Mixin
    ServerOptions options;

    @Option(names = "--terminal", required = true, description = "the registered terminal's ID (12 digits)")
    String terminalId;

    @Option(names = "--out", required = true, description = "the key store file to write (must not exist)")
    Path out;

    @Option(
            names = "--alg",
            defaultValue = "3des",
            description = "the TMK's algorithm: 3des (00, default) or sm4 (04); the terminal's sign-on key, working"
                    + " keys and message MACs follow it")
    String alg;

    @Override
    public Integer call() {
        Algorithm algorithm = Algorithm.parse("--alg", alg);
        char[] password = password();
        if (password == null || password.length < 8) {
            throw new IllegalArgumentException("the terminal key store needs a password of 8 characters or more, in $"
                    + PASSWORD_ENV + " or typed at the prompt");
        }
        if (java.nio.file.Files.exists(out)) {
            throw new IllegalArgumentException("--out " + out + " exists already: it is not overwritten");
        }
        try (ConfigurableApplicationContext ctx = ServerCli.batchContext(options)) {
            ctx.getBean(ReferenceService.class).terminal(terminalId);
            TerminalKey key = ctx.getBean(TerminalKeyService.class).makeTerminalKey(terminalId, algorithm);
            key.writeStore(out, password);
            System.out.println("terminal " + terminalId + ": new " + (algorithm == Algorithm.SM4 ? "SM4 " : "")
                    + "terminal master key, check value " + key.checkValue()
                    + ", key store " + out.toAbsolutePath().normalize());
            System.out.println("Give the agent: --key-set " + out + " (password in $CITYCARD_KEYSTORE_PASSWORD)");
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] password() {
        String env = System.getenv(PASSWORD_ENV);
        if (env != null) {
            return env.toCharArray();
        }
        Console console = System.console();
        return console == null ? null : console.readPassword("password for the terminal's key store: ");
    }
}
