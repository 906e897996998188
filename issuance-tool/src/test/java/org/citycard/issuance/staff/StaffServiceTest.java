package org.citycard.issuance.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.audit.AuditEntry;
import org.citycard.issuance.support.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaffServiceTest {
    @TempDir
    Path dir;

    Fixture f;

    @BeforeEach
    void open() {
        f = new Fixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void bootstrap_onceAccountsExist_isRefused() {
        assertThatThrownBy(() -> f.tool.staff().bootstrap("other", "Other", Fixture.PASSWORD.clone()))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("already exist");
    }

    @Test
    void login_withRightPassword_opensSessionAndWithWrongOneIsRefused() {
        String token = f.tool.staff().login("clerk", Fixture.PASSWORD.clone());
        assertThat(f.tool.staff().session(token)).contains(f.clerk);
        assertThatThrownBy(() -> f.tool.staff().login("clerk", "wrong password!".toCharArray()))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("log-in refused: unknown user or wrong password");
        assertThatThrownBy(() -> f.tool.staff().login("nobody", Fixture.PASSWORD.clone()))
                .hasMessage("log-in refused: unknown user or wrong password");
        f.tool.staff().logout(token);
        assertThat(f.tool.staff().session(token)).isEmpty();
    }

    @Test
    void passwords_areStoredOnlyAsHashes() {
        String stored = f.tool.db().read(c -> org.citycard.issuance.store.Database.first(
                        c, "SELECT password_hash FROM staff WHERE username = 'clerk'", rs -> rs.getString(1))
                .orElseThrow());
        assertThat(stored).startsWith("pbkdf2-sha256$").doesNotContain(new String(Fixture.PASSWORD));
        assertThat(new PasswordHasher(10000).matches(Fixture.PASSWORD, stored)).isTrue();
    }

    @Test
    void account_isLockedAfterFiveWrongPasswords_untilSupervisorEnablesIt() {
        for (int i = 0; i < StaffService.MAX_FAILED_LOGINS; i++) {
            assertThatThrownBy(() -> f.tool.staff().authenticate("op", "not the password".toCharArray()))
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThatThrownBy(() -> f.tool.staff().authenticate("op", Fixture.PASSWORD.clone()))
                .hasMessageContaining("disabled or locked");
        f.tool.staff().setActive(f.supervisor, "op", true);
        assertThat(f.tool.staff().authenticate("op", Fixture.PASSWORD.clone()).username())
                .isEqualTo("op");
    }

    @Test
    void onlySupervisor_managesStaff() {
        assertThatThrownBy(
                        () -> f.tool.staff().add(f.clerk, "x1", "X", Set.of(Role.REVIEWER), Fixture.PASSWORD.clone()))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("clerk may not manage staff accounts")
                .hasMessageContaining("supervisor");
        assertThatThrownBy(() -> f.tool.staff().list(f.reviewer)).isInstanceOf(AccessDeniedException.class);
        assertThat(f.tool.staff().list(f.supervisor)).hasSize(7);
    }

    @Test
    void badUserNamesAndShortPasswords_areRefused() {
        assertThatThrownBy(() -> f.tool.staff()
                        .add(f.supervisor, "Bad Name", "X", Set.of(Role.REVIEWER), Fixture.PASSWORD.clone()))
                .hasMessageContaining("user name 'Bad Name'");
        assertThatThrownBy(() ->
                        f.tool.staff().add(f.supervisor, "short", "X", Set.of(Role.REVIEWER), "short".toCharArray()))
                .hasMessageContaining("too short");
        assertThatThrownBy(() ->
                        f.tool.staff().add(f.supervisor, "clerk", "X", Set.of(Role.REVIEWER), Fixture.PASSWORD.clone()))
                .hasMessageContaining("already exists");
    }

    @Test
    void disabledAccount_losesItsSessions() {
        String token = f.tool.staff().login("rev", Fixture.PASSWORD.clone());
        f.tool.staff().setActive(f.supervisor, "rev", false);
        assertThat(f.tool.staff().session(token)).isEmpty();
        assertThatThrownBy(() -> f.tool.staff().setActive(f.supervisor, "sup", false))
                .hasMessageContaining("own account");
    }

    @Test
    void changePassword_needsTheOldOne() {
        assertThatThrownBy(() -> f.tool.staff()
                        .changePassword(f.clerk, "clerk", "wrong one!!!".toCharArray(), "new password 1".toCharArray()))
                .isInstanceOf(AccessDeniedException.class);
        f.tool.staff().changePassword(f.clerk, "clerk", Fixture.PASSWORD.clone(), "new password 1".toCharArray());
        assertThat(f.tool.staff()
                        .authenticate("clerk", "new password 1".toCharArray())
                        .username())
                .isEqualTo("clerk");
        assertThatThrownBy(() -> f.tool.staff().changePassword(f.clerk, "rev", null, "new password 2".toCharArray()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void everyStaffAction_isAudited() {
        f.tool.staff().login("clerk", Fixture.PASSWORD.clone());
        assertThatThrownBy(() -> f.tool.staff().login("clerk", "wrong password!".toCharArray()));
        var actions = f.tool.audit().list(null, null, 100).stream()
                .map(AuditEntry::action)
                .toList();
        assertThat(actions)
                .contains(
                        AuditAction.STAFF_BOOTSTRAP,
                        AuditAction.STAFF_ADD,
                        AuditAction.LOGIN,
                        AuditAction.LOGIN_FAILED);
    }

    @Test
    void roles_parseByShortName() {
        assertThat(Role.parse("custodian")).isEqualTo(Role.KEY_CUSTODIAN);
        assertThat(Role.parse("PRODUCTION_OPERATOR")).isEqualTo(Role.PRODUCTION_OPERATOR);
        assertThatThrownBy(() -> Role.parse("boss")).hasMessageContaining("clerk");
    }
}
