package org.citycard.cardlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The wrappers pass every exchange through unchanged and keep only headers, lengths and status words. */
class TransportWrappersTest {
    private static final HexFormat HEX = HexFormat.of();

    /** A card that answers the command's data back with 9000, and loses the answer to INS FF. */
    private final ApduTransport echo = command -> {
        if ((command[1] & 0xFF) == 0xFF) {
            throw new CardLostException("the card left the field");
        }
        byte[] out = new byte[command.length - 5 + 2];
        System.arraycopy(command, 5, out, 0, command.length - 5);
        out[out.length - 2] = (byte) 0x90;
        return out;
    };

    @Test
    void tracing_keepsHeadersAndStatusWords_neverTheData() {
        TracingTransport traced = new TracingTransport(new TimedTransport(echo));
        byte[] answer = traced.transmit(HEX.parseHex("80D4000112" + "11223344556677881122334455667788AABB"));
        assertThat(HEX.formatHex(answer)).isEqualTo("11223344556677881122334455667788aabb9000");
        assertThatThrownBy(() -> traced.transmit(HEX.parseHex("00FF0000"))).isInstanceOf(CardLostException.class);

        assertThat(traced.trace())
                .extracting(Object::toString)
                .containsExactly("80D40001 (23) -> 9000 (20)", "00FF0000 (4) -> ---- (0)");
        assertThat(traced.trace().toString()).doesNotContain("1122334455");
    }

    @Test
    void timing_countsEveryApdu_andLogging_changesNothing() {
        TimedTransport timed = new TimedTransport(echo);
        ApduTransport logged = new LoggingTransport(timed, "test card");
        for (int i = 0; i < 3; i++) {
            assertThat(HEX.formatHex(logged.transmit(HEX.parseHex("0084000008"))))
                    .isEqualTo("9000");
        }
        assertThat(timed.apdus()).isEqualTo(3);
        assertThat(timed.cardNanos()).isPositive();
    }
}
