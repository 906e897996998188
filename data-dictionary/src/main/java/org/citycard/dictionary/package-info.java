/**
 * The CityCard data dictionary, the one contract every module reads: data elements, code tables, card files and
 * APDUs, record, ISO 8583 and bank file formats, and keys, loaded from the YAML definition files and checked as a
 * whole before anything may use them ({@link org.citycard.dictionary.Dictionary#standard()}). A definition that
 * breaks a rule is refused with every problem named at once (file, entry, rule), never half loaded.
 */
package org.citycard.dictionary;
