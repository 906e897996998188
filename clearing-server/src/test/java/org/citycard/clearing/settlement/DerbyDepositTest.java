package org.citycard.clearing.settlement;

/** Card deposits on the embedded Derby database. */
class DerbyDepositTest extends DepositSuite {}
