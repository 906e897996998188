package org.citycard.dictionary.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.validate.ValidationException;
import org.junit.jupiter.api.Test;

class FixedWidthCodecTest {
    private final Dictionary dict = Dictionary.standard();
    private final FixedWidthCodec registry = new FixedWidthCodec(dict, "population_registry");

    private Map<String, String> person(String id, String name) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("citizen_id", id);
        v.put("name", name);
        v.put("sex", "2");
        v.put("birth_date", "19491231");
        v.put("ethnicity", "01");
        v.put("region", "110105");
        v.put("status", "1");
        return v;
    }

    @Test
    void registryLine_roundTrips_withAChineseNameMeasuredInGb18030Bytes() {
        byte[] line = registry.formatBytes("P", person("11010519491231002X", "欧阳娜娜"));
        assertThat(line).hasSize(72); // 71 + \n
        FixedWidthCodec.Line back = registry.parse(1, java.util.Arrays.copyOf(line, 71));
        assertThat(back.get("name")).isEqualTo("欧阳娜娜");
        assertThat(back.get("citizen_id")).isEqualTo("11010519491231002X");
    }

    @Test
    void readFile_keepsGoodLines_andReportsBadOnesByLineAndField() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(registry.formatBytes("P", person("11010519491231002X", "张三")));
        file.write(registry.formatBytes("P", person("110105194912310021", "李四"))); // bad check character
        Map<String, String> badSex = person("11010519491231002X", "王五");
        badSex.put("sex", "7");
        file.write(registry.formatBytes("P", badSex));
        file.write("short line\n".getBytes());
        FixedWidthCodec.ReadResult r = registry.read(file.toByteArray());
        assertThat(r.lines()).hasSize(1);
        assertThat(r.errors()).hasSize(3);
        assertThat(r.errors().get(0).getMessage())
                .contains("line 2 field citizen_id")
                .contains("check character");
        assertThat(r.errors().get(1).getMessage())
                .contains("line 3 field sex '7'")
                .contains("not a code of table sex");
        assertThat(r.errors().get(2).getMessage()).contains("line 4").contains("a line is 71 bytes");
    }

    @Test
    void bankFile_amountsAreZeroPaddedAndConstantsChecked() {
        FixedWidthCodec bank = new FixedWidthCodec(dict, "bank_detail_file");
        Map<String, Object> t = Map.of("record_count", 3, "total_net_amount", 123456, "hash", "A".repeat(64));
        String line = bank.format("T", t);
        assertThat(line).hasSize(300).startsWith("T0000000003000000000000123456AAAA");
        assertThatThrownBy(() ->
                        bank.format("T", Map.of("record_count", "x", "total_net_amount", 1, "hash", "A".repeat(64))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("bank_detail_file.T.record_count 'x'");
        assertThatThrownBy(() -> bank.parse(1, ("X" + " ".repeat(299)).getBytes()))
                .hasMessageContaining("record_type 'X'");
    }
}
