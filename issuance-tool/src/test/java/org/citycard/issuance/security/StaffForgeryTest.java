package org.citycard.issuance.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.citycard.issuance.staff.AccessDeniedException;
import org.citycard.issuance.staff.Role;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.support.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the roles are the service layer's to enforce, not the CLI's or the desk's. A caller outside the staff
 * package that skips the front end's checks must still be refused: a {@link Staff} it did not get from a log-in or
 * a session of this tool's database does not act.
 */
class StaffForgeryTest {
    @TempDir
    Path dir;

    Fixture f;

    @BeforeEach
    void open() {
        f = new Fixture(dir.resolve("centre"));
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aSupervisorMadeOnAnotherDataDirectory_mayNotAddStaffHere() {
        Staff mallory;
        try (Fixture other = new Fixture(dir.resolve("elsewhere"))) {
            mallory = other.supervisor;
        }
        assertThatThrownBy(() ->
                        f.tool.staff().add(mallory, "evil", "Evil", Set.of(Role.REVIEWER), Fixture.PASSWORD.clone()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(f.tool.staff().find("evil")).isEmpty();
    }

    @Test
    void aSupervisorLookedUpWithoutPassword_mayNotAct() {
        Staff looked = f.tool.staff().find("sup").orElseThrow();
        assertThatThrownBy(() -> f.tool.staff().setActive(looked, "clerk", false))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(f.tool.staff().find("clerk").orElseThrow().active()).isTrue();
    }

    @Test
    void aListedAccount_mayNotAct() {
        Staff listedRev = f.tool.staff().list(f.supervisor).stream()
                .filter(s -> s.username().equals("sup"))
                .findFirst()
                .orElseThrow();
        assertThatThrownBy(() -> f.tool.staff().list(listedRev)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void openingAKeySet_needsARoleThatUsesOne() {
        assertThatThrownBy(() -> f.tool.keyStores().open(f.reviewer, "demo", null))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("rev may not");
    }
}
