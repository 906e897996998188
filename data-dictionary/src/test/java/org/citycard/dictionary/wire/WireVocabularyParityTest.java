package org.citycard.dictionary.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.iso8583.CodeName;
import org.junit.jupiter.api.Test;

/** Each wire enum and its dictionary table hold the same codes, in both directions. */
class WireVocabularyParityTest {
    private final Dictionary dict = Dictionary.standard();

    @Test
    void responseCodes_areTheResponseCodeTable() {
        assertParity("response-code", ResponseCode.values(), ResponseCode::code);
        assertThat(ResponseCode.APPROVED.code()).isEqualTo("00");
        assertThat(ResponseCode.DUPLICATE.code()).isEqualTo("94");
        assertThat(ResponseCode.NO_ORIGINAL.code()).isEqualTo("25");
        assertThat(ResponseCode.of("97")).contains(ResponseCode.UNKNOWN_TERMINAL);
        assertThat(ResponseCode.of("99")).isEmpty();
    }

    @Test
    void quarantineReasons_areTheQuarantineReasonTable() {
        assertParity("quarantine-reason", QuarantineReason.values(), QuarantineReason::code);
        assertThat(QuarantineReason.TAC_INVALID.code()).isEqualTo("Q1");
        for (QuarantineReason q : QuarantineReason.values()) {
            assertThat(QuarantineReason.of(q.code())).contains(q);
        }
    }

    @Test
    void terminalTypes_areTheTerminalTypeTable() {
        assertParity(TerminalType.TABLE, TerminalType.values(), TerminalType::code);
        assertThat(ResponseCode.NOT_PERMITTED_TO_TERMINAL.code()).isEqualTo("58");
    }

    @Test
    void transactionTypes_areTheTransactionTypeTable() {
        assertParity("transaction-type", TransactionType.values(), TransactionType::code);
        assertThat(TransactionType.PURCHASE.toByte()).isEqualTo((byte) 0x06);
        assertThat(TransactionType.HOTLIST_BLOCK.toByte()).isEqualTo((byte) 0xA1);
    }

    @Test
    void processingAndNetworkCodes_areThoseOfIso8583Yaml() {
        assertIsoParity(dict.iso8583().processingCodes(), ProcessingCode.values(), ProcessingCode::code);
        assertIsoParity(dict.iso8583().networkCodes(), NetworkCode.values(), NetworkCode::code);
        assertThat(NetworkCode.SIGN_ON.code()).isEqualTo("001");
        assertThat(ProcessingCode.CASH_LOAD.code()).isEqualTo("600000");
    }

    private <E extends Enum<E>> void assertParity(String table, E[] constants, Function<E, String> code) {
        List<Code> codes = List.copyOf(dict.codeTable(table).asMap().values());
        assertThat(Arrays.stream(constants).map(Enum::name).toList())
                .as("constants of " + table)
                .containsExactlyInAnyOrderElementsOf(
                        codes.stream().map(c -> c.attr("name")).toList());
        assertThat(Arrays.stream(constants).map(code).toList())
                .containsExactlyInAnyOrderElementsOf(
                        codes.stream().map(Code::code).toList());
    }

    private <E extends Enum<E>> void assertIsoParity(List<CodeName> codes, E[] constants, Function<E, String> code) {
        assertThat(Arrays.stream(constants).map(Enum::name).toList())
                .containsExactlyInAnyOrderElementsOf(
                        codes.stream().map(CodeName::name).toList());
        assertThat(Arrays.stream(constants).map(code).toList())
                .containsExactlyInAnyOrderElementsOf(
                        codes.stream().map(CodeName::code).toList());
    }
}
