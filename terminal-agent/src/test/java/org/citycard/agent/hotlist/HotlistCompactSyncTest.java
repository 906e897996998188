package org.citycard.agent.hotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.testing.Hosts;
import org.citycard.dictionary.format.CompactHotlist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's local hotlist in its compact form (layout hotlist_compact_entry): filled from the whole list, changed
 * by deltas in their order, purged of expired cards, kept within its capacity, and the same after a restart.
 */
class HotlistCompactSyncTest {
    private static final String TERMINAL = "123456789012";
    private static final String A = "31000000000000000001";
    private static final String B = "31000000000000000002";
    private static final String C = "31000000000000000003";
    private static final String D = "31000000000000000004";
    /** 2026-12-03 in the city. */
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-12-03T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private HttpServer http;
    private Journal journal;
    private volatile String full;
    private volatile String delta;
    /** The compact image the server answers, or null for a server without the compact form. */
    private volatile byte[] compact;

    @BeforeEach
    void setUp() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext(
                "/api/v1/terminal/hotlist",
                ex -> TerminalServer.reply(ex, 200, ex.getRequestURI().getQuery() == null ? full : delta));
        http.createContext("/api/v1/terminal/hotlist/compact", ex -> {
            if (compact == null) {
                TerminalServer.reply(ex, 200, full);
            } else {
                TerminalServer.replyBytes(ex, 200, compact);
            }
        });
        http.createContext(
                "/api/v1/terminal/parameters", ex -> TerminalServer.reply(ex, 200, "{\"version\":2,\"values\":{}}"));
        http.start();
        journal = Journal.inMemory("hotlist-compact" + System.nanoTime());
    }

    @AfterEach
    void tearDown() {
        http.stop(0);
        journal.close();
    }

    private HotlistSync sync(Clock clock, int capacity) {
        ServerApi api = new HttpServerApi(
                        "http://127.0.0.1:" + http.getAddress().getPort(), Duration.ofSeconds(2))
                .authenticatedAs(TERMINAL, Hosts.signedOn(TERMINAL), () -> {});
        return new HotlistSync(api, journal.lists(), TERMINAL, clock, capacity);
    }

    @Test
    void wholeListThenDelta_sortedCompactCopy_changesAppliedInTheirOrder() throws IOException {
        full = "{\"version\":3,\"since\":null,\"asns\":[\"" + C + "\",\"" + A + "\"],\"changes\":[],"
                + "\"expiries\":{\"" + A + "\":\"20361231\",\"" + C + "\":\"20361231\"}}";
        // B added then removed, A removed then added again, D added: the last change of each card counts
        delta = "{\"version\":8,\"since\":3,\"asns\":[],\"changes\":["
                + "{\"version\":4,\"asn\":\"" + B + "\",\"type\":\"ADD\"},"
                + "{\"version\":5,\"asn\":\"" + A + "\",\"type\":\"REMOVE\"},"
                + "{\"version\":6,\"asn\":\"" + B + "\",\"type\":\"REMOVE\"},"
                + "{\"version\":7,\"asn\":\"" + A + "\",\"type\":\"ADD\"},"
                + "{\"version\":8,\"asn\":\"" + D + "\",\"type\":\"ADD\"}],"
                + "\"expiries\":{\"" + A + "\":\"20361231\",\"" + D + "\":\"20361231\"}}";
        HotlistSync sync = sync(TODAY, 100);
        sync.sync("00000003", "00000002");
        assertThat(journal.lists().hotlist().asns()).containsExactly(A, C);
        assertThat(journal.lists().hotlist().bytes()).hasSize(2 * 14);

        sync.sync("00000008", "00000002");
        assertThat(journal.lists().hotlistVersion()).isEqualTo("00000008");
        assertThat(journal.lists().hotlist().asns()).containsExactly(A, C, D);
        assertThat(journal.lists().hotlisted(A)).isTrue();
        assertThat(journal.lists().hotlisted(B)).isFalse();
        assertThat(journal.lists().hotlisted(D)).isTrue();
        assertThat(journal.lists().hotlist().expiry(2)).isEqualTo("20361231");
    }

    @Test
    void theFirstDownload_isTheServersCompactImage_storedAsItComes_thenDeltas() throws IOException {
        compact = new CompactHotlist.Image(
                        3, CompactHotlist.of(java.util.Map.of(A, "20361231", C, "20361231", D, "20261202"), 100))
                .bytes();
        delta = "{\"version\":4,\"since\":3,\"asns\":[],\"changes\":[{\"version\":4,\"asn\":\"" + B
                + "\",\"type\":\"ADD\"}],\"expiries\":{\"" + B + "\":\"20361231\"}}";
        HotlistSync sync = sync(TODAY, 100);
        sync.sync("00000003", "00000002");
        assertThat(journal.lists().hotlistVersion()).isEqualTo("00000003");
        assertThat(journal.lists().hotlist().asns())
                .as("D expired yesterday: purged as the image is stored")
                .containsExactly(A, C);
        sync.sync("00000004", "00000002");
        assertThat(journal.lists().hotlist().asns()).containsExactly(A, B, C);
    }

    @Test
    void aCompactImageBreakingItsLayout_isRefusedWhole_andNothingStored() {
        byte[] image = new CompactHotlist.Image(
                        3, CompactHotlist.of(java.util.Map.of(A, "20361231", C, "20361231"), 10))
                .bytes();
        image[CompactHotlist.HEADER_SIZE + CompactHotlist.ENTRY + 9] = 0x00; // C's ASN now sorts before A's
        compact = image;
        assertThatThrownBy(() -> sync(TODAY, 10).sync(null, "00000002"))
                .isInstanceOf(RefusedAnswerException.class)
                .hasMessageContaining("must be sorted");
        compact = new CompactHotlist.Image(3, CompactHotlist.of(java.util.Map.of(A, "20361231", C, "20361231"), 10))
                .bytes();
        assertThatThrownBy(() -> sync(TODAY, 1).sync(null, "00000002"))
                .isInstanceOf(RefusedAnswerException.class)
                .hasMessageContaining("hotlist_capacity = 1");
        assertThat(journal.lists().hotlistVersion()).isEqualTo("00000000");
        assertThat(journal.lists().hotlistSize()).isZero();
    }

    @Test
    void entriesOfExpiredCards_areDroppedFromTheLocalCopy_asTheDaysPass() throws IOException {
        full = "{\"version\":3,\"since\":null,\"asns\":[\"" + A + "\",\"" + B + "\",\"" + C + "\",\"" + D + "\"],"
                + "\"changes\":[],\"expiries\":{\"" + A + "\":\"20261202\",\"" + B + "\":\"20261203\",\"" + C
                + "\":\"20261204\"}}";
        sync(TODAY, 100).sync(null, "00000002");
        assertThat(journal.lists().hotlist().asns())
                .as("A expired yesterday: no entry; B is valid through today; D's expiry is unknown: kept")
                .containsExactly(B, C, D);

        Clock twoDaysOn = Clock.offset(TODAY, Duration.ofDays(2));
        assertThat(sync(twoDaysOn, 100).purgeExpired()).isEqualTo(2);
        assertThat(journal.lists().hotlist().asns()).containsExactly(D);
        assertThat(journal.lists().hotlistVersion())
                .as("purging keeps the version")
                .isEqualTo("00000003");
        assertThat(sync(twoDaysOn, 100).purgeExpired()).isZero();
    }

    @Test
    void anAnswerBeyondTheCapacity_isRefusedNamingTheLimit_andTheLocalCopyKept() throws IOException {
        full = "{\"version\":3,\"since\":null,\"asns\":[\"" + A + "\",\"" + B + "\"],\"changes\":[]}";
        delta = "{\"version\":4,\"since\":3,\"asns\":[],\"changes\":[" + "{\"version\":4,\"asn\":\"" + C
                + "\",\"type\":\"ADD\"}]}";
        HotlistSync sync = sync(TODAY, 2);
        sync.sync(null, "00000002");
        assertThatThrownBy(() -> sync.sync("00000004", "00000002"))
                .isInstanceOf(RefusedAnswerException.class)
                .hasMessageContaining("hotlist_capacity = 2")
                .hasMessageContaining("stays at version 00000003");
        assertThat(journal.lists().hotlistVersion()).isEqualTo("00000003");
        assertThat(journal.lists().hotlist().asns()).containsExactly(A, B);
        assertThat(journal.lists().hotlisted(C)).isFalse();
    }

    @Test
    void aBadExpiryInTheAnswer_isRefusedWhole() throws IOException {
        full = "{\"version\":3,\"since\":null,\"asns\":[\"" + A + "\"],\"changes\":[]," + "\"expiries\":{\"" + A
                + "\":\"2036-12-31\"}}";
        assertThatThrownBy(() -> sync(TODAY, 10).sync(null, "00000002"))
                .isInstanceOf(RefusedAnswerException.class)
                .hasMessageContaining("expiry_date '2036-12-31'");
        assertThat(journal.lists().hotlistVersion()).isEqualTo("00000000");
        assertThat(journal.lists().hotlistSize()).isZero();
    }

    @Test
    void theCompactCopyIsStored_aRestartedAgentFindsTheSameList() throws IOException {
        java.nio.file.Path dir =
                java.nio.file.Files.createTempDirectory("hotlist-journal").resolve("journal");
        full = "{\"version\":3,\"since\":null,\"asns\":[\"" + B + "\",\"" + A + "\"],\"changes\":[]}";
        Journal onDisk = Journal.open(dir);
        try {
            ServerApi api = new HttpServerApi(
                            "http://127.0.0.1:" + http.getAddress().getPort(), Duration.ofSeconds(2))
                    .authenticatedAs(TERMINAL, Hosts.signedOn(TERMINAL), () -> {});
            new HotlistSync(api, onDisk.lists(), TERMINAL, TODAY, 10).sync(null, "00000002");
        } finally {
            onDisk.close();
        }
        Journal again = Journal.open(dir);
        try {
            assertThat(again.lists().hotlistVersion()).isEqualTo("00000003");
            assertThat(again.lists().hotlist().asns()).containsExactly(A, B);
            assertThat(again.lists().hotlisted(B)).isTrue();
            assertThat(again.lists().hotlisted(C)).isFalse();
        } finally {
            again.close();
        }
    }

    @Test
    void aJournalFromBeforeTheCompactForm_keepsItsHotlistedCards() throws Exception {
        java.nio.file.Path dir =
                java.nio.file.Files.createTempDirectory("hotlist-old-journal").resolve("journal");
        Journal.open(dir).close();
        // as a journal of the previous release: hotlist rows, no image table
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:derby:" + dir.toAbsolutePath());
                java.sql.Statement s = c.createStatement()) {
            s.execute("DROP TABLE hotlist_image");
            s.execute("INSERT INTO hotlist (asn) VALUES ('" + B + "'), ('" + A + "')");
        }
        try {
            java.sql.DriverManager.getConnection("jdbc:derby:" + dir.toAbsolutePath() + ";shutdown=true");
        } catch (java.sql.SQLException shutDown) {
            // Derby answers a shut-down database with an exception
        }
        Journal old = Journal.open(dir);
        try {
            assertThat(old.lists().hotlisted(A)).isTrue();
            assertThat(old.lists().hotlisted(C)).isFalse();
            assertThat(old.lists().hotlist().asns()).containsExactly(A, B);
            assertThat(old.lists().hotlist().expiry(0)).isEqualTo("99991231");
        } finally {
            old.close();
        }
    }
}
