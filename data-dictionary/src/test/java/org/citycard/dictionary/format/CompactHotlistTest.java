package org.citycard.dictionary.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citycard.dictionary.Dictionary;
import org.junit.jupiter.api.Test;

class CompactHotlistTest {
    private static final String A = "31000000000000000001";
    private static final String B = "31000000000000000002";
    private static final String C = "31000000000000000010";

    private static Map<String, String> entries(String... asnExpiry) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < asnExpiry.length; i += 2) {
            m.put(asnExpiry[i], asnExpiry[i + 1]);
        }
        return m;
    }

    @Test
    void entriesAre14BytesSortedByAsn_asTheDictionaryLayoutSays() {
        assertThat(CompactHotlist.ENTRY).isEqualTo(14);
        assertThat(Dictionary.standard().binaryLayout("hotlist_compact_entry").size())
                .isEqualTo(14);
        CompactHotlist h = CompactHotlist.of(entries(C, "20301231", A, "20291231", B, null), 10);
        assertThat(h.size()).isEqualTo(3);
        assertThat(h.bytes()).hasSize(42);
        assertThat(h.asns()).containsExactly(A, B, C);
        assertThat(h.expiry(1)).isEqualTo(CompactHotlist.NO_EXPIRY);
        byte[] b = h.bytes();
        assertThat(b[0]).isEqualTo((byte) 0x31);
        assertThat(b[9]).isEqualTo((byte) 0x01);
        assertThat(b[10]).isEqualTo((byte) 0x20);
        assertThat(b[11]).isEqualTo((byte) 0x29);
    }

    @Test
    void lookupFindsEveryListedCardAndNoOther() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i += 3) {
            m.put(String.format("3100000000%010d", i), "20301231");
        }
        CompactHotlist h = CompactHotlist.of(m, 1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(h.contains(String.format("3100000000%010d", i)))
                    .as("card %d", i)
                    .isEqualTo(i % 3 == 0);
        }
        assertThat(CompactHotlist.empty().contains(A)).isFalse();
        assertThat(h.contains("99999999999999999999")).isFalse();
        assertThat(h.contains("00000000000000000000")).isFalse();
    }

    @Test
    void deltaAddsAndRemoves_andAddingAListedCardKeepsOneEntry() {
        CompactHotlist h = CompactHotlist.of(entries(A, "20301231", B, "20301231"), 10);
        CompactHotlist next = h.apply(entries(C, "20301231", A, "20311231"), List.of(B), 10);
        assertThat(next.asns()).containsExactly(A, C);
        assertThat(next.expiry(0)).isEqualTo("20311231");
        assertThat(h.asns()).as("immutable").containsExactly(A, B);
    }

    @Test
    void atTheCapacity_aFurtherEntryIsRefusedNamingTheLimit_andNothingChanges() {
        CompactHotlist h = CompactHotlist.of(entries(A, "20301231", B, "20301231"), 2);
        assertThatThrownBy(() -> h.apply(entries(C, "20301231"), List.of(), 2))
                .isInstanceOf(CompactHotlist.CapacityExceededException.class)
                .hasMessageContaining("hotlist_capacity = 2")
                .hasMessageContaining("3 entries");
        assertThat(h.asns()).containsExactly(A, B);
        // a delta that removes as many as it adds fits
        assertThat(h.apply(entries(C, "20301231"), List.of(A), 2).asns()).containsExactly(B, C);
        assertThat(CompactHotlist.CAPACITY)
                .isEqualTo(Dictionary.standard().parameter("hotlist_capacity").asInt());
    }

    @Test
    void purgeDropsCardsPastTheirExpiry_keepsTheExpiryDayAndUnknownExpiry() {
        CompactHotlist h = CompactHotlist.of(entries(A, "20261202", B, "20261203", C, null), 10);
        assertThat(h.purgeExpired("20261203").asns()).containsExactly(B, C);
        assertThat(h.purgeExpired("20261201")).isSameAs(h);
    }

    @Test
    void storedBytesAreChecked() {
        CompactHotlist h = CompactHotlist.of(entries(A, "20301231", B, "20301231"), 10);
        assertThat(CompactHotlist.fromBytes(h.bytes()).asns()).containsExactly(A, B);
        byte[] swapped = new byte[28];
        System.arraycopy(h.bytes(), 14, swapped, 0, 14);
        System.arraycopy(h.bytes(), 0, swapped, 14, 14);
        assertThatThrownBy(() -> CompactHotlist.fromBytes(swapped)).hasMessageContaining("sorted");
        assertThatThrownBy(() -> CompactHotlist.fromBytes(new byte[13])).hasMessageContaining("14-byte");
        assertThatThrownBy(() -> h.apply(entries("31x", "20301231"), List.of(), 10))
                .hasMessageContaining("asn '31x'");
        assertThatThrownBy(() -> h.apply(entries(C, "2030-12-31"), List.of(), 10))
                .hasMessageContaining("expiry_date '2030-12-31'");
    }

    @Test
    void theServersImage_carriesItsVersionAndCount_andIsReadBackChecked() {
        CompactHotlist h = CompactHotlist.of(entries(C, "20301231", A, "20291231"), 10);
        byte[] answer = new CompactHotlist.Image(42, h).bytes();
        assertThat(answer).hasSize(CompactHotlist.HEADER_SIZE + 28);
        assertThat(new String(answer, 0, 16, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("0000004200000002");
        CompactHotlist.Image read = CompactHotlist.Image.parse(answer, 10);
        assertThat(read.version()).isEqualTo(42);
        assertThat(read.list().asns()).containsExactly(A, C);

        byte[] cut = java.util.Arrays.copyOf(answer, answer.length - CompactHotlist.ENTRY);
        assertThatThrownBy(() -> CompactHotlist.Image.parse(cut, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hotlist_entry_count 00000002");
        assertThatThrownBy(() -> CompactHotlist.Image.parse(answer, 1))
                .isInstanceOf(CompactHotlist.CapacityExceededException.class);
        byte[] swapped = answer.clone(); // the second entry's ASN made smaller than the first's: unsorted
        swapped[16 + CompactHotlist.ENTRY + 9] = 0x00;
        assertThatThrownBy(() -> CompactHotlist.Image.parse(swapped, 10)).hasMessageContaining("must be sorted");
        assertThatThrownBy(() -> CompactHotlist.Image.parse(new byte[5], 10))
                .hasMessageContaining("shorter than its 16-byte header");
    }
}
