package org.citycard.clearing.settlement;

/** Refunds and balance moves on the embedded Derby database. */
class DerbyCardSettlementTest extends CardSettlementSuite {}
