package org.citycard.clearing.crypto;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.ReferenceRepository;
import org.citycard.clearing.support.Checks;
import org.citycard.clearing.support.ConflictException;
import org.citycard.clearing.support.IdAllocator;
import org.citycard.clearing.support.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key versions at the clearing server (issue 22): which versions it holds (the key set's, {@link HostKeys#versions()}),
 * which of them are retired (table key_version_state, migration V3_36), the version the card registry holds for each
 * card ({@code card.key_version}) and its change when a counter re-keys a card. Every retirement and re-key is written
 * to the audit trail (table key_version_event) with who did it.
 *
 * <p>A retired version stays in the key set: records a card made under it before its re-key still verify; what is
 * refused is a card still on it (loads: response code K1, records: quarantine QK).
 */
@Service
public class KeyVersions {
    private static final Logger log = LoggerFactory.getLogger(KeyVersions.class);
    private static final String RETIRED = "RETIRED";

    private final JdbcClient jdbc;
    private final HostKeys keys;
    private final ReferenceRepository cards;
    private final IdAllocator ids;
    private final Clock clock;
    /** The retired versions, read again after each change here and every {@link #REFRESH_MILLIS} (other nodes). */
    private volatile Set<Integer> retired;

    private volatile long readAt;
    private static final long REFRESH_MILLIS = 5_000;

    private final org.citycard.clearing.reference.HotlistRepository versions;

    public KeyVersions(
            JdbcClient jdbc,
            HostKeys keys,
            ReferenceRepository cards,
            IdAllocator ids,
            Clock clock,
            org.citycard.clearing.reference.HotlistRepository versions) {
        this.versions = versions;
        this.jdbc = jdbc;
        this.keys = keys;
        this.cards = cards;
        this.ids = ids;
        this.clock = clock;
    }

    /** One key version as the server sees it. */
    public record VersionState(int keyVersion, String state, String changedBy, Instant changedAt, String reason) {}

    /** Every version the server holds, with its state (ACTIVE or RETIRED). */
    public List<VersionState> list() {
        List<VersionState> all = new java.util.ArrayList<>();
        for (int v : keys.versions()) {
            all.add(jdbc.sql("SELECT * FROM key_version_state WHERE key_version = ?")
                    .param(v)
                    .query((rs, i) -> new VersionState(
                            v,
                            rs.getString("state"),
                            rs.getString("changed_by"),
                            rs.getTimestamp("changed_at").toInstant(),
                            rs.getString("reason")))
                    .optional()
                    .orElse(new VersionState(v, "ACTIVE", null, null, null)));
        }
        return all;
    }

    /** True when the version is retired at the server. */
    public boolean isRetired(int version) {
        long now = System.currentTimeMillis();
        Set<Integer> r = retired;
        if (r == null || now - readAt > REFRESH_MILLIS) {
            r = new TreeSet<>(jdbc.sql("SELECT key_version FROM key_version_state WHERE state = ?")
                    .param(RETIRED)
                    .query(Integer.class)
                    .list());
            retired = r;
            readAt = now;
        }
        return r.contains(version);
    }

    /** The newest version the server holds that is not retired: the default of a new card. */
    /** The retired versions, ascending (what terminals are told in their parameters). */
    public List<Integer> retired() {
        return list().stream()
                .filter(v -> RETIRED.equals(v.state()))
                .map(VersionState::keyVersion)
                .sorted()
                .toList();
    }

    public int newestActive() {
        List<Integer> held = List.copyOf(keys.versions());
        for (int i = held.size() - 1; i >= 0; i--) {
            if (!isRetired(held.get(i))) {
                return held.get(i);
            }
        }
        throw new ConflictException("every key version the server holds is retired: add keys of a new version");
    }

    /**
     * Retires a version for good (audited). The newest active version cannot be retired: new cards and re-keys need
     * one.
     *
     * @throws IllegalArgumentException naming the version when the server does not hold it
     * @throws ConflictException when it is retired already or is the last active one
     */
    @Transactional
    public VersionState retire(int version, String actor, String reason) {
        requireHeld("keyVersion", version);
        Checks.require(reason == null || reason.length() <= 200, "reason", reason, "at most 200 characters, optional");
        if (isRetiredNow(version)) {
            throw new ConflictException(String.format("key version %02X is retired already", version));
        }
        long active = keys.versions().stream()
                .filter(v -> v != version && !isRetiredNow(v))
                .count();
        if (active == 0) {
            throw new ConflictException(String.format(
                    "key version %02X is the last active one: add keys of a new version before retiring it", version));
        }
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO key_version_state (key_version, state, changed_by, changed_at, reason)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(version, RETIRED, actor, Timestamp.from(now), reason)
                .update();
        audit("RETIRE", version, null, null, actor, now, reason);
        // terminals learn it with their parameters (retiredKeyVersions) and refuse such cards offline
        versions.nextVersion(org.citycard.clearing.reference.HotlistService.PARAMETERS);
        retired = null;
        log.info(
                "key version {} retired by {}: loads and records of cards still on it are refused",
                hex(version),
                actor);
        return new VersionState(version, RETIRED, actor, now, reason);
    }

    /**
     * Records that a counter re-keyed a card to {@code version} (audited): the version must be held and active, and
     * the card registered.
     */
    @Transactional
    public Card rekeyed(String asn, int version, String actor) {
        Checks.element("asn", "asn", asn);
        requireHeld("keyVersion", version);
        if (isRetiredNow(version)) {
            throw new ConflictException(String.format(
                    "key version %02X is retired: re-key card %s to an active version (newest: %02X)",
                    version, asn, newestActive()));
        }
        Card card = cards.card(asn).orElseThrow(() -> new NotFoundException("no card with ASN " + asn));
        Instant now = clock.instant();
        cards.updateKeyVersion(asn, version, now);
        audit("REKEY", version, asn, card.keyVersion(), actor, now, null);
        log.info("card {} re-keyed from key version {} to {} by {}", asn, hex(card.keyVersion()), hex(version), actor);
        return card.withKeyVersion(version);
    }

    /**
     * A new card's version: the given one, which must be held and not retired; without one 01, the version of every
     * card of before key versions (a client that does not say is one of those).
     */
    public int forNewCard(Integer requested) {
        if (requested == null) {
            requested = 1;
        }
        requireHeld("keyVersion", requested);
        if (isRetired(requested)) {
            throw new ConflictException(String.format(
                    "key version %02X is retired: new cards get an active version (newest: %02X)",
                    requested, newestActive()));
        }
        return requested;
    }

    /** The key version the registry holds for a card, read now; empty for an unknown card. */
    public Optional<Integer> registered(String asn) {
        return cards.keyVersion(asn);
    }

    private void requireHeld(String field, int version) {
        Checks.require(
                keys.versions().contains(version),
                field,
                version,
                "a key version the server's key set holds (" + keys.versions() + ")");
    }

    private boolean isRetiredNow(int version) {
        return jdbc.sql("SELECT COUNT(*) FROM key_version_state WHERE key_version = ? AND state = ?")
                        .params(version, RETIRED)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private void audit(String kind, int version, String asn, Integer from, String actor, Instant at, String detail) {
        jdbc.sql("INSERT INTO key_version_event (id, kind, key_version, asn, from_version, actor, happened_at, detail)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(ids.next("event"), kind, version, asn, from, actor, Timestamp.from(at), detail)
                .update();
    }

    /** The audit trail, newest first. */
    public List<String> auditTrail(int limit) {
        return jdbc.sql("SELECT * FROM key_version_event ORDER BY id DESC FETCH FIRST " + Math.max(1, limit)
                        + " ROWS ONLY")
                .query((rs, i) -> String.format(
                        "%s %s version %02X%s by %s%s",
                        rs.getTimestamp("happened_at").toInstant(),
                        rs.getString("kind"),
                        rs.getInt("key_version"),
                        rs.getString("asn") == null
                                ? ""
                                : String.format(" card %s (from %02X)", rs.getString("asn"), rs.getInt("from_version")),
                        rs.getString("actor"),
                        rs.getString("detail") == null ? "" : ": " + rs.getString("detail")))
                .list();
    }

    private static String hex(int v) {
        return String.format("%02X", v);
    }
}
