/**
 * The CAP build run by {@code mvn verify} after the tests ({@link org.citycard.applet.capbuild.CapBuild}): Oracle's
 * Java Card kit tools convert and verify each card package; build tooling, not card code.
 */
package org.citycard.applet.capbuild;
