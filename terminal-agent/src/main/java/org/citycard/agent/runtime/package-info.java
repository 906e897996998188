/**
 * The agent assembled as a library ({@link org.citycard.agent.runtime.TerminalAgent}): PSAM, journal, host link,
 * server API, tap processor and background uploader; used by the CLI, the pages, the simulator and the benchmark.
 */
package org.citycard.agent.runtime;
