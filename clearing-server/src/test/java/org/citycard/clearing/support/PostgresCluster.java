package org.citycard.clearing.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.citycard.clearing.testing.PostgresServer;

/**
 * A real PostgreSQL server for the PostgreSQL suites, one per test JVM. Either the one named by
 * {@code CITYCARD_TEST_PG_URL} (with {@code CITYCARD_TEST_PG_USER} / {@code CITYCARD_TEST_PG_PASSWORD}), or a
 * throwaway cluster made by {@link PostgresServer} (the installed {@code initdb} and {@code pg_ctl}, a temporary
 * directory, a free loopback port), stopped at the JVM's exit.
 */
public final class PostgresCluster {
    private static Optional<PostgresCluster> instance;
    private static String unavailable;

    private final String url;
    private final String user;
    private final String password;

    private PostgresCluster(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Why there is no server, when there is none. */
    public static synchronized String unavailableReason() {
        get();
        return unavailable;
    }

    public static synchronized Optional<PostgresCluster> get() {
        if (instance == null) {
            try {
                instance = Optional.of(start());
            } catch (Unavailable e) {
                unavailable = e.getMessage();
                instance = Optional.empty();
            }
        }
        return instance;
    }

    private static PostgresCluster start() throws Unavailable {
        String given = System.getenv("CITYCARD_TEST_PG_URL");
        if (given != null && !given.isBlank()) {
            String user = System.getenv().getOrDefault("CITYCARD_TEST_PG_USER", "citycard");
            String password = System.getenv().getOrDefault("CITYCARD_TEST_PG_PASSWORD", "");
            check(given, user, password);
            return new PostgresCluster(given, user, password);
        }
        Optional<String> missing = PostgresServer.unavailable();
        if (missing.isPresent()) {
            throw new Unavailable(missing.get() + " to run the PostgreSQL suites");
        }
        try {
            // stopped and removed at the test JVM's exit by the server's own shutdown hook
            PostgresServer server = PostgresServer.start("citycard_test");
            return new PostgresCluster(server.url(), server.user(), server.password());
        } catch (IOException e) {
            throw new Unavailable("PostgreSQL is installed but a throwaway cluster could not be started: " + e);
        }
    }

    private static void check(String url, String user, String password) throws Unavailable {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new Unavailable("CITYCARD_TEST_PG_URL " + url + " does not answer: " + e.getMessage());
        }
    }

    private static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }
}
