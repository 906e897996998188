package org.citycard.issuance.staff;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.citycard.issuance.store.Database;

/**
 * A member of staff as the tool knows them: never their password. Only the staff service makes one, so a caller
 * outside this package cannot forge one. A {@code Staff} that may act is <em>signed in</em>: it came from a password
 * check ({@link StaffService#authenticate}, {@link StaffService#login}, the first account's {@link
 * StaffService#bootstrap}) or a valid session ({@link StaffService#session}) of one database, and it acts only on
 * that database. The accounts that {@link StaffService#find} and {@link StaffService#list} show, and the one {@link
 * StaffService#add} returns, are for display: they may do nothing.
 */
public final class Staff {
    private final String username;
    private final String displayName;
    private final Set<Role> roles;
    private final boolean active;
    /** The database whose password check or session signed this member of staff in, or null for a listing. */
    private final Database signedInOn;

    Staff(String username, String displayName, Set<Role> roles, boolean active, Database signedInOn) {
        this.username = username;
        this.displayName = displayName;
        this.roles = Set.copyOf(roles);
        this.active = active;
        this.signedInOn = signedInOn;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public Set<Role> roles() {
        return roles;
    }

    public boolean active() {
        return active;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** True when this member of staff came from a log-in or a session (and so may act). */
    public boolean signedIn() {
        return signedInOn != null;
    }

    /** True when this member of staff was signed in on that database. */
    public boolean signedInOn(Database database) {
        return signedInOn != null && signedInOn == database;
    }

    public boolean may(Permission p) {
        return signedIn() && active && p.roles().stream().anyMatch(roles::contains);
    }

    /**
     * @throws AccessDeniedException naming the action and the roles that allow it, or saying that this member of
     *     staff did not sign in
     */
    public void require(Permission p) {
        if (!signedIn()) {
            throw new AccessDeniedException(username + " may not " + p.description()
                    + ": not signed in (only a log-in or a session gives a member of staff who may act)");
        }
        if (!may(p)) {
            throw new AccessDeniedException(username + " may not " + p.description() + ": it needs the role "
                    + p.roles().stream().map(Role::shortName).collect(Collectors.joining(" or ")) + " (has "
                    + roles.stream().map(Role::shortName).sorted().collect(Collectors.joining(", ")) + ")");
        }
    }

    /**
     * {@link #require(Permission)}, and that this member of staff was signed in on {@code database} (the service's
     * own): a member of staff signed in on another data directory does not act here.
     */
    public void require(Database database, Permission p) {
        require(p);
        if (signedInOn != database) {
            throw new AccessDeniedException(username + " may not " + p.description()
                    + ": signed in on another issuance database, not this one");
        }
    }

    private static final Staff SYSTEM = new Staff("system", "CityCard issuance tool", Set.of(), false, null);

    /** The pseudo staff member under which the tool records what it does by itself (e.g. schema set-up). */
    public static Staff system() {
        return SYSTEM;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Staff s
                && s.username.equals(username)
                && Objects.equals(s.displayName, displayName)
                && s.roles.equals(roles)
                && s.active == active;
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, displayName, roles, active);
    }

    @Override
    public String toString() {
        return "Staff[username=" + username + ", roles=" + roles + ", active=" + active
                + (signedIn() ? ", signed in" : "") + "]";
    }
}
