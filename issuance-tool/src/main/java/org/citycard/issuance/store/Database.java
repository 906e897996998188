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

    /**
     * The root secret: unwrapped from a {@code key_wrap} row when the boot password was changed (the row wrapped
     * under this password opens; AES-GCM refuses every other), else PBKDF2 of the boot password under {@code
     * key_salt} as the database was created.
     */
    private byte[] deriveSecret(char[] bootPassword) throws SQLException {
        List<String[]> wraps = query(connection, "SELECT salt, wrapped FROM key_wrap ORDER BY id DESC", rs ->
                new String[] {rs.getString(1), rs.getString(2)});
        connection.commit();
        for (String[] w : wraps) {
            Optional<byte[]> opened = unwrap(bootPassword, w[0], w[1]);
            if (opened.isPresent()) {
                return opened.get();
            }
        }
        return derivedFromBootPassword(bootPassword);
    }

    private byte[] derivedFromBootPassword(char[] bootPassword) throws SQLException {
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
        return pbkdf2(bootPassword, salt);
    }

    private static byte[] pbkdf2(char[] password, String saltHex) {
        javax.crypto.spec.PBEKeySpec spec = new javax.crypto.spec.PBEKeySpec(
                password, java.util.HexFormat.of().parseHex(saltHex), SECRET_ITERATIONS, 256);
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

    private static final int GCM_IV = 12;
    private static final int GCM_TAG_BITS = 128;
    private static final byte[] WRAP_AAD = "citycard issuance key wrap".getBytes(StandardCharsets.UTF_8);

    /** The secret wrapped (hex: IV, then AES-GCM ciphertext and tag) under PBKDF2 of the password and salt. */
    private static String wrap(byte[] secret, char[] password, String saltHex) {
        byte[] kek = pbkdf2(password, saltHex);
        try {
            byte[] iv = new byte[GCM_IV];
            new java.security.SecureRandom().nextBytes(iv);
            javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(
                    javax.crypto.Cipher.ENCRYPT_MODE,
                    new javax.crypto.spec.SecretKeySpec(kek, "AES"),
                    new javax.crypto.spec.GCMParameterSpec(GCM_TAG_BITS, iv));
            gcm.updateAAD(WRAP_AAD);
            byte[] sealed = gcm.doFinal(secret);
            return java.util.HexFormat.of().formatHex(iv)
                    + java.util.HexFormat.of().formatHex(sealed);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this Java runtime", e);
        } finally {
            java.util.Arrays.fill(kek, (byte) 0);
        }
    }

    /** The secret of a wrap, when it was wrapped under this password (AES-GCM's tag says so); else empty. */
    private static Optional<byte[]> unwrap(char[] password, String saltHex, String wrappedHex) {
        byte[] kek = pbkdf2(password, saltHex);
        try {
            byte[] all = java.util.HexFormat.of().parseHex(wrappedHex);
            javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(
                    javax.crypto.Cipher.DECRYPT_MODE,
                    new javax.crypto.spec.SecretKeySpec(kek, "AES"),
                    new javax.crypto.spec.GCMParameterSpec(GCM_TAG_BITS, all, 0, GCM_IV));
            gcm.updateAAD(WRAP_AAD);
            return Optional.of(gcm.doFinal(all, GCM_IV, all.length - GCM_IV));
        } catch (javax.crypto.AEADBadTagException wrongPassword) {
            return Optional.empty();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this Java runtime", e);
        } finally {
            java.util.Arrays.fill(kek, (byte) 0);
        }
    }

    /**
     * Changes the boot password of this (open) database from {@code current} to {@code next} with Derby's {@code
     * SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('bootPassword', 'current,next')}: Derby re-encrypts its data key under the
     * new password, and the keys derived here (the audit chain's) stay the same, their secret wrapped under the new
     * password first. The new password must have {@value #MIN_BOOT_PASSWORD_LENGTH}..{@value #MAX_BOOT_PASSWORD_LENGTH}
     * characters, no comma (Derby's separator) and differ from the current one. Neither password is in any message;
     * the caller wipes both. The database stays open; the next opening needs the new password.
     */
    public synchronized void changeBootPassword(char[] current, char[] next) {
        if (next == null || next.length < MIN_BOOT_PASSWORD_LENGTH || next.length > MAX_BOOT_PASSWORD_LENGTH) {
            throw new StoreException("the new boot password has " + MIN_BOOT_PASSWORD_LENGTH + ".."
                    + MAX_BOOT_PASSWORD_LENGTH + " characters, not " + (next == null ? 0 : next.length));
        }
        if (contains(next, ',') || edgeSpace(next)) {
            throw new StoreException("the new boot password has no comma and no space at its ends (Derby's change"
                    + " takes 'current,new' and trims both)");
        }
        if (current == null || current.length == 0) {
            throw new StoreException(
                    "the current boot password of the issuance database in " + dataDir + " is needed to change it");
        }
        if (contains(current, ',') || edgeSpace(current)) {
            throw new StoreException("the current boot password has a comma or a space at an end: Derby cannot"
                    + " change it by SYSCS_SET_DATABASE_PROPERTY('bootPassword', 'current,new')");
        }
        if (java.util.Arrays.equals(current, next)) {
            throw new StoreException("the new boot password is the current one: choose another");
        }
        if ("true".equalsIgnoreCase(System.getProperty("derby.language.logStatementText"))) {
            throw new StoreException("derby.language.logStatementText is on: Derby would write the boot passwords"
                    + " to derby.log; turn it off to change the boot password");
        }
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        String saltHex = java.util.HexFormat.of().formatHex(salt);
        String wrapped = wrap(secret, next, saltHex);
        char[] pair = new char[current.length + 1 + next.length];
        System.arraycopy(current, 0, pair, 0, current.length);
        pair[current.length] = ',';
        System.arraycopy(next, 0, pair, current.length + 1, next.length);
        String pairText = new String(pair);
        java.util.Arrays.fill(pair, '\0');
        long id;
        try {
            // first the wrap under the new password, committed: whichever password the database opens with after a
            // crash here, its wrap (or for the first password the derivation) gives the same secret
            id = insert(
                    connection,
                    "INSERT INTO key_wrap (salt, wrapped, created_at) VALUES (?, ?, CURRENT_TIMESTAMP)",
                    saltHex,
                    wrapped);
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new StoreException(
                    "the boot password was not changed: the key wrap could not be stored (" + e.getMessage() + ")", e);
        }
        try (PreparedStatement ps = connection.prepareStatement("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY(?, ?)")) {
            ps.setString(1, "bootPassword");
            ps.setString(2, pairText);
            ps.execute();
            connection.commit();
        } catch (SQLException e) {
            // Derby refused the change (it changed nothing): the new password's wrap goes again
            rollbackQuietly();
            try {
                update(connection, "DELETE FROM key_wrap WHERE id = ?", id);
                connection.commit();
            } catch (SQLException ignored) {
                rollbackQuietly(); // a stale wrap opens only under a password the database does not boot with
            }
            if (hasState(e, "XBCXA")) {
                throw new StoreException("the current boot password of the issuance database in " + dataDir
                        + " is wrong; nothing was changed");
            }
            // Derby's message of this procedure names no password; the SQLState says what it refused
            throw new StoreException("the boot password was not changed: Derby refused (SQLState " + e.getSQLState()
                    + "); the database still opens with the current one");
        }
        try {
            // the wraps under earlier passwords are of no use now
            update(connection, "DELETE FROM key_wrap WHERE id <> ?", id);
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly(); // harmless: a stale wrap opens only with a password the database no longer boots with
        }
    }

    /** The longest boot password the change accepts. */
    public static final int MAX_BOOT_PASSWORD_LENGTH = 128;

    private static boolean edgeSpace(char[] s) {
        return s.length > 0 && (Character.isWhitespace(s[0]) || Character.isWhitespace(s[s.length - 1]));
    }

    private static boolean contains(char[] s, char c) {
        for (char x : s) {
            if (x == c) {
                return true;
            }
        }
        return false;
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
