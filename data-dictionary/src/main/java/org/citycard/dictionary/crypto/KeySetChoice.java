package org.citycard.dictionary.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a server or agent is given its keys (DESIGN §3.8, "demo keys only when named"): a key store with {@code --key-set
 * FILE}, or the public demo keys with {@code --key-set demo}, or implicitly on a data directory that {@code
 * ./citycard demo} made (it leaves {@value #DEMO_MARKER} there). Anything else refuses to start.
 */
public final class KeySetChoice {
    /** The file the demo leaves in its data directory. */
    public static final String DEMO_MARKER = "DEMO-KEYS";

    /** The one message a server or agent without keys exits with. */
    public static final String MISSING = "no key set given. Either --key-set FILE: a BCFKS/PKCS#12 key store (for the"
            + " server LMK, MLK, MTK, MIAK, and for SM4 cards mlk-sm4, mtk-sm4, miak-sm4; for a terminal the key"
            + " store made by ./citycard server terminal-keys),"
            + " its password in $CITYCARD_KEYSTORE_PASSWORD; or --key-set demo for the public DEMO keys (tests and"
            + " the demo only, never for real cards). A data directory made by ./citycard demo uses the demo keys"
            + " by itself.";

    private KeySetChoice() {}

    /** The key set to use: the one given, else "demo" on a demo's data directory, else null (refuse to start). */
    public static String resolve(String given, Path dataDir) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        return dataDir != null && Files.exists(dataDir.resolve(DEMO_MARKER)) ? "demo" : null;
    }

    /** Marks a data directory as the demo's, so a server started on it later uses the demo keys by itself. */
    public static void markDemo(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Files.writeString(
                    dataDir.resolve(DEMO_MARKER),
                    "This data directory was made by ./citycard demo: servers started on it use the public DEMO"
                            + " keys.\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark " + dataDir + " as the demo's", e);
        }
    }
}
