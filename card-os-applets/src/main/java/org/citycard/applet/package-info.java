/**
 * The CityCard card library (Java Card library package, AID {@code F043434C4942}, no applets): what the three
 * applet packages share — {@link org.citycard.applet.CityCardApplet} (life cycle, personalisation, dispatch
 * preamble), the file system ({@link org.citycard.applet.FileSystem} and the
 * {@link org.citycard.applet.ElementaryFile} hierarchy), {@link org.citycard.applet.SecureChannel},
 * {@link org.citycard.applet.CryptoEngine}, {@link org.citycard.applet.PinStore}, {@link org.citycard.applet.Apdus}
 * and {@link org.citycard.applet.ByteMath}. Its objects belong to the applet that creates them, so a file or a key
 * of the purse is never reachable from the SSSE's context. A library package may hold no initialised static arrays:
 * the dictionary's AIDs and tables come from each applet package's own generated {@code CardConstants} (the copy in
 * this package is for host code; the library uses only its scalar constants, which javac inlines). Everything here
 * is card code in the Java Card subset, checked by {@code SubsetCheckTest} and converted and verified by the kit's
 * tools in the CAP build (README).
 */
package org.citycard.applet;
