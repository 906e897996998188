package org.citycard.clearing.ingest;

import java.util.EnumMap;
import org.citycard.dictionary.record.OfflineRecord;

/** One record of a batch on its way through the ingest steps: its position and what the steps found so far. */
public final class RecordContext {
    private final int index;
    private final EnumMap<RecordKey, Object> values = new EnumMap<>(RecordKey.class);

    RecordContext(int index) {
        this.index = index;
    }

    /** The record's position in the batch (its answer's position in field 63 of the 0330). */
    public int index() {
        return index;
    }

    RecordContext put(RecordKey key, Object value) {
        values.put(key, value);
        return this;
    }

    public boolean has(RecordKey key) {
        return values.containsKey(key);
    }

    /** The decoded record; null for one that could not be decoded. */
    public OfflineRecord record() {
        return (OfflineRecord) values.get(RecordKey.RECORD);
    }

    public byte[] raw() {
        return (byte[]) values.get(RecordKey.RAW);
    }

    public CardChain chain() {
        return require(RecordKey.CHAIN, CardChain.class);
    }

    public CardChain.Placement placement() {
        return require(RecordKey.PLACEMENT, CardChain.Placement.class);
    }

    private <T> T require(RecordKey key, Class<T> type) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("record " + index + " has no " + key + ": a step before this one sets it");
        }
        return type.cast(v);
    }
}
