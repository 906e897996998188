/** Small shared services: the business calendar, identifier blocks, the clock. */
package org.citycard.clearing.support;
