package org.citycard.clearing.ingest;

import org.springframework.boot.test.context.SpringBootTest;

/** The ingest suite on the embedded Derby database (full context, durable commits). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DerbyIngestTest extends IngestSuite {}
