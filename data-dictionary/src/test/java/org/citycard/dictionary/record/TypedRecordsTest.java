package org.citycard.dictionary.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.card.DataItem;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.format.BinaryCodec;
import org.citycard.dictionary.validate.ValidationException;
import org.junit.jupiter.api.Test;

/** The typed records: one name per field (the layout's), round trips, and the cards' answers as apdu.yaml says. */
class TypedRecordsTest {
    private static final Map<Class<? extends Record>, String> LAYOUTS = Map.of(
            OfflineRecord.class, "offline_record",
            PurchaseInitAnswer.class, "purchase_init_answer",
            LoadInitAnswer.class, "load_authorisation_request",
            LoadAuthorisationAnswer.class, "load_authorisation_response",
            LoadCompletionData.class, "load_completion",
            CardLogRecord.class, "card_log_record",
            VersionInfo.class, "version_info",
            OriginalDataElements.class, "original_data_elements");

    @Test
    void everyComponent_isALayoutField_byTheLayoutsName() {
        LAYOUTS.forEach((type, layout) -> {
            List<String> components = Arrays.stream(type.getRecordComponents())
                    .map(RecordComponent::getName)
                    .filter(n -> !n.equals("raw"))
                    .map(TypedRecordsTest::snake)
                    .toList();
            List<String> fields = BinaryCodec.of(layout).fieldNames().stream()
                    .filter(f -> !f.equals("reserved_zeros"))
                    .toList();
            assertThat(components).as(type.getSimpleName()).containsExactlyElementsOf(fields);
        });
    }

    @Test
    void theInitializeAnswers_areTheResponsesOfTheirCommandsInApduYaml() {
        Dictionary dict = Dictionary.standard();
        assertResponse(dict.command("initialize_for_purchase"), "purchase_init_answer");
        assertResponse(dict.command("initialize_for_compound_purchase"), "purchase_init_answer");
        assertResponse(dict.command("initialize_for_load"), "load_authorisation_request");
    }

    private static void assertResponse(CardCommand c, String layout) {
        List<String> elements = c.response().stream().map(DataItem::element).toList();
        List<String> fieldElements = Dictionary.standard().binaryLayout(layout).fields().stream()
                .map(f -> f.element())
                .toList();
        assertThat(fieldElements).as(c.id()).containsExactlyElementsOf(elements);
        assertThat(BinaryCodec.of(layout).size()).as(c.id() + " Le").isEqualTo(Integer.parseInt(c.le(), 16));
    }

    @Test
    void anOfflineRecord_roundTrips_andKeepsTheBytesItWasReadFrom() {
        OfflineRecord r = OfflineRecord.of(
                "06",
                "31000000000000012345",
                5,
                10_000,
                400,
                "123456789012",
                0x102,
                "20261121",
                "083015",
                null,
                1,
                0,
                "0101",
                "WATER-1");
        assertThat(r.tac()).isEqualTo(OfflineRecord.NO_TAC);
        OfflineRecord done = r.withTac("CBFFB952");
        assertThat(done.bytes()).hasSize(OfflineRecord.SIZE).hasSize(66);
        OfflineRecord back = OfflineRecord.decode(done.bytes());
        assertThat(back).isEqualTo(done);
        assertThat(back.offlineSeq()).isEqualTo(5);
        assertThat(back.balanceAfter()).isEqualTo(9_600);
        assertThat(back.payeeReference()).isEqualTo("WATER-1");
        assertThat(Hex.of(back.field("tac"))).isEqualTo("CBFFB952");
        // amount ‖ type ‖ terminal ‖ TTSN ‖ date ‖ time, the CARD-SPEC §4.1 / README example
        assertThat(Hex.of(back.tacInput())).isEqualTo("00000190061234567890120000010220261121083015");

        byte[] nulPadded = done.bytes();
        int payee = OfflineRecord.CODEC.offset("payee_reference");
        Arrays.fill(nulPadded, payee + 7, payee + 20, (byte) 0);
        OfflineRecord read = OfflineRecord.decode(nulPadded);
        assertThat(read.payeeReference()).isEqualTo("WATER-1");
        assertThat(read.bytes()).isEqualTo(nulPadded); // exactly the bytes received, for the TAC and the archive
        assertThat(OfflineRecord.decodeAll(OfflineRecord.join(List.of(done.bytes(), nulPadded))))
                .hasSize(2);
    }

    @Test
    void theCardsAnswers_andTheIsoSubFields_roundTrip() {
        PurchaseInitAnswer p = new PurchaseInitAnswer(10_000, 7, 0, 1, 0, "1A2B3C4D");
        assertThat(PurchaseInitAnswer.decode(p.bytes())).isEqualTo(p);
        assertThat(Hex.of(p.field("offline_seq"))).isEqualTo("0007");
        LoadInitAnswer l = new LoadInitAnswer(20_000, 3, 1, 0, "11223344", "A1B2C3D4");
        assertThat(LoadInitAnswer.decode(l.bytes())).isEqualTo(l);
        assertThat(Hex.of(l.bytes())).isEqualTo("00004E2000030100" + "11223344A1B2C3D4");
        LoadAuthorisationAnswer a = new LoadAuthorisationAnswer("01020304", "20261121", "083015");
        assertThat(LoadAuthorisationAnswer.decode(a.bytes())).isEqualTo(a);
        assertThat(LoadCompletionData.decode(new LoadCompletionData("CBFFB952").bytes())
                        .tac())
                .isEqualTo("CBFFB952");
        CardLogRecord log = new CardLogRecord(9, 0, 350, "06", "310105000001", "20261121", "101500");
        assertThat(CardLogRecord.decode(log.bytes())).isEqualTo(log);
        VersionInfo v = new VersionInfo("00000012", "20261121");
        assertThat(v.text()).isEqualTo("0000001220261121");
        assertThat(VersionInfo.parse(v.text())).isEqualTo(v);
        OriginalDataElements o = OriginalDataElements.of("0100", 42, "20261121", "083015");
        assertThat(o.text())
                .isEqualTo("0100000042" + "1121083015" + "0".repeat(22))
                .hasSize(42);
        assertThat(OriginalDataElements.parse(o.text()).stan()).isEqualTo(42);
        UploadResults u = new UploadResults(List.of("00", "94", "Q1"));
        assertThat(u.text()).isEqualTo("0094Q1");
        assertThat(UploadResults.decode(u.bytes())).isEqualTo(u);
    }

    @Test
    void badSubFields_areRefused_withLayoutFieldValueAndRule() {
        assertThatThrownBy(() -> VersionInfo.parse("00000012"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("version_info")
                .hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> VersionInfo.parse("0000001X20261121"))
                .hasMessageContaining("version_info.hotlist_version")
                .hasMessageContaining("0000001X");
        assertThatThrownBy(() -> OriginalDataElements.parse("0100000042" + "1121256015" + "0".repeat(22)))
                .hasMessageContaining("original_data_elements.original_time")
                .hasMessageContaining("256015")
                .hasMessageContaining("time");
        assertThatThrownBy(() -> LoadInitAnswer.decode(new byte[15]))
                .hasMessageContaining("load_authorisation_request")
                .hasMessageContaining("15 bytes");
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
