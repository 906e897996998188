/** The agent benchmark: purchases per second and the agent's overhead per tap over the raw 5-APDU exchange. */
package org.citycard.agent.bench;
