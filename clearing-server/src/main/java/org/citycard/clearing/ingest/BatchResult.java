package org.citycard.clearing.ingest;

/**
 * The answer to a batch: per record, two characters in upload order (00 accepted, 94 duplicate of a record already
 * received, Qn quarantined with reason n).
 *
 * @param repeated true when this batch had been processed before and the answer comes from the stored result
 */
public record BatchResult(
        String results,
        int recordCount,
        int accepted,
        int duplicates,
        int quarantined,
        long acceptedAmount,
        boolean repeated) {

    public String resultOf(int index) {
        return results.substring(2 * index, 2 * index + 2);
    }
}
