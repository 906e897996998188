/**
 * {@code ./citycard agent}: the picocli command line, a thin layer over the library — readers, run (tap loop,
 * uploader, pages), tap (one transaction), journal (list, retry, export) and simulate.
 */
package org.citycard.agent.cli;
