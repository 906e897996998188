package org.citycard.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DictionaryLoadTest {
    private static final Path SOURCE = Path.of("src/main/resources/dictionary");

    @TempDir
    Path dir;

    @Test
    void standardDictionary_loadsWithTheNationalCodeTables() {
        Dictionary d = Dictionary.standard();
        assertThat(d.codeTable("ethnicity").codes()).hasSizeGreaterThanOrEqualTo(56);
        assertThat(d.codeTable("ethnicity").codes().stream()
                        .filter(c -> c.code().compareTo("57") < 0))
                .hasSize(56);
        assertThat(d.codeTable("region").codes().stream().filter(c -> "province".equals(c.level())))
                .hasSize(34);
        assertThat(d.codeTable("region").find("310115").orElseThrow().zh()).isEqualTo("浦东新区");
        assertThat(d.codeTable("sex").find("2").orElseThrow().en()).isEqualTo("Female");
        assertThat(d.codeTable("education").contains("21")).isTrue();
        assertThat(d.codeTable("response-code").contains("63")).isTrue();
    }

    @Test
    void cardLayout_followsCardSpec() {
        Dictionary d = Dictionary.standard();
        assertThat(d.application("purse").aid()).isEqualTo("F043434550303101");
        assertThat(d.application("ssse").aid()).isEqualTo("7378312E73682EC9E7BBE1B1A3D5CF");
        assertThat(d.application("purse").fileBySfi(0x15).orElseThrow().size()).isEqualTo(30);
        assertThat(d.application("purse").fileBySfi(0x18).orElseThrow().recordLength())
                .isEqualTo(23);
        assertThat(d.application("ssse")
                        .file("ef05")
                        .orElseThrow()
                        .record(7)
                        .orElseThrow()
                        .length())
                .isEqualTo(9);
        assertThat(d.command("debit_for_purchase").headerText()).startsWith("80 54 01 00 0F");
        assertThat(d.statusWord("MAC_INVALID").sw()).isEqualTo("9302");
        assertThat(d.describe(0x63C2).orElseThrow().name()).isEqualTo("PIN_TRIES_LEFT");
        assertThat(d.binaryLayout("offline_record").offset("tac")).isEqualTo(38);
        assertThat(d.keys().demoKeySet().demoOnly()).isTrue();
    }

    @Test
    void iso8583_everyMessageFieldIsInThePackager() {
        Dictionary d = Dictionary.standard();
        d.iso8583().messages().forEach(m -> m.fields().keySet().forEach(n -> assertThat(
                        d.iso8583().packagerFields().get(n).isUsed())
                .as("field %d of %s", n, m.mti())
                .isTrue()));
        assertThat(d.iso8583().message("0320").orElseThrow().isMandatory(63)).isTrue();
    }

    @Test
    void duplicateId_isRefused_namingFileEntryAndRule() throws IOException {
        copy();
        append("elements.yaml", "  - {id: name, zh: 姓名, en: Name again, type: AN, length: 2}\n");
        assertThatThrownBy(() -> Dictionary.load(DictionarySource.directory(dir)))
                .isInstanceOf(DictionaryException.class)
                .hasMessageContaining("elements.yaml")
                .hasMessageContaining("element name")
                .hasMessageContaining("duplicate id");
    }

    @Test
    void unknownCodeTable_isRefused() throws IOException {
        copy();
        append(
                "elements.yaml",
                "  - {id: blood_type, zh: 血型, en: Blood type, type: AN, length: 1, codeTable: blood}\n");
        assertThatThrownBy(() -> Dictionary.load(DictionarySource.directory(dir)))
                .hasMessageContaining("elements.yaml: element blood_type: unknown code table 'blood'");
    }

    @Test
    void overlappingOffsets_areRefused() throws IOException {
        copy();
        replace("formats.yaml", "- {offset: 11, element: offline_seq}", "- {offset: 10, element: offline_seq}");
        assertThatThrownBy(() -> Dictionary.load(DictionarySource.directory(dir)))
                .hasMessageContaining("formats.yaml: binary layout offline_record, field offline_seq")
                .hasMessageContaining("overlapping offsets");
    }

    @Test
    void demoKeySet_mustBeMarkedDemoOnly() throws IOException {
        copy();
        replace("keys.yaml", "demoOnly: true", "demoOnly: false");
        assertThatThrownBy(() -> Dictionary.load(DictionarySource.directory(dir)))
                .hasMessageContaining("keys.yaml: demoKeySet: the demo key set must be marked demoOnly: true");
    }

    @Test
    void messageFieldMissingFromThePackager_isRefused() throws IOException {
        copy();
        replace(
                "iso8583.yaml",
                "fields: {11: M, 41: M, 60: M, 61: M, 63: M, 64: M}",
                "fields: {11: M, 41: M, 60: M, 61: M, 63: M, 64: M, 55: O}");
        assertThatThrownBy(() -> Dictionary.load(DictionarySource.directory(dir)))
                .hasMessageContaining("iso8583.yaml: message 0320, field 55: the packager does not define this field");
    }

    @Test
    void textLayoutWidthMismatch_andUnknownYamlKey_areRefused_allAtOnce() throws IOException {
        copy();
        replace(
                "formats.yaml",
                "{name: filler, zh: 填充, en: Filler, length: 4, align: left}",
                "{name: filler, zh: 填充, en: Filler, length: 5, align: left}");
        replace("codes/sex.yaml", "standard: GB/T 2261.1-2003", "standard: GB/T 2261.1-2003\nstandrd: typo");
        assertThatThrownBy(() -> Dictionary.load(DictionarySource.directory(dir)))
                .hasMessageContaining("codes/sex.yaml")
                .hasMessageContaining("standrd");
        replace("codes/sex.yaml", "\nstandrd: typo", "");
        assertThatThrownBy(() -> Dictionary.load(DictionarySource.directory(dir)))
                .hasMessageContaining(
                        "text layout population_registry, record P: field lengths add up to 72, not the line length 71");
    }

    @Test
    void brokenCodeTable_duplicateCodeAndUnknownNextState() throws IOException {
        copy();
        replace("codes/card-state.yaml", "next: [\"20\", \"99\"]", "next: [\"20\", \"77\"]");
        append("codes/sex.yaml", "  - {code: \"1\", zh: \"男\", en: \"Male again\"}\n");
        assertThatThrownBy(() -> Dictionary.load(DictionarySource.directory(dir)))
                .hasMessageContaining(
                        "codes/card-state.yaml: code table card-state, code 10: next state '77' is not a code of this table")
                .hasMessageContaining("codes/sex.yaml: code table sex, code 1: duplicate code");
    }

    private void copy() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCE)) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(SOURCE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private void append(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    private void replace(String file, String from, String to) throws IOException {
        Path p = dir.resolve(file);
        String s = Files.readString(p, StandardCharsets.UTF_8);
        assertThat(s).as("fixture text in %s", file).contains(from);
        Files.writeString(p, s.replace(from, to), StandardCharsets.UTF_8);
    }
}
