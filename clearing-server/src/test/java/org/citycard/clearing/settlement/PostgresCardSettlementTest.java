package org.citycard.clearing.settlement;

import org.citycard.clearing.support.RequiresPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Refunds and balance moves on a real PostgreSQL server (skipped with the reason when none is installed). */
@RequiresPostgres
class PostgresCardSettlementTest extends CardSettlementSuite {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        RequiresPostgres.Condition.register(registry);
    }
}
