package org.citycard.dictionary.iso8583.message;

import org.jpos.iso.ISOMsg;

/** One CityCard ISO 8583 message: its MTI and its fields as an {@code ISOMsg} (no packager, no MAC yet). */
public sealed interface CityCardMessage
        permits NetworkRequest,
                NetworkAnswer,
                LoadAuthorisationRequest,
                LoadAuthorisationResponse,
                LoadCompletionAdvice,
                LoadCompletionAnswer,
                LoadReversal,
                LoadReversalAnswer,
                BatchUploadRequest,
                BatchUploadAnswer,
                ReconciliationRequest,
                ReconciliationAnswer {
    String mti();

    /** The message's fields, to be signed and packed with the dictionary's packager. */
    ISOMsg toIso();
}
