package org.citycard.clearing.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.citycard.clearing.support.Checks;
import org.citycard.clearing.support.ConflictException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff accounts: user name, a BCrypt hash of the password (never the password) and roles. */
@Service
public class StaffUsers implements UserDetailsService {
    public static final Set<String> ROLES = Set.of(Roles.ADMIN, Roles.STAFF, Roles.CARD_CENTRE);

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;

    public StaffUsers(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("SELECT username, password_hash, roles, enabled FROM staff_user WHERE username = ?")
                .param(username)
                .query((rs, i) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .roles(rs.getString("roles").split(","))
                        .disabled(!rs.getBoolean("enabled"))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such staff user"));
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM staff_user").query(Long.class).single();
    }

    public List<String> usernames() {
        return jdbc.sql("SELECT username FROM staff_user ORDER BY username")
                .query(String.class)
                .list();
    }

    /**
     * Adds a staff user whose password is its own already (tests, tools that set it for the owner); the password is
     * checked for length and stored only as a hash. An administrator's {@code POST /api/v1/admin/users} adds with
     * {@code mustChangePassword}.
     */
    @Transactional
    public void add(String username, String password, List<String> roles) {
        add(username, password, roles, false);
    }

    /**
     * Adds a staff user; with {@code mustChangePassword} the account may do nothing but change its password until
     * it has.
     */
    @Transactional
    public void add(String username, String password, List<String> roles, boolean mustChangePassword) {
        Checks.require(
                username != null && username.matches("[A-Za-z0-9._-]{3,40}"),
                "username",
                username,
                "3..40 letters, digits, dot, underscore or hyphen");
        if (password == null || password.length() < 10 || password.length() > 72) {
            throw org.citycard.dictionary.validate.ValidationException.sensitive("password", "10..72 characters");
        }
        Checks.require(
                roles != null && !roles.isEmpty() && ROLES.containsAll(roles), "roles", roles, "a subset of " + ROLES);
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM staff_user WHERE username = ?")
                        .param(username)
                        .query(Long.class)
                        .single()
                > 0;
        if (exists) {
            throw new ConflictException("staff user " + username + " exists already");
        }
        jdbc.sql("INSERT INTO staff_user (username, password_hash, roles, enabled, created_at, must_change_password)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        username,
                        encoder.encode(password),
                        String.join(",", roles.stream().sorted().toList()),
                        true,
                        Timestamp.from(clock.instant()),
                        mustChangePassword)
                .update();
    }

    /** The shortest password a user may choose or an administrator may set (the first ones may be 10 long). */
    public static final int NEW_PASSWORD_MIN = 12;

    /**
     * The owner changes its own password: the current one must match, the new one must be 12..72 characters and
     * differ from it. Refused changes change nothing; no password is in any message.
     */
    @Transactional
    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        String hash = jdbc.sql("SELECT password_hash FROM staff_user WHERE username = ?")
                .param(username)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new org.citycard.clearing.support.NotFoundException("staff user " + username));
        if (currentPassword == null || !encoder.matches(currentPassword, hash)) {
            throw org.citycard.dictionary.validate.ValidationException.sensitive(
                    "current", "the current password of " + username);
        }
        checkNewPassword("new", newPassword);
        if (newPassword.equals(currentPassword)) {
            throw org.citycard.dictionary.validate.ValidationException.sensitive(
                    "new", "a password other than the current one");
        }
        setPassword(username, newPassword);
    }

    /**
     * An administrator sets a user's password (the user forgot it, or it leaked): a temporary one, which its owner
     * must change before anything else when {@code citycard.security.force-initial-password-change} is on.
     */
    @Transactional
    public void resetPassword(String username, String newPassword) {
        require(username);
        checkNewPassword("new", newPassword);
        setPassword(username, newPassword);
        jdbc.sql("UPDATE staff_user SET must_change_password = ? WHERE username = ?")
                .params(true, username)
                .update();
    }

    /** Enables or disables an account (a disabled one cannot sign in); an administrator cannot disable its own. */
    @Transactional
    public void setEnabled(String actor, String username, boolean enabled) {
        require(username);
        Checks.require(
                enabled || !username.equals(actor),
                "username",
                username,
                "not your own account (another administrator disables it)");
        jdbc.sql("UPDATE staff_user SET enabled = ? WHERE username = ?")
                .params(enabled, username)
                .update();
    }

    private void setPassword(String username, String password) {
        jdbc.sql("UPDATE staff_user SET password_hash = ?, must_change_password = ? WHERE username = ?")
                .params(encoder.encode(password), false, username)
                .update();
    }

    /** Whether the account must change its password before anything else. */
    public boolean mustChangePassword(String username) {
        return jdbc.sql("SELECT must_change_password FROM staff_user WHERE username = ?")
                .param(username)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    private void require(String username) {
        if (jdbc.sql("SELECT COUNT(*) FROM staff_user WHERE username = ?")
                        .param(username)
                        .query(Long.class)
                        .single()
                == 0) {
            throw new org.citycard.clearing.support.NotFoundException("staff user " + username);
        }
    }

    private static void checkNewPassword(String field, String password) {
        if (password == null || password.length() < NEW_PASSWORD_MIN || password.length() > 72) {
            throw org.citycard.dictionary.validate.ValidationException.sensitive(
                    field, NEW_PASSWORD_MIN + "..72 characters");
        }
    }

    static List<String> split(String roles) {
        return Arrays.asList(roles.split(","));
    }
}
