package org.citycard.clearing.settlement;

/** The pain.002 suite on the embedded Derby database. */
class DerbyBankStatusTest extends BankStatusSuite {}
