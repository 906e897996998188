/**
 * The benchmark report: the other modules' benchmarks run one after the other, each figure beside a baseline
 * measured in the same run (a bare jPOS round trip is measured here), as one JSON document.
 */
package org.citycard.system.bench;
