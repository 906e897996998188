/**
 * The whole of CityCard at once: the demo's day in the life of a small city ({@code city}), the command-line
 * entry points ({@code cli}) and the benchmark report ({@code bench}). The one module that depends on every
 * other; it talks to the server, agents and tools over the wire, as a city would.
 */
package org.citycard.system;
