/**
 * The social-security application (Java Card package AID {@code 7378312E7300}, applet
 * {@code 7378312E73682EC9E7BBE1B1A3D5CF}): EF05, EF06 and EF07. Imports the library and, for the cardholder PIN, the
 * purse package's export file ({@code CardholderServices}); it is loaded after both.
 */
package org.citycard.applet.ssse;
