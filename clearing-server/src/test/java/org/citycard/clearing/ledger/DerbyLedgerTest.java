package org.citycard.clearing.ledger;

import org.springframework.boot.test.context.SpringBootTest;

/** The ledger suite on the embedded Derby database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DerbyLedgerTest extends LedgerSuite {}
