package org.citycard.clearing.settlement;

/** The day-close suite on the embedded Derby database. */
class DerbyDayCloseTest extends DayCloseSuite {}
