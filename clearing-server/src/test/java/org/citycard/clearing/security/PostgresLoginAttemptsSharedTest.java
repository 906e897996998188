package org.citycard.clearing.security;

import org.citycard.clearing.support.RequiresPostgres;
import org.citycard.clearing.support.TestData;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Shared lockout counts on a real PostgreSQL server (skipped with the reason when none is installed). */
@RequiresPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgresLoginAttemptsSharedTest extends LoginAttemptsSharedSuite {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        RequiresPostgres.Condition.register(registry);
        registry.add("citycard.data-dir", () -> TestData.DATA_DIR + "-staff-postgres");
    }
}
