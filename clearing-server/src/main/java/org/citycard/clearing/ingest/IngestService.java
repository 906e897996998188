package org.citycard.clearing.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.citycard.clearing.support.DayGate;
import org.citycard.clearing.support.TransactionRetry;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.record.OfflineRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Ingest of uploaded batches (ISO 8583 0320). Idempotent by (terminal, batch number): a batch seen before is
 * answered from its stored result, a different batch under a used number is refused. A batch is processed in one
 * transaction, retried when a concurrent batch moved one of its cards first.
 */
@Service
public class IngestService {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    /** At most this many records fit field 63 (LLLL binary, 9999 bytes). */
    public static final int MAX_RECORDS = 9999 / OfflineRecord.SIZE;

    private final BatchProcessor processor;
    private final TransactionRetry retry;
    private final DayGate gate;

    public IngestService(BatchProcessor processor, TransactionRetry retry, DayGate gate) {
        this.processor = processor;
        this.retry = retry;
        this.gate = gate;
    }

    /** What became of a batch. */
    public sealed interface Outcome {
        /** Processed now or before; the per-record answer. */
        record Done(BatchResult result) implements Outcome {}

        /** The batch breaks a rule of the message (count, size); nothing was stored. */
        record Malformed(String reason) implements Outcome {}

        /** The batch number was used by a batch with other content; nothing was stored. */
        record NumberReused(String reason) implements Outcome {}
    }

    public Outcome ingest(BatchUpload batch) {
        byte[] data = batch.records();
        if (data.length == 0 || data.length % OfflineRecord.SIZE != 0) {
            return new Outcome.Malformed("field 63 holds " + data.length + " bytes, not a whole number of "
                    + OfflineRecord.SIZE + "-byte records");
        }
        int n = data.length / OfflineRecord.SIZE;
        if (n != batch.declaredCount()) {
            return new Outcome.Malformed(
                    "field 61 declares " + batch.declaredCount() + " records, field 63 holds " + n);
        }
        if (n > MAX_RECORDS) {
            return new Outcome.Malformed("at most " + MAX_RECORDS + " records per batch, this one has " + n);
        }
        String digest = digest(batch);
        Optional<BatchRepository.Stored> before = processor.stored(batch.terminalId(), batch.batchNumber());
        if (before.isPresent()) {
            return repeated(batch, digest, before.get());
        }
        // the day gate: a day close waits for this batch, or this batch for the close, never both at once
        BatchResult result = gate.booking(() -> retry.run(
                "batch " + batch.terminalId() + "/" + batch.batchNumber(), () -> processor.process(batch, digest)));
        if (result.repeated()) {
            return repeated(
                    batch,
                    digest,
                    processor.stored(batch.terminalId(), batch.batchNumber()).orElseThrow());
        }
        log.info(
                "batch {}/{}: {} records, {} accepted, {} duplicate, {} quarantined",
                batch.terminalId(),
                batch.batchNumber(),
                result.recordCount(),
                result.accepted(),
                result.duplicates(),
                result.quarantined());
        return new Outcome.Done(result);
    }

    private static Outcome repeated(BatchUpload batch, String digest, BatchRepository.Stored stored) {
        if (!stored.digest().equals(digest)) {
            log.warn(
                    "batch {}/{} repeated with other content: refused, nothing changed",
                    batch.terminalId(),
                    batch.batchNumber());
            return new Outcome.NumberReused("batch " + batch.batchNumber() + " of terminal " + batch.terminalId()
                    + " was received before with other records");
        }
        log.info("batch {}/{} repeated: answered from the stored result", batch.terminalId(), batch.batchNumber());
        return new Outcome.Done(stored.result());
    }

    static String digest(BatchUpload batch) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(Integer.toString(batch.declaredCount()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            md.update((byte) 0);
            md.update(batch.records());
            return Hex.of(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
