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

    private static final BinaryCodec HEADER = BinaryCodec.of("hotlist_compact_header");

    /** The length of the header that precedes the entries in the server's answer (layout hotlist_compact_header). */
    public static final int HEADER_SIZE = HEADER.size();

    /** A compact list and the hotlist version it is, as the server sends it to a terminal. */
    public record Image(long version, CompactHotlist list) {
        /** Header (version, entry count) ‖ the entries: what {@code GET /api/v1/terminal/hotlist/compact} answers. */
        public byte[] bytes() {
            byte[] head = HEADER.writer()
                    .put("hotlist_version", String.format("%08d", version))
                    .put("hotlist_entry_count", String.format("%08d", list.size()))
                    .encode();
            byte[] out = Arrays.copyOf(head, head.length + list.data.length);
            System.arraycopy(list.data, 0, out, head.length, list.data.length);
            return out;
        }

        /**
         * Reads an answer, checked: the header's digits, the count equal to the entries that follow, entries sorted
         * and valid, at most {@code capacity}.
         *
         * @throws IllegalArgumentException naming the field, the value and the rule
         * @throws CapacityExceededException when it holds more than {@code capacity} entries
         */
        public static Image parse(byte[] answer, int capacity) {
            if (answer == null || answer.length < HEADER_SIZE) {
                throw new IllegalArgumentException("hotlist image of " + (answer == null ? 0 : answer.length)
                        + " bytes: shorter than its " + HEADER_SIZE + "-byte header (layout hotlist_compact_header)");
            }
            BinaryCodec.Values h = HEADER.decode(Arrays.copyOf(answer, HEADER_SIZE));
            String version = h.string("hotlist_version");
            String count = h.string("hotlist_entry_count");
            if (!version.matches("\\d{8}") || !count.matches("\\d{8}")) {
                throw new IllegalArgumentException("hotlist image header '" + version + count
                        + "': hotlist_version and hotlist_entry_count must be 8 digits each");
            }
            int entries = (answer.length - HEADER_SIZE) / ENTRY;
            if (Integer.parseInt(count) != entries || (answer.length - HEADER_SIZE) % ENTRY != 0) {
                throw new IllegalArgumentException("hotlist image: hotlist_entry_count " + count + " but "
                        + (answer.length - HEADER_SIZE) + " bytes of " + ENTRY + "-byte entries follow");
            }
            if (entries > capacity) {
                throw new CapacityExceededException(capacity, entries);
            }
            return new Image(
                    Long.parseLong(version), fromBytes(Arrays.copyOfRange(answer, HEADER_SIZE, answer.length)));
        }
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
