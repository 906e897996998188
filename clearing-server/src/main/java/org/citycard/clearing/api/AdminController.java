package org.citycard.clearing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.citycard.clearing.security.StaffUsers;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Staff accounts (ADMIN only). Passwords go in, never out. */
@RestController
@Tag(name = "Administration", description = "staff accounts")
class AdminController {
    private final StaffUsers users;

    AdminController(StaffUsers users) {
        this.users = users;
    }

    @GetMapping("/api/v1/admin/users")
    List<String> users() {
        return users.usernames();
    }

    @PostMapping("/api/v1/admin/users")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Add a staff user; the password is stored only as a BCrypt hash and is a first one: the new user"
                    + " may do nothing but change it (POST /api/v1/staff/me/password) until it has")
    List<String> add(@RequestBody Requests.StaffUserBody body) {
        // the administrator knows the password it gave: like the generated first one and a reset one, its owner must
        // replace it before anything else (issue 15; enforced while citycard.security.force-initial-password-change)
        users.add(body.username(), body.password(), body.roles(), true);
        return users.usernames();
    }
}
