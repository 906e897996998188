/** The command lines of {@code ./citycard demo} and {@code ./citycard bench}: thin picocli layers over the library. */
package org.citycard.system.cli;
