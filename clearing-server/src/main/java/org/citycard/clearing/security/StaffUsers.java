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
    public static final Set<String> ROLES = Set.of(Roles.ADMIN, Roles.STAFF);

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

    /** Adds a staff user; the password is checked for length and stored only as a hash. */
    @Transactional
    public void add(String username, String password, List<String> roles) {
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
        jdbc.sql("INSERT INTO staff_user (username, password_hash, roles, enabled, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(
                        username,
                        encoder.encode(password),
                        String.join(",", roles.stream().sorted().toList()),
                        true,
                        Timestamp.from(clock.instant()))
                .update();
    }

    static List<String> split(String roles) {
        return Arrays.asList(roles.split(","));
    }
}
