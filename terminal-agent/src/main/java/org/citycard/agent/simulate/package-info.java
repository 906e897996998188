/**
 * Simulated cards and taps against a clearing server ({@link org.citycard.agent.simulate.Simulation}), for
 * {@code agent simulate}, the demo and the benchmarks. Reaches the card simulator by class name at run time.
 */
package org.citycard.agent.simulate;
