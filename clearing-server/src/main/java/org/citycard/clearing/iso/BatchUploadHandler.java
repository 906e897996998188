package org.citycard.clearing.iso;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.citycard.clearing.ingest.BatchUpload;
import org.citycard.clearing.ingest.CardLocks;
import org.citycard.clearing.ingest.IngestService;
import org.citycard.clearing.reference.Terminal;
import org.citycard.dictionary.iso8583.message.BatchUploadAnswer;
import org.citycard.dictionary.iso8583.message.BatchUploadRequest;
import org.citycard.dictionary.iso8583.message.CityCardMessage;
import org.citycard.dictionary.iso8583.message.MessageFieldException;
import org.citycard.dictionary.record.UploadResults;
import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOMsg;
import org.springframework.stereotype.Component;

/**
 * 0320 → 0330: a batch of offline records. The answer is sent only after the batch is committed; field 63 holds
 * two characters per record (00, 94 or a quarantine reason).
 */
@Component
class BatchUploadHandler implements IsoMessageHandler {
    private final IngestService ingest;
    private final CardLocks cards;

    BatchUploadHandler(IngestService ingest, CardLocks cards) {
        this.ingest = ingest;
        this.cards = cards;
    }

    @Override
    public String mti() {
        return BatchUploadRequest.MTI;
    }

    @Override
    public CityCardMessage handle(ISOMsg m, Terminal terminal) {
        BatchUploadRequest request = BatchUploadRequest.read(m);
        BatchUpload batch = new BatchUpload(
                terminal.terminalId(), request.batchNumber(), request.stan(), request.recordCount(), request.records());
        IngestService.Outcome outcome = cards.on(CardLocks.asnsOf(batch.records()), () -> ingest.ingest(batch));
        if (outcome instanceof IngestService.Outcome.Malformed bad) {
            throw new MessageFieldException(63, bad.reason());
        }
        if (outcome instanceof IngestService.Outcome.NumberReused) {
            return BatchUploadAnswer.answering(request, ResponseCode.DUPLICATE, new UploadResults(List.of()));
        }
        String results = ((IngestService.Outcome.Done) outcome).result().results();
        return BatchUploadAnswer.answering(
                request, ResponseCode.APPROVED, UploadResults.decode(results.getBytes(StandardCharsets.US_ASCII)));
    }
}
