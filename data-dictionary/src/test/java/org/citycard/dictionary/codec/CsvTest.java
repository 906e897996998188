package org.citycard.dictionary.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void plainFields_stayAsTheyAre_andSpecialOnesAreQuoted() {
        assertThat(Csv.field("WATER-2026-11")).isEqualTo("WATER-2026-11");
        assertThat(Csv.field(null)).isEmpty();
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void aFieldASpreadsheetWouldRun_isWrittenAsText() {
        assertThat(Csv.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        for (String f : List.of("+1+2", "-2+3", "@SUM(A1)", "\tx")) {
            assertThat(Csv.field(f)).startsWith("\"'").endsWith("\"");
        }
        assertThat(Csv.line(Arrays.asList("record", "=1+2", null, "x,y"))).isEqualTo("record,\"'=1+2\",,\"x,y\"");
    }
}
