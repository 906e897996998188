package org.citycard.agent.hotlist;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JDK's HTTP client writes every request's URL into its own debug log (level FINE, loggers
 * {@code jdk.internal.httpclient.debug} and its kin, named after {@code jdk.internal.net.http} classes in the output) and, with {@code -Djdk.httpclient.HttpClient.log}, into
 * {@code jdk.httpclient.HttpClient}; a social-security request's URL holds the citizen's full ID number. The agent
 * keeps those loggers at WARNING whatever level the root logger is given, so no ID number reaches the log through
 * them. (The references are held here: JUL keeps loggers only weakly, a collected one would lose its level.)
 */
final class HttpClientLogs {
    private static final Logger DEBUG = Logger.getLogger("jdk.internal.httpclient");
    private static final Logger INTERNAL = Logger.getLogger("jdk.internal.net.http");
    private static final Logger CLIENT = Logger.getLogger("jdk.httpclient.HttpClient");

    static {
        DEBUG.setLevel(Level.WARNING);
        INTERNAL.setLevel(Level.WARNING);
        CLIENT.setLevel(Level.WARNING);
    }

    private HttpClientLogs() {}

    /** Sets the levels (once, when the class is first used). */
    static void keepQuiet() {
        // the static initialiser does the work
    }
}
