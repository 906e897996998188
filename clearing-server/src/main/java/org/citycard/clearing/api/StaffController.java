package org.citycard.clearing.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.citycard.clearing.security.LoginAttempts;
import org.citycard.clearing.security.PasswordChanges;
import org.citycard.clearing.security.StaffUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Passwords and accounts: every staff user changes its own; administrators reset, disable and enable others'. */
@RestController
@Tag(name = "Administration", description = "staff accounts")
class StaffController {
    private static final Logger log = LoggerFactory.getLogger(StaffController.class);

    record ChangePassword(
            @Schema(description = "the current password") String current,
            @JsonProperty("new") @Schema(name = "new", description = "12..72 characters, other than the current")
                    String newPassword) {}

    record ResetPassword(
            @JsonProperty("new") @Schema(name = "new", description = "12..72 characters") String newPassword) {}

    private final StaffUsers users;
    private final LoginAttempts attempts;
    private final PasswordChanges changes;

    StaffController(StaffUsers users, LoginAttempts attempts, PasswordChanges changes) {
        this.users = users;
        this.attempts = attempts;
        this.changes = changes;
    }

    @PostMapping("/api/v1/staff/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change your own password (the current one is asked again)")
    void changeOwn(Principal me, @RequestBody ChangePassword body) {
        changes.changeOwn(me.getName(), body.current(), body.newPassword());
        log.info("Staff user '{}' changed its password", me.getName());
    }

    @PostMapping("/api/v1/admin/users/{username}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set a staff user's password (ADMIN); its sign-in lock is lifted")
    void reset(Principal admin, @PathVariable String username, @RequestBody ResetPassword body) {
        users.resetPassword(username, body.newPassword());
        attempts.succeeded(username);
        log.info("Administrator '{}' reset the password of staff user '{}'", admin.getName(), username);
    }

    @PostMapping("/api/v1/admin/users/{username}/disable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Disable a staff user (ADMIN; not yourself): it can no longer sign in")
    void disable(Principal admin, @PathVariable String username) {
        users.setEnabled(admin.getName(), username, false);
        log.info("Administrator '{}' disabled staff user '{}'", admin.getName(), username);
    }

    @PostMapping("/api/v1/admin/users/{username}/enable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Enable a disabled staff user again (ADMIN)")
    void enable(Principal admin, @PathVariable String username) {
        users.setEnabled(admin.getName(), username, true);
        log.info("Administrator '{}' enabled staff user '{}'", admin.getName(), username);
    }
}
