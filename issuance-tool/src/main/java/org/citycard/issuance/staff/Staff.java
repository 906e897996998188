package org.citycard.issuance.staff;

import java.util.Set;
import java.util.stream.Collectors;

/** A member of staff as the tool knows them: never their password. */
public record Staff(String username, String displayName, Set<Role> roles, boolean active) {
    public Staff {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean may(Permission p) {
        return active && p.roles().stream().anyMatch(roles::contains);
    }

    /**
     * @throws AccessDeniedException naming the action and the roles that allow it
     */
    public void require(Permission p) {
        if (!may(p)) {
            throw new AccessDeniedException(username + " may not " + p.description() + ": it needs the role "
                    + p.roles().stream().map(Role::shortName).collect(Collectors.joining(" or ")) + " (has "
                    + roles.stream().map(Role::shortName).sorted().collect(Collectors.joining(", ")) + ")");
        }
    }

    /** The pseudo staff member under which the tool records what it does by itself (e.g. schema set-up). */
    public static Staff system() {
        return new Staff("system", "CityCard issuance tool", Set.of(), false);
    }
}
