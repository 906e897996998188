package org.citycard.clearing.ingest;

import org.citycard.clearing.support.RequiresPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ingest suite on a real PostgreSQL server (skipped with the reason when none is installed). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@RequiresPostgres
class PostgresIngestTest extends IngestSuite {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        RequiresPostgres.Condition.register(registry);
    }
}
