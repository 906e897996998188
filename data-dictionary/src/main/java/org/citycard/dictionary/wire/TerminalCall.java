package org.citycard.dictionary.wire;

import java.util.Optional;

/**
 * The REST calls a terminal makes (MAC-authenticated, under {@code /api/v1/terminal/}), by the names the
 * dictionary's terminal-type table gives them in its {@code calls} attribute.
 */
public enum TerminalCall {
    /**
     * GET /api/v1/terminal/hotlist: the hotlist, whole or the changes since a version; and GET
     * /api/v1/terminal/hotlist/compact: the whole list in its compact binary form.
     */
    HOTLIST("/api/v1/terminal/hotlist", "/api/v1/terminal/hotlist/compact"),
    /** GET /api/v1/terminal/parameters: the terminal's parameters. */
    PARAMETERS("/api/v1/terminal/parameters"),
    /**
     * GET /api/v1/terminal/cardholder/…: the presented card's holder's social-security summary, contributions,
     * medical account, card (card present; no citizen ID in the path, issue 15).
     */
    SOCIAL_SECURITY("/api/v1/terminal/cardholder/"),
    /**
     * POST /api/v1/terminal/challenges: a fresh challenge for the card's INTERNAL AUTHENTICATE (CARD-SPEC §4.6), which
     * a social-security query must carry with the card's answer.
     */
    CHALLENGE("/api/v1/terminal/challenges");

    /** Where every terminal call lives: a path under it that no constant names is no right of any terminal. */
    public static final String ROOT = "/api/v1/terminal/";

    private final String path;
    private final java.util.List<String> others;

    TerminalCall(String path, String... others) {
        this.path = path;
        this.others = java.util.List.of(others);
    }

    /** The path, or for a family of calls the prefix of their paths. */
    public String path() {
        return path;
    }

    /**
     * The call a request path is, if it is one: an exact path, or a path under a family's prefix ({@code
     * /api/v1/terminal/cardholder/…}).
     */
    public static Optional<TerminalCall> of(String requestPath) {
        for (TerminalCall c : values()) {
            if (c.path.endsWith("/")
                    ? requestPath.startsWith(c.path)
                    : requestPath.equals(c.path) || c.others.contains(requestPath)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
