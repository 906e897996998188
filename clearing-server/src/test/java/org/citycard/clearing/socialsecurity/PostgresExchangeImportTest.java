package org.citycard.clearing.socialsecurity;

import org.citycard.clearing.support.RequiresPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The exchange-file import on a real PostgreSQL server (skipped with the reason when none is installed). */
@RequiresPostgres
class PostgresExchangeImportTest extends ExchangeImportSuite {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        RequiresPostgres.Condition.register(registry);
    }
}
