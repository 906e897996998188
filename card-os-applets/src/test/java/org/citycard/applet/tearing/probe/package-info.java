/** A probe applet, in card style, whose commands exercise each rule of the tearing runtime's memory model. */
package org.citycard.applet.tearing.probe;
