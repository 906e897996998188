package org.citycard.clearing.ingest;

import java.security.MessageDigest;
import org.citycard.clearing.crypto.HostKeys;
import org.citycard.dictionary.crypto.CardCrypto;
import org.springframework.stereotype.Component;

/**
 * Verifies a purchase record's TAC with the card's DTK (CARD-SPEC §4.1): {@code TAC = MAC(DTK left ⊕ right,
 * amount ‖ type ‖ terminal ID ‖ TTSN ‖ date ‖ time)}, every input taken byte for byte from the record.
 */
@Component
public class TacVerifier {
    private final HostKeys keys;

    public TacVerifier(HostKeys keys) {
        this.keys = keys;
    }

    /** Why the TAC cannot be checked (key version, algorithm), or null when it can. */
    public String unsupported(OfflineRecord r) {
        if (r.algorithmId() != 0) {
            return String.format("algorithm %02X is not implemented (only 00, 3DES)", r.algorithmId());
        }
        if (r.keyVersion() != keys.keyVersion()) {
            return String.format("key version %02X is not the server's (%02X)", r.keyVersion(), keys.keyVersion());
        }
        return null;
    }

    public boolean verify(OfflineRecord r) {
        byte[] raw = r.raw();
        byte[] expected = CardCrypto.tdes()
                .purchaseTac(
                        keys.dtk(r.asn()),
                        OfflineRecordCodec.slice(raw, "amount"),
                        OfflineRecordCodec.slice(raw, "record_type")[0],
                        OfflineRecordCodec.slice(raw, "terminal_id"),
                        OfflineRecordCodec.slice(raw, "ttsn"),
                        OfflineRecordCodec.slice(raw, "transaction_date"),
                        OfflineRecordCodec.slice(raw, "transaction_time"));
        return MessageDigest.isEqual(expected, OfflineRecordCodec.slice(raw, "tac"));
    }
}
