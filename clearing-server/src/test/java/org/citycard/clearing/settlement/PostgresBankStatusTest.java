package org.citycard.clearing.settlement;

import org.citycard.clearing.support.RequiresPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The pain.002 suite on a real PostgreSQL server (skipped with the reason when none is installed). */
@RequiresPostgres
class PostgresBankStatusTest extends BankStatusSuite {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        RequiresPostgres.Condition.register(registry);
    }
}
