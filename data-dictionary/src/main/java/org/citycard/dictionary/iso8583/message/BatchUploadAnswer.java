package org.citycard.dictionary.iso8583.message;

import static org.citycard.dictionary.iso8583.message.Fields.*;

import java.util.List;
import org.citycard.dictionary.record.UploadResults;
import org.citycard.dictionary.validate.ValidationException;
import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOMsg;

/**
 * 0330 batch upload answer.
 *
 * @param results field 63: one result per record in order; empty when the batch was not stored
 */
public record BatchUploadAnswer(
        String stan, String terminalId, String batchNumber, int recordCount, String responseCode, UploadResults results)
        implements CityCardMessage {
    public static final String MTI = "0330";

    public static BatchUploadAnswer answering(BatchUploadRequest request, ResponseCode code, UploadResults results) {
        return new BatchUploadAnswer(
                request.stan(),
                request.terminalId(),
                request.batchNumber(),
                request.recordCount(),
                code.code(),
                results);
    }

    public static BatchUploadAnswer read(ISOMsg m) {
        byte[] f63 = m.getBytes(RECORDS);
        UploadResults results;
        try {
            results = f63 == null || f63.length == 0 ? new UploadResults(List.of()) : UploadResults.decode(f63);
        } catch (ValidationException e) {
            throw new MessageFieldException(RECORDS, e.getMessage());
        }
        return new BatchUploadAnswer(
                m.getString(STAN),
                m.getString(TERMINAL_ID),
                m.getString(BATCH_NUMBER),
                (int) numberOrZero(m, RECORD_COUNT),
                m.getString(RESPONSE_CODE),
                results);
    }

    public boolean stored() {
        return ResponseCode.APPROVED.code().equals(responseCode);
    }

    @Override
    public String mti() {
        return MTI;
    }

    @Override
    public ISOMsg toIso() {
        ISOMsg m = message(MTI);
        set(m, STAN, stan);
        set(m, RESPONSE_CODE, responseCode);
        set(m, TERMINAL_ID, terminalId);
        set(m, BATCH_NUMBER, batchNumber);
        set(m, RECORD_COUNT, numeric(RECORD_COUNT, recordCount));
        set(m, RECORDS, results == null || results.results().isEmpty() ? null : results.bytes());
        return m;
    }
}
