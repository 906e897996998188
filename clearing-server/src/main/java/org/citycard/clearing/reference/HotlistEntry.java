package org.citycard.clearing.reference;

import java.time.Instant;

/** A hotlisted card: records it makes from {@code listedAt} on are quarantined; loads are refused. */
public record HotlistEntry(String asn, String reason, Instant listedAt, long version) {}
