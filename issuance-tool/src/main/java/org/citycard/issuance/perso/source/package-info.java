/**
 * Where a production run's cards come from: a reader the operator puts cards into, or blank simulated cards
 * (module card-os-applets, reached by class name at run time) fed into a simulated reader. Both work through
 * card-link's reader slots; neither imports {@code javax.smartcardio}.
 */
package org.citycard.issuance.perso.source;
