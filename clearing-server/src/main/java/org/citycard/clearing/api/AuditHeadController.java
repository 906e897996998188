package org.citycard.clearing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.citycard.clearing.support.Checks;
import org.citycard.clearing.support.ConflictException;
import org.citycard.clearing.support.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The head of each card centre's audit chain (issue 15): the issuance tool reports its newest entry's sequence number
 * and HMAC with every card it reports, and its {@code issue audit verify} reads the head back. The server keeps the
 * last head per card centre (the server account the tool signs in with): a head older than the one held, or the same
 * entry with another MAC, is refused (409), so a local history rewritten afterwards no longer matches. The server
 * cannot check a MAC (it has no key); it only remembers.
 */
@RestController
@Tag(name = "Card centre", description = "what the issuance tool reports")
class AuditHeadController {
    static final String PATH = "/api/v1/card-centre/audit-head";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AuditHeadController(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record HeadBody(Long seq, String mac) {}

    record HeadView(String centre, long seq, String mac, Instant reportedAt) {}

    @PutMapping(PATH)
    @Transactional
    @Operation(summary = "Report the signed-in card centre's audit chain head (ADMIN); never goes back")
    HeadView report(@RequestBody HeadBody body, Principal who) {
        Checks.require(body != null && body.seq() != null, "seq", null, "the head's sequence number is required");
        Checks.require(body.seq() >= 1, "seq", body.seq(), "1 or more");
        Checks.require(
                body.mac() != null && body.mac().matches("[0-9a-f]{64}"),
                "mac",
                body.mac(),
                "64 lower-case hex digits (HMAC-SHA256)");
        String centre = who.getName();
        Instant now = clock.instant();
        List<HeadView> held = held(centre);
        if (held.isEmpty()) {
            jdbc.update(
                    "INSERT INTO card_centre_audit_head (centre, seq, mac, reported_at) VALUES (?, ?, ?, ?)",
                    centre,
                    body.seq(),
                    body.mac(),
                    Timestamp.from(now));
            return new HeadView(centre, body.seq(), body.mac(), now);
        }
        HeadView h = held.get(0);
        if (body.seq() < h.seq()) {
            throw new ConflictException("the audit log of card centre " + centre + " went back: the server holds head "
                    + h.seq() + ", " + body.seq() + " was reported");
        }
        if (body.seq() == h.seq()) {
            if (!body.mac().equals(h.mac())) {
                throw new ConflictException("entry " + h.seq() + " of card centre " + centre
                        + "'s audit log has another MAC than the one reported before: the log was rewritten");
            }
            return h;
        }
        int n = jdbc.update(
                "UPDATE card_centre_audit_head SET seq = ?, mac = ?, reported_at = ? WHERE centre = ? AND seq < ?",
                body.seq(),
                body.mac(),
                Timestamp.from(now),
                centre,
                body.seq());
        if (n == 0) {
            throw new ConflictException("the audit head of card centre " + centre + " moved meanwhile: report again");
        }
        return new HeadView(centre, body.seq(), body.mac(), now);
    }

    @GetMapping(PATH)
    @Operation(summary = "The audit chain head the server holds for the signed-in card centre")
    HeadView head(Principal who) {
        return held(who.getName()).stream()
                .findFirst()
                .orElseThrow(() ->
                        new NotFoundException("the server holds no audit chain head of card centre " + who.getName()));
    }

    private List<HeadView> held(String centre) {
        return jdbc.query(
                "SELECT centre, seq, mac, reported_at FROM card_centre_audit_head WHERE centre = ?",
                (rs, i) -> new HeadView(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3).strip(),
                        rs.getTimestamp(4).toInstant()),
                centre);
    }
}
