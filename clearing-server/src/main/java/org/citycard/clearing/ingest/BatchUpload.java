package org.citycard.clearing.ingest;

/**
 * A 0320 batch: the uploading terminal, its batch number (field 60), STAN, the record count it declares (61) and
 * the records (63, n × 66 bytes).
 */
public record BatchUpload(String terminalId, String batchNumber, String stan, int declaredCount, byte[] records) {}
