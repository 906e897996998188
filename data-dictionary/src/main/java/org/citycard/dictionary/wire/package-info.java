/**
 * The wire vocabulary of CityCard: response codes, quarantine reasons, transaction types, processing codes and
 * network management codes, and the terminal types with the REST calls each may make (by the names the
 * terminal-type table's {@code calls} attribute uses), as Java constants. The constants are names only; every code
 * is read from the dictionary's code tables (by the {@code name} attribute), and a parity test holds each enum and
 * its table equal in both directions, so a code added to a table without a constant (or the reverse) fails the
 * build. The agent and the server use these instead of bare strings such as "00", "94" or "06".
 */
package org.citycard.dictionary.wire;
