package org.citycard.clearing.settlement;

import org.citycard.clearing.support.RequiresPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The day-close suite on a real PostgreSQL server (skipped with the reason when none is installed). */
@RequiresPostgres
class PostgresDayCloseTest extends DayCloseSuite {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        RequiresPostgres.Condition.register(registry);
        // its own data directory: the generated admin password and signing key belong to this database
        registry.add("citycard.data-dir", () -> org.citycard.clearing.support.TestData.DATA_DIR + "-dayclose-pg");
    }
}
