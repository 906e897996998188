package org.citycard.clearing.settlement;

import org.citycard.clearing.support.RequiresPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Card deposits on a real PostgreSQL server (skipped with the reason when none is installed). */
@RequiresPostgres
class PostgresDepositTest extends DepositSuite {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        RequiresPostgres.Condition.register(registry);
    }
}
