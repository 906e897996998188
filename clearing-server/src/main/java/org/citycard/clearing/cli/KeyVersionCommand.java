package org.citycard.clearing.cli;

import java.util.concurrent.Callable;
import org.citycard.clearing.crypto.KeyVersions;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./citycard server key-version list | retire N [--reason TEXT]} (issue 22): the key versions the server's key
 * set holds and their state, and the retirement of one (audited, for good). Runs on the data directory with the server
 * stopped (Derby admits one process); a running server does the same on {@code GET /api/v1/admin/key-versions} and
 * {@code POST /api/v1/admin/key-versions/{n}/retire} (ADMIN).
 */
@Command(
        name = "key-version",
        mixinStandardHelpOptions = true,
        description = "Key versions of the card keys: list them, or retire one (loads and records of cards still on"
                + " it are then refused until a counter re-keys them).",
        subcommands = {KeyVersionCommand.ListVersions.class, KeyVersionCommand.Retire.class})
class KeyVersionCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("say list or retire N (see --help)");
        return 2;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The key versions and their state.")
    static class ListVersions implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = ServerCli.batchContext(options)) {
                for (KeyVersions.VersionState v : ctx.getBean(KeyVersions.class).list()) {
                    spec.commandLine().getOut().println(format(v));
                }
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true, description = "Retire a key version for good.")
    static class Retire implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Parameters(index = "0", description = "the key version, 1..255 (e.g. 1 for 01)")
        int version;

        @Option(names = "--reason", description = "why (kept with the retirement, at most 200 characters)")
        String reason;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = ServerCli.batchContext(options)) {
                KeyVersions versions = ctx.getBean(KeyVersions.class);
                try {
                    KeyVersions.VersionState v =
                            versions.retire(version, "cli:" + System.getProperty("user.name"), reason);
                    java.io.PrintWriter out = spec.commandLine().getOut();
                    out.println(format(v));
                    out.printf(
                            "cards still on key version %02X: loads declined (response code K1), uploaded records"
                                    + " quarantined (QK) until a counter re-keys them (./citycard issue rekey)%n",
                            version);
                    out.flush();
                    return 0;
                } catch (org.citycard.dictionary.validate.ValidationException
                        | org.citycard.clearing.support.ConflictException e) {
                    spec.commandLine().getErr().println("key version not retired, nothing changed: " + e.getMessage());
                    spec.commandLine().getErr().flush();
                    return 1;
                }
            }
        }
    }

    static String format(KeyVersions.VersionState v) {
        return String.format(
                "key version %02X  %s%s",
                v.keyVersion(),
                v.state(),
                v.changedBy() == null
                        ? ""
                        : "  since " + v.changedAt() + " by " + v.changedBy()
                                + (v.reason() == null ? "" : " (" + v.reason() + ")"));
    }
}
