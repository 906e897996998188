/**
 * The binary records of the system as typed Java records, each decoded and encoded by the
 * {@link org.citycard.dictionary.format.BinaryCodec} of its layout in {@code formats.yaml}: the offline record
 * of the 0320 upload, the cards' answers to INITIALIZE FOR PURCHASE and INITIALIZE FOR LOAD, the card log
 * record, and the ISO 8583 sub-fields (48, 62, 63, 90). No offset or length is written here: each component is
 * a field of its layout, named as the layout names it (a test holds the names equal), so {@code offline_seq} is
 * {@code offlineSeq} everywhere and a date is {@code transactionDate}. A terminal, the clearing server, the
 * issuance tool and the simulators read and write these bytes only through these types.
 */
package org.citycard.dictionary.record;
