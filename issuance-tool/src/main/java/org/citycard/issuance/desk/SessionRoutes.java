package org.citycard.issuance.desk;

import static org.citycard.issuance.desk.DeskApi.m;
import static org.citycard.issuance.desk.DeskInput.wipe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.desk.DeskApi.Reply;
import org.citycard.issuance.desk.DeskApi.Request;
import org.citycard.issuance.staff.AccessDeniedException;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Role;
import org.citycard.issuance.staff.Staff;

/**
 * Signing in and the staff: the page's state (signed in or not, the menu of the member's roles, the CSRF token),
 * the first supervisor of a fresh data directory, sign-in and sign-out (the session cookie is HttpOnly and
 * SameSite=Strict), and a supervisor adding staff. Passwords are wiped once used.
 */
final class SessionRoutes {
    private final IssuanceTool tool;
    private final DeskSessions sessions;

    SessionRoutes(IssuanceTool tool, DeskSessions sessions) {
        this.tool = tool;
        this.sessions = sessions;
    }

    Reply state(Request r) {
        Optional<DeskSessions.Signed> s = sessions.find(r.cookie());
        if (s.isEmpty()) {
            return Reply.ok(m("signedIn", false, "firstSupervisor", tool.staff().isEmpty()));
        }
        Staff me = s.get().staff();
        List<String> menu = new ArrayList<>();
        if (me.may(Permission.ENROL)) {
            menu.add("enrol");
        }
        if (me.may(Permission.LIST_REVIEWS)) {
            menu.add("review");
        }
        if (me.may(Permission.PRODUCE)) {
            menu.add("production");
        }
        if (me.may(Permission.COUNTER)) {
            menu.add("counter");
        }
        if (me.may(Permission.VIEW_STATUS)) {
            menu.add("search");
        }
        if (me.may(Permission.MANAGE_STAFF)) {
            menu.add("staff");
        }
        return Reply.ok(m(
                "signedIn", true,
                "user", me.username(),
                "name", me.displayName(),
                "roles",
                        me.roles().stream()
                                .sorted()
                                .map(x -> x.zh() + " " + x.en())
                                .toList(),
                "menu", menu,
                "csrf", s.get().entry().csrf,
                "idleMinutes", sessions.idleLimit().toMinutes()));
    }

    Reply bootstrap(Request r) {
        char[] password = r.secret("password");
        try {
            Staff first = tool.staff().bootstrap(r.required("username"), r.required("displayName"), password);
            return Reply.ok(m("created", first.username()));
        } finally {
            wipe(password);
        }
    }

    Reply login(Request r) {
        char[] password = r.secret("password");
        try {
            DeskSessions.Entry e = sessions.login(r.required("username"), password == null ? new char[0] : password);
            return new Reply(
                    200,
                    m("ok", true),
                    null,
                    Map.of("Set-Cookie", cookie(e.id, sessions.idleLimit().toSeconds() * 4)));
        } catch (AccessDeniedException e) {
            return Reply.error(401, e.getMessage());
        } finally {
            wipe(password);
        }
    }

    Reply logout(DeskSessions.Signed s) {
        sessions.logout(s.entry());
        return new Reply(200, m("ok", true), null, Map.of("Set-Cookie", cookie("", 0)));
    }

    Object addStaff(Staff me, Request r) {
        char[] password = r.secret("password");
        try {
            Staff added = tool.staff()
                    .add(
                            me,
                            r.required("username"),
                            r.required("displayName"),
                            Set.of(Role.parse(r.required("role"))),
                            password);
            return m("added", added.username());
        } finally {
            wipe(password);
        }
    }

    private static String cookie(String value, long maxAge) {
        return DeskSessions.COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + maxAge;
    }
}
