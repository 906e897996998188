package org.citycard.clearing.iso;

import java.nio.charset.StandardCharsets;
import org.citycard.clearing.ingest.BatchUpload;
import org.citycard.clearing.ingest.CardLocks;
import org.citycard.clearing.ingest.IngestService;
import org.citycard.clearing.reference.Terminal;
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
        return "0320";
    }

    @Override
    public IsoReply handle(ISOMsg m, Terminal terminal) throws BadFieldException {
        BatchUpload batch = new BatchUpload(
                terminal.terminalId(),
                IsoFields.digits(m, 60, 6),
                IsoFields.digits(m, 11, 6),
                (int) IsoFields.number(m, 61),
                IsoFields.bytes(m, 63, -1));
        IngestService.Outcome outcome = cards.on(CardLocks.asnsOf(batch.records()), () -> ingest.ingest(batch));
        if (outcome instanceof IngestService.Outcome.Malformed bad) {
            throw new BadFieldException(63, bad.reason());
        }
        if (outcome instanceof IngestService.Outcome.NumberReused) {
            return IsoReply.of(ResponseCode.DUPLICATE);
        }
        String results = ((IngestService.Outcome.Done) outcome).result().results();
        return IsoReply.of(ResponseCode.APPROVED).with(63, results.getBytes(StandardCharsets.US_ASCII));
    }
}
