package org.citycard.clearing.ingest;

/** The identifying fields of an accepted purchase, for duplicate checks. */
public record StoredPurchase(
        long id,
        String asn,
        int offlineSeq,
        String terminalId,
        long ttsn,
        long amount,
        long balanceBefore,
        String date,
        String time,
        String tac) {}
