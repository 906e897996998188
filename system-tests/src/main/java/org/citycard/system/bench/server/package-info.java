/**
 * The clearing server's benchmarks as library entry points ({@code ./citycard bench ingest|auth|dayclose}, printing
 * JSON), moved out of the server's main code (issue 13). They drive an embedded server with the server tests'
 * {@code HostCardModel} (the card side of CARD-SPEC §4 computed on the host) and {@code TerminalClient} (a stock jPOS
 * NACChannel with the dictionary's packager), both from the clearing-server test-jar.
 */
package org.citycard.system.bench.server;
