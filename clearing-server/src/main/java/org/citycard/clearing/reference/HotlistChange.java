package org.citycard.clearing.reference;

/** One change of the hotlist, for agents that fetch the changes since the version they hold. */
public record HotlistChange(long version, String asn, Type type) {
    public enum Type {
        ADD,
        REMOVE
    }
}
