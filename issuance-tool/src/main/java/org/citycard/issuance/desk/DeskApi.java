package org.citycard.issuance.desk;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.enrolment.EnrolmentRefusedException;
import org.citycard.issuance.enrolment.FieldError;
import org.citycard.issuance.server.CardRegistryClient;
import org.citycard.issuance.server.ServerException;
import org.citycard.issuance.staff.AccessDeniedException;
import org.citycard.issuance.staff.Staff;

/**
 * The desk's JSON API: each route checks the session (and the CSRF token of a POST), calls one service of the tool
 * as the command line does, and answers with what the page shows. Refusals are answered 400 (403 for a role, 404 for
 * nothing found) with the service's message, which names the field, the value and the rule; an enrolment refused
 * lists every field.
 *
 * <p>This class holds the route table, the session check and the answers to refusals; the routes themselves are
 * grouped by what they serve: {@link SessionRoutes} (sign-in and staff), {@link EnrolmentRoutes} (the dictionary's
 * live checks, enrolment and corrections), {@link ReviewRoutes} (the registry comparison and its review queue),
 * {@link ProductionRoutes} (batches and their runs), {@link CounterRoutes} (the card's life at the counter) and
 * {@link CitizenRoutes} (search and the citizen's timeline). The static pages are {@link DeskServer}'s.
 */
final class DeskApi implements AutoCloseable {
    private final DeskSessions sessions;
    private final SessionRoutes session;
    private final EnrolmentRoutes enrolment;
    private final ReviewRoutes review;
    private final ProductionRoutes production;
    private final CounterRoutes counter;
    private final CitizenRoutes citizens;

    DeskApi(IssuanceTool tool, CardRegistryClient server, DeskSessions sessions) {
        DeskViews views = new DeskViews(tool);
        this.sessions = sessions;
        this.session = new SessionRoutes(tool, sessions);
        this.enrolment = new EnrolmentRoutes(tool, views);
        this.review = new ReviewRoutes(tool, views);
        this.production = new ProductionRoutes(tool, new BatchRuns(tool, server));
        this.counter = new CounterRoutes(tool, server, views);
        this.citizens = new CitizenRoutes(tool, views);
    }

    record Request(String method, String path, Map<String, String> query, JsonNode body, String cookie, String csrf) {
        String text(String field) {
            JsonNode n = body == null ? null : body.get(field);
            return n == null || n.isNull() ? null : n.asText();
        }

        String required(String field) {
            String v = text(field);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(field + ": a value is required");
            }
            return v.strip();
        }

        char[] secret(String field) {
            String v = text(field);
            return v == null ? null : v.toCharArray();
        }
    }

    record Reply(int status, Object body, String html, Map<String, String> headers) {
        static Reply ok(Object body) {
            return new Reply(200, body, null, Map.of());
        }

        static Reply error(int status, String message) {
            return new Reply(status, m("error", message), null, Map.of());
        }
    }

    Reply handle(Request r) {
        try {
            return route(r);
        } catch (EnrolmentRefusedException e) {
            List<Object> fields = new ArrayList<>();
            for (FieldError fe : e.errors()) {
                fields.add(m("field", fe.field(), "value", fe.shownValue(), "rule", fe.rule()));
            }
            return new Reply(400, m("error", "enrolment refused 采集被拒绝", "fields", fields), null, Map.of());
        } catch (AccessDeniedException e) {
            return Reply.error(403, e.getMessage());
        } catch (NoSuchElementException e) {
            return Reply.error(404, e.getMessage());
        } catch (ServerException e) {
            return Reply.error(502, "clearing server 清分中心: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            return Reply.error(400, e.getMessage());
        }
    }

    private Reply route(Request r) {
        String key = r.method() + " " + r.path();
        switch (key) {
            case "GET /api/state":
                return session.state(r);
            case "POST /api/bootstrap":
                return session.bootstrap(r);
            case "POST /api/login":
                return session.login(r);
            default:
                break;
        }
        DeskSessions.Signed s = sessions.find(r.cookie())
                .orElseThrow(() ->
                        new AccessDeniedException("请先登录 Please sign in (the session ended or was idle too long)"));
        if (r.method().equals("POST") && !s.csrfMatches(r.csrf())) {
            throw new AccessDeniedException("the request did not carry this session's CSRF token; reload the page");
        }
        Staff me = s.staff();
        return switch (key) {
            case "POST /api/logout" -> session.logout(s);
            case "GET /api/dictionary" -> Reply.ok(enrolment.dictionary());
            case "POST /api/check" -> Reply.ok(enrolment.check(me, r));
            case "POST /api/photo" -> Reply.ok(enrolment.photo(r));
            case "POST /api/enrol" -> Reply.ok(enrolment.enrol(me, r));
            case "POST /api/enrol-csv" -> Reply.ok(enrolment.enrolCsv(me, r));
            case "GET /api/application" -> Reply.ok(enrolment.application(me, r));
            case "POST /api/edit" -> Reply.ok(enrolment.edit(me, r));
            case "POST /api/compare" -> Reply.ok(review.compare(me));
            case "GET /api/review" -> Reply.ok(review.queue(me));
            case "POST /api/review" -> Reply.ok(review.decide(me, r));
            case "GET /api/production" -> Reply.ok(production.production(me));
            case "POST /api/batch" -> Reply.ok(production.createBatch(me, r));
            case "POST /api/batch/run" -> Reply.ok(production.runBatch(me, r));
            case "GET /api/batch/progress" -> Reply.ok(production.progress(me, r));
            case "GET /api/card" -> Reply.ok(counter.card(me, r.query().get("ref")));
            case "POST /api/life" -> Reply.ok(counter.life(me, r));
            case "GET /api/search" -> Reply.ok(citizens.search(me, r.query().get("q")));
            case "GET /api/citizen" -> Reply.ok(citizens.citizen(me, r));
            case "POST /api/staff" -> Reply.ok(session.addStaff(me, r));
            default -> Reply.error(404, "no API " + key);
        };
    }

    /** An ordered map of alternating keys and values; null values are kept (the page shows them as empty). */
    static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    @Override
    public void close() {
        production.close();
    }
}
