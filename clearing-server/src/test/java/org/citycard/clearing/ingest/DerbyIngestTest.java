package org.citycard.clearing.ingest;

import org.citycard.clearing.support.DerbyTestProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ingest suite on the embedded Derby database (full context, durable commits). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DerbyIngestTest extends IngestSuite {
    @DynamicPropertySource
    static void derby(DynamicPropertyRegistry registry) {
        DerbyTestProperties.register(registry);
    }
}
