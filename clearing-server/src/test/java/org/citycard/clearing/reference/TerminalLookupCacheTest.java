package org.citycard.clearing.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Random terminal IDs (what anyone reaching the ISO 8583 port can send in field 41) are looked up in a real
 * (in-memory) Derby: the repository's caches stay bounded, and the registered terminal is still served.
 */
class TerminalLookupCacheTest {
    static SingleConnectionDataSource db;
    static JdbcClient jdbc;

    @BeforeAll
    static void database() {
        db = new SingleConnectionDataSource("jdbc:derby:memory:terminal-cache;create=true", true);
        jdbc = JdbcClient.create(db);
        jdbc.sql("CREATE TABLE terminal (terminal_id CHAR(12) NOT NULL PRIMARY KEY, department_code CHAR(4),"
                        + " psam_serial VARCHAR(20), active BOOLEAN NOT NULL, terminal_type CHAR(2))")
                .update();
        jdbc.sql("INSERT INTO terminal VALUES ('100000000001', '0001', '1', TRUE, '01')")
                .update();
    }

    @AfterAll
    static void close() {
        db.destroy();
    }

    @Test
    void randomTerminalIds_leaveTheLookupCacheBounded_andTheRegisteredTerminalServed() {
        ReferenceRepository repository = new ReferenceRepository(jdbc, 100, 1_000);
        SplittableRandom random = new SplittableRandom(8583);
        int largest = 0;
        for (int i = 0; i < 30_000; i++) {
            String id = String.format("%012d", random.nextLong(1_000_000_000_000L));
            assertThat(repository.terminal(id)).isEmpty();
            largest = Math.max(largest, repository.cachedTerminals());
            if (i % 1000 == 0) {
                assertThat(repository.terminal("100000000001")).isPresent();
            }
        }
        assertThat(largest).isLessThanOrEqualTo(1_100);
    }
}
