package org.citycard.issuance.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tool's embedded Apache Derby database in {@code <data dir>/db}, encrypted (Derby's {@code dataEncryption}
 * with AES-256 under a boot password), reached with plain JDBC. One connection,
 * used by one thread at a time (the tool is a single-user desk application); every change runs in {@link
 * #inTransaction}. The schema is created and upgraded on open from the numbered scripts beside this class.
 */
public final class Database implements AutoCloseable {
    private static final int SCHEMA_VERSION = 6;

    private final Path dataDir;
    private final String url;
    private final Connection connection;
    private final List<Runnable> afterCommit = new ArrayList<>();
    /** PBKDF2 of the boot password under this database's salt: the root of the keys {@link #derivedKey} gives. */
    private byte[] secret;
    /** The schema version this database had when it was opened (0: new). */
    private int schemaBefore;

    private Database(Path dataDir, String url, Connection connection) {
        this.dataDir = dataDir;
        this.url = url;
        this.connection = connection;
    }

    /** The shortest boot password a new database accepts. */
    public static final int MIN_BOOT_PASSWORD_LENGTH = 12;

    /** Derby's encryption of the database files: AES-256 in CBC mode. */
    private static final String ALGORITHM = "AES/CBC/NoPadding";

    /**
     * Opens (creating when needed) the encrypted database of a data directory. A new database is created with
     * Derby's {@code dataEncryption=true} under the boot password; an existing one opens only with its boot password.
     * An unencrypted one (made before the encryption) is refused.
     *
     * @param bootPassword the database's boot password (never written anywhere; the caller wipes it)
     */
    public static Database open(Path dataDir, char[] bootPassword) {
        return open(dataDir, bootPassword, false);
    }

    /**
     * {@link #open(Path, char[])}, and with {@code encryptExisting} an existing unencrypted database is encrypted in
     * place under the boot password on the way (Derby's {@code dataEncryption=true;bootPassword=} on connect).
     */
    public static Database open(Path dataDir, char[] bootPassword, boolean encryptExisting) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        // Derby writes its own log where it is told, not into the working directory: into this data directory
        if (System.getProperty("derby.stream.error.field") == null
                && System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.field", DerbyLog.class.getName() + ".OUT");
        }
        Path dbDir = dataDir.toAbsolutePath().resolve("db");
        Path serviceProperties = dbDir.resolve("service.properties");
        boolean exists = Files.isRegularFile(serviceProperties);
        if (bootPassword == null || bootPassword.length == 0) {
            throw new StoreException("the issuance database in " + dataDir + " needs its boot password");
        }
        java.util.Properties attributes = new java.util.Properties();
        attributes.setProperty("bootPassword", new String(bootPassword));
        if (!exists) {
            if (bootPassword.length < MIN_BOOT_PASSWORD_LENGTH) {
                throw new StoreException("the boot password of a new issuance database has at least "
                        + MIN_BOOT_PASSWORD_LENGTH + " characters, not " + bootPassword.length);
            }
            attributes.setProperty("create", "true");
            attributes.setProperty("dataEncryption", "true");
            attributes.setProperty("encryptionAlgorithm", ALGORITHM);
            attributes.setProperty("encryptionKeyLength", "256");
        } else if (!encrypted(serviceProperties)) {
            if (!encryptExisting) {
                throw new StoreException("the issuance database in " + dataDir + " is not encrypted (it was made"
                        + " before the tool encrypted its database): back up the data directory, then open it once"
                        + " with --encrypt-existing to encrypt it under the boot password");
            }
            attributes.setProperty("dataEncryption", "true");
            attributes.setProperty("encryptionAlgorithm", ALGORITHM);
            attributes.setProperty("encryptionKeyLength", "256");
        }
        DerbyLog.writeTo(dataDir.resolve("derby.log"));
        String url = "jdbc:derby:" + dbDir;
        try {
            Connection c = DriverManager.getConnection(url, attributes);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            Database db = new Database(dataDir, url, c);
            db.migrate();
            db.secret = db.deriveSecret(bootPassword);
            return db;
        } catch (SQLException e) {
            if (hasState(e, "XBM06")) {
                throw new StoreException("the boot password of the issuance database in " + dataDir + " is wrong");
            }
            throw new StoreException(
                    "cannot open the issuance database in " + dataDir + " (is another issuance tool using it?): "
                            + e.getMessage(),
                    e);
        } finally {
            attributes.clear();
        }
    }

    /** True when Derby's service.properties of a database says its data is encrypted. */
    static boolean encrypted(Path serviceProperties) {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = Files.newInputStream(serviceProperties)) {
            p.load(in);
        } catch (IOException e) {
            throw new StoreException("cannot read " + serviceProperties + ": " + e.getMessage(), e);
        }
        return "true".equalsIgnoreCase(p.getProperty("dataEncryption"));
    }

    private static boolean hasState(SQLException e, String state) {
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>(List.of(e));
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException s) {
                if (state.equals(s.getSQLState())) {
                    return true;
                }
                if (s.getNextException() != null) {
                    todo.push(s.getNextException());
                }
            }
            if (t.getCause() != null) {
                todo.push(t.getCause());
            }
        }
        return false;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The schema version the database had before this opening upgraded it (0 for a new database). */
    public int schemaBefore() {
        return schemaBefore;
    }

    /**
     * A key for one purpose (e.g. {@code "audit chain"}), derived from the boot password: HMAC-SHA256 under PBKDF2 of
     * the boot password with this database's random salt. It is never stored; whoever has the boot password can
     * derive it.
     */
    public byte[] derivedKey(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(("citycard issuance " + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }

    private static final int SECRET_ITERATIONS = 100_000;

    private byte[] deriveSecret(char[] bootPassword) throws SQLException {
        String salt;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT salt FROM key_salt WHERE id = 1")) {
            salt = rs.next() ? rs.getString(1) : null;
        }
        if (salt == null) {
            byte[] raw = new byte[16];
            new java.security.SecureRandom().nextBytes(raw);
            salt = java.util.HexFormat.of().formatHex(raw);
            update(connection, "INSERT INTO key_salt (id, salt) VALUES (1, ?)", salt);
            connection.commit();
        }
        javax.crypto.spec.PBEKeySpec spec = new javax.crypto.spec.PBEKeySpec(
                bootPassword, java.util.HexFormat.of().parseHex(salt), SECRET_ITERATIONS, 256);
        try {
            return javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    /**
     * Runs work in one transaction: committed when it returns, rolled back when it throws. Transactions of several
     * threads (the desk's staff side by side, a batch running) take turns on the one connection.
     */
    public synchronized <T> T inTransaction(SqlWork<T> work) {
        T result;
        try {
            result = work.run(connection);
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new StoreException("database error: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            rollbackQuietly();
            throw e;
        }
        List<Runnable> hooks = List.copyOf(afterCommit);
        afterCommit.clear();
        hooks.forEach(Runnable::run);
        return result;
    }

    /** Runs an action once the current transaction has committed (dropped if it rolls back). */
    public synchronized void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** Runs a read (in its own short transaction). */
    public <T> T read(SqlWork<T> work) {
        return inTransaction(work);
    }

    private void rollbackQuietly() {
        afterCommit.clear();
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original error is the one to report
        }
    }

    /** Shuts this database down so that another process may open it. */
    @Override
    public void close() {
        if (secret != null) {
            java.util.Arrays.fill(secret, (byte) 0);
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException e) {
            // Derby signals a clean shutdown with SQLState 08006
            if (!"08006".equals(e.getSQLState())) {
                throw new StoreException("database shutdown failed: " + e.getMessage(), e);
            }
        }
    }

    private void migrate() throws SQLException {
        int current = 0;
        if (tableExists("SCHEMA_VERSION")) {
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            schemaBefore = current;
        } else {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, applied_at TIMESTAMP)");
            }
        }
        for (int v = current + 1; v <= SCHEMA_VERSION; v++) {
            try (Statement s = connection.createStatement()) {
                for (String sql : statements(script(v))) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO schema_version VALUES (" + v + ", CURRENT_TIMESTAMP)");
            }
        }
        connection.commit();
    }

    private boolean tableExists(String name) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(null, null, name, null)) {
            return rs.next();
        }
    }

    private static String script(int version) {
        String name = "schema-" + version + ".sql";
        try (InputStream in = Database.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new StoreException("schema script " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read schema script " + name, e);
        }
    }

    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            sb.append(line).append('\n');
            if (t.endsWith(";")) {
                String sql = sb.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                sb.setLength(0);
            }
        }
        return out;
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    // ------------------------------------------------------------------ small JDBC helpers

    /** Prepares a statement and binds its parameters in order. */
    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    /** Executes an update and returns the number of rows changed. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /** Inserts a row and returns its generated identity. */
    public static long insert(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                if (!rs.next()) {
                    throw new SQLException("no generated key for: " + sql);
                }
                return rs.getLong(1);
            }
        }
    }

    /** Maps every row of a query. */
    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        }
    }

    /** The first row of a query, if any. */
    public static <T> Optional<T> first(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
            }
        }
    }

    /** Maps one row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }
}
