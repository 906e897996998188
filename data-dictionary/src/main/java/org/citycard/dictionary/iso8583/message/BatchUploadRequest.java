package org.citycard.dictionary.iso8583.message;

import static org.citycard.dictionary.iso8583.message.Fields.*;

import java.util.List;
import org.citycard.dictionary.record.OfflineRecord;
import org.jpos.iso.ISOMsg;

/**
 * 0320 batch upload of offline records.
 *
 * @param recordCount field 61 as the terminal declares it (the host checks it against the records)
 * @param records field 63: n × offline_record, the bytes the terminal journalled
 */
public record BatchUploadRequest(String stan, String terminalId, String batchNumber, int recordCount, byte[] records)
        implements CityCardMessage {
    public static final String MTI = "0320";

    /** The batch {@code batchNumber} of these records (each an offline_record). */
    public static BatchUploadRequest of(String stan, String terminalId, int batchNumber, List<byte[]> records) {
        return new BatchUploadRequest(
                stan, terminalId, numeric(BATCH_NUMBER, batchNumber), records.size(), OfflineRecord.join(records));
    }

    public static BatchUploadRequest read(ISOMsg m) {
        return new BatchUploadRequest(
                element(m, STAN),
                element(m, TERMINAL_ID),
                element(m, BATCH_NUMBER),
                (int) number(m, RECORD_COUNT),
                bytes(m, RECORDS));
    }

    @Override
    public String mti() {
        return MTI;
    }

    @Override
    public ISOMsg toIso() {
        ISOMsg m = message(MTI);
        set(m, STAN, stan);
        set(m, TERMINAL_ID, terminalId);
        set(m, BATCH_NUMBER, batchNumber);
        set(m, RECORD_COUNT, numeric(RECORD_COUNT, recordCount));
        set(m, RECORDS, records);
        return m;
    }
}
