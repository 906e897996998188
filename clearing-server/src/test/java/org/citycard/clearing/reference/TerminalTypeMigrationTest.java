package org.citycard.clearing.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.stream.Collectors;
import org.citycard.clearing.support.PostgresCluster;
import org.citycard.clearing.support.TestData;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Migration V3_21 on both databases: the terminals registered before the terminal type existed get one by their
 * department's category (card centre 99 and government counters 09: counters, which may do all they did; every
 * other department: department terminals), and a terminal registered afterwards keeps the type it was given.
 */
class TerminalTypeMigrationTest {
    private static final String BEFORE = "3.18";

    @Test
    void derby() {
        String url = "jdbc:derby:memory:terminal-type-migration-" + TestData.unique() + ";create=true";
        migrateAndCheck(url, "", "", null);
    }

    @Test
    void postgres() {
        assumeTrue(PostgresCluster.get().isPresent(), () -> "SKIPPED: " + PostgresCluster.unavailableReason());
        PostgresCluster pg = PostgresCluster.get().orElseThrow();
        migrateAndCheck(pg.url(), pg.user(), pg.password(), "terminal_type_migration_" + TestData.unique());
    }

    private static void migrateAndCheck(String url, String user, String password, String schema) {
        SingleConnectionDataSource db = new SingleConnectionDataSource(url, user, password, true);
        try {
            var config = Flyway.configure().dataSource(db).locations("classpath:db/migration/common");
            if (schema != null) {
                config = config.schemas(schema).createSchemas(true);
            }
            config.target(BEFORE).load().migrate();
            JdbcClient jdbc = JdbcClient.create(db);
            String q = schema == null ? "" : schema + ".";
            department(jdbc, q, "9901", "99");
            department(jdbc, q, "0901", "09");
            department(jdbc, q, "0101", "01");
            department(jdbc, q, "0501", "05");
            terminal(jdbc, q, "310100000001", "9901");
            terminal(jdbc, q, "310100000002", "0901");
            terminal(jdbc, q, "310100000003", "0101");
            terminal(jdbc, q, "310100000004", "0501");

            Flyway.configure()
                    .dataSource(db)
                    .locations("classpath:db/migration/common")
                    .schemas(schema == null ? new String[0] : new String[] {schema})
                    .load()
                    .migrate();

            Map<String, String> types = jdbc
                    .sql("SELECT terminal_id, terminal_type FROM " + q + "terminal")
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .list()
                    .stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(types)
                    .containsEntry("310100000001", "01")
                    .containsEntry("310100000002", "01")
                    .containsEntry("310100000003", "04")
                    .containsEntry("310100000004", "04");

            jdbc.sql("INSERT INTO " + q + "terminal (terminal_id, department_code, psam_serial, active, terminal_type,"
                            + " created_at, updated_at) VALUES ('310100000005', '9901', '5', TRUE, '03',"
                            + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                    .update();
            assertThat(jdbc.sql("SELECT terminal_type FROM " + q + "terminal WHERE terminal_id = '310100000005'")
                            .query(String.class)
                            .single())
                    .isEqualTo("03");
        } finally {
            db.destroy();
        }
    }

    private static void department(JdbcClient jdbc, String q, String code, String category) {
        jdbc.sql("INSERT INTO " + q + "department (code, name, category, bank_code, account_number, account_name,"
                        + " fee_rate_bp, created_at, updated_at) VALUES (?, ?, ?, '102100099996', '6222020200112233',"
                        + " ?, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .params(code, "部门" + code, category, "部门" + code)
                .update();
    }

    private static void terminal(JdbcClient jdbc, String q, String id, String department) {
        jdbc.sql("INSERT INTO " + q + "terminal (terminal_id, department_code, psam_serial, active, created_at,"
                        + " updated_at) VALUES (?, ?, ?, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .params(id, department, id)
                .update();
    }
}
