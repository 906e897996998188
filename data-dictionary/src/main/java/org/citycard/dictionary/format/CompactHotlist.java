package org.citycard.dictionary.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Bcd;

/**
 * The terminal hotlist in its compact form (layout {@code hotlist_compact_entry}): entries of ASN (10 bytes BCD) ‖
 * card expiry date (4 bytes BCD, {@value #NO_EXPIRY} when the server does not know it) back to back, sorted
 * ascending by ASN, no duplicates, at most {@code hotlist_capacity} entries. A tap's lookup is a binary search over
 * the bytes (no allocation beyond the ASN's 10 bytes). Immutable: a change gives a new list.
 */
public final class CompactHotlist {
    /** The expiry written for a card whose expiry the server does not know: never purged. */
    public static final String NO_EXPIRY = "99991231";

    private static final BinaryLayout LAYOUT = Dictionary.standard().binaryLayout("hotlist_compact_entry");
    public static final int ENTRY = LAYOUT.size();
    private static final int ASN_AT = LAYOUT.offset("asn");
    private static final int ASN = LAYOUT.length("asn");
    private static final int EXPIRY_AT = LAYOUT.offset("expiry_date");
    private static final int EXPIRY = LAYOUT.length("expiry_date");
    /** The dictionary's capacity (parameter {@code hotlist_capacity}). */
    public static final int CAPACITY =
            Dictionary.standard().parameter("hotlist_capacity").asInt();

    private static final CompactHotlist EMPTY = new CompactHotlist(new byte[0]);

    private final byte[] data;

    private CompactHotlist(byte[] data) {
        this.data = data;
    }

    public static CompactHotlist empty() {
        return EMPTY;
    }

    /** A list more entries than its capacity would make; nothing is changed. */
    public static final class CapacityExceededException extends IllegalStateException {
        private final int capacity;
        private final int wanted;

        CapacityExceededException(int capacity, int wanted) {
            super("the hotlist would hold " + wanted + " entries, more than its capacity hotlist_capacity = "
                    + capacity);
            this.capacity = capacity;
            this.wanted = wanted;
        }

        public int capacity() {
            return capacity;
        }

        public int wanted() {
            return wanted;
        }
    }

    /** The list of these cards (ASN → expiry YYYYMMDD, or null when unknown). */
    public static CompactHotlist of(Map<String, String> asnToExpiry, int capacity) {
        return EMPTY.apply(asnToExpiry, List.of(), capacity);
    }

    /**
     * The bytes of a stored list, checked: a whole number of entries, sorted strictly by ASN, valid BCD.
     *
     * @throws IllegalArgumentException naming the entry that breaks the rule
     */
    public static CompactHotlist fromBytes(byte[] bytes) {
        if (bytes.length % ENTRY != 0) {
            throw new IllegalArgumentException("hotlist image of " + bytes.length + " bytes: not a whole number of "
                    + ENTRY + "-byte entries (layout hotlist_compact_entry)");
        }
        byte[] d = bytes.clone();
        CompactHotlist h = new CompactHotlist(d);
        for (int i = 0; i < h.size(); i++) {
            h.asn(i); // decodes: refuses non-BCD
            h.expiry(i);
            if (i > 0 && compare(d, (i - 1) * ENTRY, d, i * ENTRY) >= 0) {
                throw new IllegalArgumentException("hotlist image entry " + i + " (" + h.asn(i)
                        + ") is not after entry " + (i - 1) + " (" + h.asn(i - 1) + "): the entries must be sorted"
                        + " by ASN without duplicates");
            }
        }
        return h;
    }

    public int size() {
        return data.length / ENTRY;
    }

    /** The stored form: {@link #size()} × {@link #ENTRY} bytes. */
    public byte[] bytes() {
        return data.clone();
    }

    public String asn(int i) {
        return Bcd.decode("asn", data, i * ENTRY + ASN_AT, ASN);
    }

    public String expiry(int i) {
        return Bcd.decode("expiry_date", data, i * ENTRY + EXPIRY_AT, EXPIRY);
    }

    public List<String> asns() {
        List<String> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(asn(i));
        }
        return out;
    }

    /** Whether the card is listed: a binary search over the sorted entries. */
    public boolean contains(String asn) {
        return indexOf(Bcd.encode("asn", asn, ASN)) >= 0;
    }

    private int indexOf(byte[] key) {
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(data, mid * ENTRY + ASN_AT, key, 0);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    private static int compare(byte[] a, int at, byte[] b, int bt) {
        return Arrays.compareUnsigned(a, at, at + ASN, b, bt, bt + ASN);
    }

    /**
     * This list with {@code removed} taken off and {@code added} put on (an added card already listed gets the
     * given expiry).
     *
     * @throws CapacityExceededException when the result would exceed {@code capacity}; nothing changes
     */
    public CompactHotlist apply(Map<String, String> added, Collection<String> removed, int capacity) {
        TreeMap<String, String> all = new TreeMap<>();
        for (int i = 0; i < size(); i++) {
            all.put(asn(i), expiry(i));
        }
        for (String asn : removed) {
            all.remove(checkedAsn(asn));
        }
        for (Map.Entry<String, String> e : added.entrySet()) {
            String expiry = e.getValue() == null || e.getValue().isBlank() ? NO_EXPIRY : e.getValue();
            if (!expiry.matches("\\d{8}")) {
                throw new IllegalArgumentException(
                        "expiry_date '" + expiry + "' of hotlist entry " + e.getKey() + ": not a date YYYYMMDD");
            }
            all.put(checkedAsn(e.getKey()), expiry);
        }
        if (all.size() > capacity) {
            throw new CapacityExceededException(capacity, all.size());
        }
        return build(all);
    }

    /** This list without the entries of cards expired before {@code today} (YYYYMMDD; valid through expiry). */
    public CompactHotlist purgeExpired(String today) {
        TreeMap<String, String> kept = new TreeMap<>();
        for (int i = 0; i < size(); i++) {
            if (expiry(i).compareTo(today) >= 0) {
                kept.put(asn(i), expiry(i));
            }
        }
        return kept.size() == size() ? this : build(kept);
    }

    private static String checkedAsn(String asn) {
        if (asn == null || !asn.matches("\\d{20}")) {
            throw new IllegalArgumentException("asn '" + asn + "' of a hotlist entry: not 20 digits");
        }
        return asn;
    }

    /** Digit strings of equal length sort as their BCD bytes do. */
    private static CompactHotlist build(TreeMap<String, String> sorted) {
        byte[] d = new byte[sorted.size() * ENTRY];
        int i = 0;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            System.arraycopy(Bcd.encode("asn", e.getKey(), ASN), 0, d, i * ENTRY + ASN_AT, ASN);
            System.arraycopy(Bcd.encode("expiry_date", e.getValue(), EXPIRY), 0, d, i * ENTRY + EXPIRY_AT, EXPIRY);
            i++;
        }
        return new CompactHotlist(d);
    }
}
