package org.citycard.dictionary.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.dictionary.Code;
import org.citycard.dictionary.Dictionary;
import org.junit.jupiter.api.Test;

/** An algorithm's code and label: what records and registries store, what people read. */
class AlgorithmTest {

    @Test
    void code_isTheIdAsTwoUpperCaseHexDigits_andParsesBack() {
        assertThat(Algorithm.TDES.code()).isEqualTo("00");
        assertThat(Algorithm.SM4.code()).isEqualTo("04");
        for (Algorithm a : Algorithm.values()) {
            assertThat(Algorithm.parse("algorithm", a.code())).isSameAs(a);
            assertThat(Integer.parseInt(a.code(), 16)).isEqualTo(a.id() & 0xFF);
        }
    }

    @Test
    void code_isTheDictionarysAlgorithmCode_ofTheSameName() {
        for (Algorithm a : Algorithm.values()) {
            Code c = Dictionary.standard().codeTable("algorithm").find(a.code()).orElseThrow();
            assertThat(c.attrs()).containsEntry("name", a.name());
        }
    }

    @Test
    void label_is3desOrSm4_andParsesBack() {
        assertThat(Algorithm.TDES.label()).isEqualTo("3DES");
        assertThat(Algorithm.SM4.label()).isEqualTo("SM4");
        for (Algorithm a : Algorithm.values()) {
            assertThat(Algorithm.parse("algorithm", a.label())).isSameAs(a);
        }
    }
}
