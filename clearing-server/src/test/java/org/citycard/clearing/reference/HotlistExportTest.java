package org.citycard.clearing.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.citycard.clearing.support.ConflictException;
import org.citycard.clearing.support.TestData;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The hotlist a terminal gets, on a real (in-memory) Derby with every migration: versioned deltas, the whole list
 * when the version asked from is too old, entries of expired cards left out, and the capacity limit.
 */
class HotlistExportTest {
    /** 2026-12-03 10:00 in Shanghai. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T02:00:00Z"), ZoneId.of("UTC"));

    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
    private static final String A = "31000000000000000001";
    private static final String B = "31000000000000000002";
    private static final String C = "31000000000000000003";
    private static final String EXPIRED = "31000000000000000004";
    private static final String UNKNOWN = "31000000000000000005";

    private SingleConnectionDataSource db;
    private JdbcClient jdbc;
    private HotlistRepository repository;

    @BeforeEach
    void database() {
        db = new SingleConnectionDataSource(
                "jdbc:derby:memory:hotlist-export-" + TestData.unique() + ";create=true", true);
        Flyway.configure()
                .dataSource(db)
                .locations("classpath:db/migration/common")
                .load()
                .migrate();
        jdbc = JdbcClient.create(db);
        repository = new HotlistRepository(jdbc);
        card(A, "20361231");
        card(B, "20361231");
        card(C, "20261203"); // valid through today
        card(EXPIRED, "20261202");
    }

    @AfterEach
    void close() {
        db.destroy();
    }

    private void card(String asn, String expiry) {
        Timestamp now = Timestamp.from(CLOCK.instant());
        jdbc.sql("INSERT INTO card (asn, state, expiry_date, created_at, updated_at) VALUES (?, '02', ?, ?, ?)")
                .params(asn, expiry, now, now)
                .update();
    }

    private HotlistService service(int capacity) {
        return new HotlistService(repository, CLOCK, CITY, capacity);
    }

    @Test
    void theWholeList_leavesOutExpiredCards_andCarriesEachKnownExpiry() {
        HotlistService h = service(10);
        for (String asn : new String[] {C, EXPIRED, A, UNKNOWN}) {
            h.add(asn, "lost", "admin");
        }
        HotlistService.Snapshot s = h.snapshot(null);
        assertThat(s.version()).isEqualTo(5);
        assertThat(s.since()).isNull();
        assertThat(s.asns()).containsExactly(A, C, UNKNOWN);
        assertThat(s.expiries()).containsEntry(A, "20361231").containsEntry(C, "20261203");
        assertThat(s.expiries()).doesNotContainKeys(UNKNOWN, EXPIRED);
        // the staff's view still shows the expired card's entry
        assertThat(h.entries()).extracting(HotlistEntry::asn).contains(EXPIRED);
    }

    @Test
    void aTerminalAtVersionV_getsOnlyTheChangesSinceV_withoutAddsOfExpiredCards() {
        HotlistService h = service(10);
        h.add(A, "lost", "admin"); // 2
        h.add(B, "lost", "admin"); // 3
        long v = h.version();
        h.add(C, "lost", "admin"); // 4
        h.add(EXPIRED, "lost", "admin"); // 5
        h.remove(A, "admin"); // 6
        HotlistService.Snapshot s = h.snapshot(v);
        assertThat(s.since()).isEqualTo(3);
        assertThat(s.version()).isEqualTo(6);
        assertThat(s.asns()).isEmpty();
        assertThat(s.changes())
                .extracting(HotlistChange::asn, HotlistChange::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(C, HotlistChange.Type.ADD),
                        org.assertj.core.groups.Tuple.tuple(A, HotlistChange.Type.REMOVE));
        assertThat(s.expiries()).containsExactly(java.util.Map.entry(C, "20261203"));
        assertThat(h.snapshot(6L).changes()).isEmpty();
        assertThat(h.snapshot(6L).since()).isEqualTo(6);
    }

    @Test
    void aVersionTooOld_newerThanTheServers_orWhoseChangesOutnumberTheList_getsTheWholeList() {
        HotlistService h = service(10);
        h.add(A, "lost", "admin"); // 2
        h.add(B, "lost", "admin"); // 3
        h.add(C, "lost", "admin"); // 4
        // changes before version 3 are no longer kept (as after a clean-up of the change log)
        jdbc.sql("DELETE FROM hotlist_change WHERE version < 3").update();
        HotlistService.Snapshot old = h.snapshot(1L);
        assertThat(old.since()).as("too old: the whole list").isNull();
        assertThat(old.asns()).containsExactly(A, B, C);
        assertThat(h.snapshot(2L).since()).as("changes after 2 are all kept").isEqualTo(2);

        assertThat(h.snapshot(99L).since())
                .as("from the future: the whole list")
                .isNull();
        assertThat(h.snapshot(99L).asns()).containsExactly(A, B, C);

        h.remove(A, "admin"); // 5
        h.remove(B, "admin"); // 6
        h.remove(C, "admin"); // 7
        HotlistService.Snapshot emptied = h.snapshot(4L);
        assertThat(emptied.since()).as("3 removes are more than the empty list").isNull();
        assertThat(emptied.asns()).isEmpty();
    }

    @Test
    void atTheCapacity_theServerRefusesAnotherCardNamingTheLimit_andNothingChanges() {
        HotlistService h = service(2);
        h.add(A, "lost", "admin");
        h.add(EXPIRED, "lost", "admin"); // an expired card's entry does not count
        h.add(B, "lost", "admin");
        long v = h.version();
        assertThatThrownBy(() -> h.add(C, "lost", "admin"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("hotlist_capacity")
                .hasMessageContaining("is 2")
                .hasMessageContaining(C);
        assertThat(h.version()).isEqualTo(v);
        assertThat(h.find(C)).isEmpty();
        assertThat(h.snapshot(v).changes()).isEmpty();
        h.remove(A, "admin");
        assertThat(h.add(C, "lost", "admin").asn()).isEqualTo(C);
    }
}
