/** The command line ({@code ./citycard server}): a thin picocli layer that starts the Spring application. */
package org.citycard.clearing.cli;
