package org.citycard.issuance.desk;

import static org.citycard.issuance.desk.DeskApi.m;
import static org.citycard.issuance.desk.DeskInput.number;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.citycard.dictionary.validate.CitizenId;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.audit.AuditEntry;
import org.citycard.issuance.desk.DeskApi.Request;
import org.citycard.issuance.enrolment.Citizen;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardRepository;
import org.citycard.issuance.workflow.StatusService;
import org.citycard.issuance.workflow.Workflow;

/**
 * Finding a citizen and their page: a search by ID number, application, ASN, card number or part of a name (at most
 * 50 citizens, IDs masked), and one citizen's applications and cards as a timeline of state changes, with the audit
 * entries for a member of staff who may read the audit.
 */
final class CitizenRoutes {
    private final IssuanceTool tool;
    private final DeskViews views;

    CitizenRoutes(IssuanceTool tool, DeskViews views) {
        this.tool = tool;
        this.views = views;
    }

    Object search(Staff me, String q) {
        me.require(Permission.VIEW_STATUS);
        String text = q == null ? "" : q.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("q: type a name or an ID number 请输入姓名或身份证号");
        }
        List<Object[]> rows = tool.db().read(c -> {
            if (text.length() == 18) {
                CitizenId.parse(text.toUpperCase(Locale.ROOT));
                return Database.query(
                        c,
                        "SELECT citizen_id, name FROM citizen WHERE citizen_id = ?",
                        rs -> new Object[] {rs.getString(1), rs.getString(2)},
                        text.toUpperCase(Locale.ROOT));
            }
            if (text.matches("\\d{1,17}|\\d{20}") || text.length() == 9) {
                Optional<CardRecord> card;
                try {
                    card = Optional.of(CardRepository.resolve(c, text));
                } catch (NoSuchElementException e) {
                    card = Optional.empty();
                }
                if (card.isPresent()) {
                    return Database.query(
                            c,
                            "SELECT citizen_id, name FROM citizen WHERE citizen_id = ?",
                            rs -> new Object[] {rs.getString(1), rs.getString(2)},
                            card.get().citizenId());
                }
            }
            return Database.query(
                    c,
                    "SELECT citizen_id, name FROM citizen WHERE name LIKE ? ORDER BY name",
                    rs -> new Object[] {rs.getString(1), rs.getString(2)},
                    "%" + text.replace("%", "").replace("_", "") + "%");
        });
        List<Object> out = new ArrayList<>();
        for (Object[] row : rows.subList(0, Math.min(50, rows.size()))) {
            String cid = (String) row[0];
            List<CardRecord> cards = tool.db().read(c -> CardRepository.byCitizen(c, cid));
            out.add(m(
                    "name",
                    row[1],
                    "citizenId",
                    CitizenId.mask(cid),
                    "application",
                    cards.isEmpty() ? null : cards.get(cards.size() - 1).id(),
                    "cards",
                    cards.stream().map(x -> x.id() + " " + x.state().label()).toList()));
        }
        return m("results", out);
    }

    /** A citizen's applications and cards as one timeline; audit entries for supervisors. */
    Object citizen(Staff me, Request r) {
        me.require(Permission.VIEW_STATUS);
        long app = number(r.query().get("app"), "app");
        String cid = tool.db().read(c -> CardRepository.get(c, app)).citizenId();
        Citizen z = tool.enrolment().citizen(cid).orElseThrow();
        List<StatusService.CardStatus> cards = tool.status().lookup(cid);
        List<Map<String, Object>> events = new ArrayList<>();
        for (StatusService.CardStatus s : cards) {
            for (Workflow.HistoryLine h : s.history()) {
                events.add(m(
                        "at", DeskViews.WHEN.format(h.at()),
                        "kind", "state",
                        "card", s.card().id(),
                        "text", (h.from() == null ? "" : h.from().label() + " → ") + h.to().label(),
                        "by", h.actor(),
                        "reason", h.reason()));
            }
        }
        boolean supervisor = me.may(Permission.READ_AUDIT);
        if (supervisor) {
            for (AuditEntry e : tool.audit().list(null, cid, 500)) {
                events.add(m(
                        "at",
                        DeskViews.WHEN.format(e.at()),
                        "kind",
                        "audit",
                        "card",
                        e.card(),
                        "text",
                        e.action().name() + ": " + e.detail(),
                        "by",
                        e.actor(),
                        "reason",
                        null));
            }
        }
        events.sort(Comparator.comparing(e -> (String) e.get("at")));
        return m(
                "name", z.name(),
                "citizenId", CitizenId.mask(cid),
                "sex", views.label("sex", z.sex()),
                "birthDate", z.birthDate().toString(),
                "photo", views.photo(cid),
                "cards", cards.stream().map(s -> views.card(s.card())).toList(),
                "timeline", events,
                "audit", supervisor);
    }
}
