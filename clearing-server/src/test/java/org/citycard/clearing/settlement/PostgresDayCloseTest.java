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
    }
}
