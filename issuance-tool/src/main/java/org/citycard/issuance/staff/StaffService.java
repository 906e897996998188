package org.citycard.issuance.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.store.Database;

/**
 * Staff accounts, log-in and sessions. Passwords are kept only as PBKDF2 hashes; an account is locked after {@value
 * #MAX_FAILED_LOGINS} wrong passwords in a row until a supervisor enables it again. The first account is created by
 * {@link #bootstrap} and is a supervisor; later ones are added by a supervisor. A session ends at logout, after
 * {@link #configuredIdle} unused (15 minutes by default) and after {@link #SESSION_LENGTH}; a command line's session
 * belongs to the OS user who opened it.
 */
public final class StaffService {
    public static final int MAX_FAILED_LOGINS = 5;
    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final Duration SESSION_LENGTH = Duration.ofHours(8);
    /** A session unused this long ends (issue 15: the next person at the desk does not inherit it). */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);
    /** The system property that sets the idle time, in minutes. */
    public static final String IDLE_PROPERTY = "citycard.issue.session-idle-minutes";

    static final String NOT_LOGGED_IN = "not logged in (the session is unknown, or it was closed): log in again";

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final SecureRandom random = new SecureRandom();
    private final Duration idle = configuredIdle();

    public StaffService(Database db, AuditLog audit, Clock clock, PasswordHasher hasher) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.hasher = hasher;
    }

    /** True until the first account exists. */
    public boolean isEmpty() {
        return db.read(
                c -> Database.first(c, "SELECT username FROM staff", rs -> 1).isEmpty());
    }

    /** Creates the first account, a supervisor; refused once any account exists. */
    public Staff bootstrap(String username, String displayName, char[] password) {
        checkUsername(username);
        checkPassword(password);
        return db.inTransaction(c -> {
            if (Database.first(c, "SELECT username FROM staff", rs -> 1).isPresent()) {
                throw new AccessDeniedException(
                        "staff accounts already exist: a supervisor adds new ones with 'issue staff add'");
            }
            Staff s = signedIn(insert(c, username, displayName, EnumSet.of(Role.SUPERVISOR), password, "system"));
            audit.record(c, s, AuditAction.STAFF_BOOTSTRAP, null, null, "first supervisor account " + username);
            return s;
        });
    }

    /** Adds an account; only a supervisor may. */
    public Staff add(Staff actor, String username, String displayName, Set<Role> roles, char[] password) {
        actor.require(db, Permission.MANAGE_STAFF);
        checkUsername(username);
        checkPassword(password);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("give the new account at least one role");
        }
        return db.inTransaction(c -> {
            if (find(c, username).isPresent()) {
                throw new IllegalArgumentException("staff account '" + username + "' already exists");
            }
            Staff s = insert(c, username, displayName, roles, password, actor.username());
            audit.record(
                    c,
                    actor,
                    AuditAction.STAFF_ADD,
                    null,
                    null,
                    "account " + username + " with roles " + roleNames(roles));
            return s;
        });
    }

    private Staff insert(Connection c, String username, String displayName, Set<Role> roles, char[] password, String by)
            throws SQLException {
        Database.update(
                c,
                "INSERT INTO staff (username, display_name, roles, password_hash, active, failed_logins, created_at,"
                        + " created_by) VALUES (?, ?, ?, ?, TRUE, 0, ?, ?)",
                username,
                displayName,
                roleNames(roles),
                hasher.hash(password),
                Timestamp.from(clock.instant()),
                by);
        return new Staff(username, displayName, roles, true, null);
    }

    /** The member of staff as signed in on this database: the only kind that may act. */
    private Staff signedIn(Staff s) {
        return new Staff(s.username(), s.displayName(), s.roles(), s.active(), db);
    }

    /**
     * Checks a password. The error is the same for an unknown user and a wrong password; failures are counted and
     * audited.
     *
     * @throws AccessDeniedException when the log-in fails
     */
    public Staff authenticate(String username, char[] password) {
        Optional<Row> row = db.read(c -> findRow(c, username));
        if (row.isEmpty()) {
            hasher.hash(password); // same work as a real check: an unknown name is not faster to reject
            throw new AccessDeniedException("log-in refused: unknown user or wrong password");
        }
        Row r = row.get();
        if (!r.staff.active()) {
            audit.record(r.staff, AuditAction.LOGIN_FAILED, null, null, "account disabled or locked");
            throw new AccessDeniedException(
                    "log-in refused: account " + username + " is disabled or locked; a supervisor can enable it");
        }
        if (!hasher.matches(password, r.hash)) {
            db.inTransaction(c -> {
                int failed = r.failed + 1;
                boolean lock = failed >= MAX_FAILED_LOGINS;
                Database.update(
                        c,
                        "UPDATE staff SET failed_logins = ?, active = ? WHERE username = ?",
                        failed,
                        !lock,
                        username);
                audit.record(
                        c,
                        r.staff,
                        AuditAction.LOGIN_FAILED,
                        null,
                        null,
                        "wrong password (" + failed + " in a row)" + (lock ? ", account locked" : ""));
                return null;
            });
            throw new AccessDeniedException("log-in refused: unknown user or wrong password");
        }
        if (r.failed > 0) {
            db.inTransaction(
                    c -> Database.update(c, "UPDATE staff SET failed_logins = 0 WHERE username = ?", username));
        }
        return signedIn(r.staff);
    }

    /** Logs in and opens a session; the returned token is the only copy (the database keeps its hash). */
    public String login(String username, char[] password) {
        return login(username, password, null);
    }

    /**
     * Logs in and opens a session for one OS user's command line.
     *
     * @param osUser the OS user whose session file holds the token (the token is refused to any other), or null for
     *     a session that is not a command line's (the desk's browsers)
     */
    public String login(String username, char[] password, String osUser) {
        Staff s = authenticate(username, password);
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = HexFormat.of().formatHex(raw);
        Instant now = clock.instant();
        db.inTransaction(c -> {
            Database.update(c, "DELETE FROM staff_session WHERE expires_at < ?", Timestamp.from(now));
            Database.update(
                    c,
                    "INSERT INTO staff_session (token_hash, username, created_at, expires_at, last_seen, os_user)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    sha256(token),
                    s.username(),
                    Timestamp.from(now),
                    Timestamp.from(now.plus(SESSION_LENGTH)),
                    Timestamp.from(now),
                    osUser);
            audit.record(
                    c,
                    s,
                    AuditAction.LOGIN,
                    null,
                    null,
                    "session opened" + (osUser == null ? "" : " for OS user " + osUser) + ": ends after "
                            + idle.toMinutes() + " min idle, at logout, or after " + SESSION_LENGTH.toHours() + " h");
            return null;
        });
        return token;
    }

    /** How long a session may stay unused before it ends. */
    public Duration sessionIdle() {
        return idle;
    }

    /**
     * The idle time after which a session ends: the system property {@value #IDLE_PROPERTY} in minutes, default
     * 15.
     */
    public static Duration configuredIdle() {
        int minutes = Integer.getInteger(IDLE_PROPERTY, (int) DEFAULT_IDLE.toMinutes());
        if (minutes < 1) {
            throw new IllegalArgumentException(IDLE_PROPERTY + " " + minutes + ": at least 1 minute");
        }
        return Duration.ofMinutes(minutes);
    }

    /** The member of staff of a valid session token (not a command line's), or empty. */
    public Optional<Staff> session(String token) {
        try {
            return Optional.of(requireSession(token, null));
        } catch (AccessDeniedException e) {
            return Optional.empty();
        }
    }

    private record Check(Staff staff, String refusal) {}

    /**
     * The member of staff of a session token, refreshing the session's last use.
     *
     * @param osUser the OS user presenting the token (null: not a command line)
     * @throws AccessDeniedException saying why: unknown or closed, another user's, idle too long, too old, disabled
     */
    public Staff requireSession(String token, String osUser) {
        if (token == null || token.isBlank()) {
            throw new AccessDeniedException(NOT_LOGGED_IN);
        }
        Instant now = clock.instant();
        Check check = db.inTransaction(c -> {
            String hash = sha256(token.strip());
            Optional<Object[]> row = Database.first(
                    c,
                    "SELECT username, expires_at, last_seen, os_user FROM staff_session WHERE token_hash = ?",
                    rs -> new Object[] {
                        rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3), rs.getString(4)
                    },
                    hash);
            if (row.isEmpty()) {
                return new Check(null, NOT_LOGGED_IN);
            }
            String username = (String) row.get()[0];
            Instant expires = (Instant) row.get()[1];
            Instant lastSeen = row.get()[2] == null ? expires : ((Timestamp) row.get()[2]).toInstant();
            String owner = (String) row.get()[3];
            if (!java.util.Objects.equals(owner, osUser)) {
                return new Check(
                        null,
                        "the session of " + username + " was opened "
                                + (owner == null ? "at the desk" : "by OS user " + owner) + ", not "
                                + (osUser == null ? "here" : "by OS user " + osUser) + ": refused; log in yourself");
            }
            Optional<Staff> who = find(c, username);
            String ended = null;
            if (!expires.isAfter(now)) {
                ended = "the session of " + username + " ended after " + SESSION_LENGTH.toHours() + " h";
            } else if (lastSeen.plus(idle).isBefore(now)) {
                ended = "the session of " + username + " ended after " + idle.toMinutes() + " minutes idle";
            }
            if (ended != null) {
                Database.update(c, "DELETE FROM staff_session WHERE token_hash = ?", hash);
                if (who.isPresent()) {
                    audit.record(c, who.get(), AuditAction.LOGOUT, null, null, ended);
                }
                return new Check(null, ended + ": log in again");
            }
            if (who.isEmpty() || !who.get().active()) {
                return new Check(null, "account " + username + " is disabled or locked");
            }
            Database.update(
                    c, "UPDATE staff_session SET last_seen = ? WHERE token_hash = ?", Timestamp.from(now), hash);
            return new Check(signedIn(who.get()), null);
        });
        if (check.refusal() != null) {
            throw new AccessDeniedException(check.refusal());
        }
        return check.staff();
    }

    /** Ends a session (whoever holds the token: a leaked one is best ended). */
    public void logout(String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        String hash = sha256(token.strip());
        db.inTransaction(c -> {
            Optional<String> user = Database.first(
                    c, "SELECT username FROM staff_session WHERE token_hash = ?", rs -> rs.getString(1), hash);
            if (user.isPresent()) {
                Database.update(c, "DELETE FROM staff_session WHERE token_hash = ?", hash);
                Optional<Staff> who = find(c, user.get());
                if (who.isPresent()) {
                    audit.record(c, who.get(), AuditAction.LOGOUT, null, null, "session closed");
                }
            }
            return null;
        });
    }

    public List<Staff> list(Staff actor) {
        actor.require(db, Permission.MANAGE_STAFF);
        return db.read(c -> Database.query(c, "SELECT * FROM staff ORDER BY username", StaffService::map));
    }

    /** Disables or (re-)enables an account; enabling also clears the failed log-in count. */
    public void setActive(Staff actor, String username, boolean active) {
        actor.require(db, Permission.MANAGE_STAFF);
        if (!active && actor.username().equals(username)) {
            throw new IllegalArgumentException("a supervisor cannot disable their own account");
        }
        db.inTransaction(c -> {
            int n = Database.update(
                    c, "UPDATE staff SET active = ?, failed_logins = 0 WHERE username = ?", active, username);
            if (n == 0) {
                throw new IllegalArgumentException("no staff account '" + username + "'");
            }
            if (!active) {
                Database.update(c, "DELETE FROM staff_session WHERE username = ?", username);
            }
            audit.record(
                    c,
                    actor,
                    active ? AuditAction.STAFF_ENABLE : AuditAction.STAFF_DISABLE,
                    null,
                    null,
                    "account " + username);
            return null;
        });
    }

    /** Changes one's own password (the old one is checked), or anyone's for a supervisor. */
    public void changePassword(Staff actor, String username, char[] oldPassword, char[] newPassword) {
        if (!actor.username().equals(username)) {
            actor.require(db, Permission.MANAGE_STAFF);
        } else if (!actor.signedInOn(db)) {
            throw new AccessDeniedException(actor.username() + " may not change a password: not signed in here");
        } else {
            authenticate(username, oldPassword);
        }
        checkPassword(newPassword);
        db.inTransaction(c -> {
            int n = Database.update(
                    c, "UPDATE staff SET password_hash = ? WHERE username = ?", hasher.hash(newPassword), username);
            if (n == 0) {
                throw new IllegalArgumentException("no staff account '" + username + "'");
            }
            audit.record(c, actor, AuditAction.STAFF_PASSWORD, null, null, "password of " + username + " changed");
            return null;
        });
    }

    public Optional<Staff> find(String username) {
        return db.read(c -> find(c, username));
    }

    private static Optional<Staff> find(Connection c, String username) throws SQLException {
        return Database.first(c, "SELECT * FROM staff WHERE username = ?", StaffService::map, username);
    }

    private record Row(Staff staff, String hash, int failed) {}

    private static Optional<Row> findRow(Connection c, String username) throws SQLException {
        return Database.first(
                c,
                "SELECT * FROM staff WHERE username = ?",
                rs -> new Row(map(rs), rs.getString("password_hash"), rs.getInt("failed_logins")),
                username);
    }

    private static Staff map(ResultSet rs) throws SQLException {
        Set<Role> roles = Arrays.stream(rs.getString("roles").split(","))
                .filter(s -> !s.isBlank())
                .map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        return new Staff(rs.getString("username"), rs.getString("display_name"), roles, rs.getBoolean("active"), null);
    }

    private static String roleNames(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
    }

    private static void checkUsername(String username) {
        if (username == null || !username.matches("[a-z][a-z0-9._-]{1,31}")) {
            throw new IllegalArgumentException("user name '" + username
                    + "': 2 to 32 characters, lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        if (username.equals("system")) {
            throw new IllegalArgumentException("user name 'system' is reserved for the tool itself");
        }
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException(
                    "the password is too short: at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
