package org.citycard.clearing.socialsecurity;

/** The exchange-file import on the embedded Derby database. */
class DerbyExchangeImportTest extends ExchangeImportSuite {}
