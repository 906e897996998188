package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** The applets' own SM4 ({@link Sm4}, Java Card subset) against GB/T 32907 and Bouncy Castle's {@code SM4Engine}. */
class Sm4Test {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final Sm4 sm4 = new Sm4();

    @Test
    void encrypt_reproducesTheGbT32907Vector() {
        byte[] key = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
        byte[] out = new byte[16];

        sm4.setKey(key, (short) 0);
        sm4.encrypt(key, (short) 0, out, (short) 0);

        assertThat(HEX.formatHex(out)).isEqualTo("681EDF34D206965E86B3E94F536E4246");
    }

    @Test
    void decrypt_undoesTheGbT32907Vector_inPlace() {
        byte[] key = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
        byte[] block = HEX.parseHex("00681EDF34D206965E86B3E94F536E424600");

        sm4.setKey(key, (short) 0);
        sm4.decrypt(block, (short) 1, block, (short) 1);

        assertThat(HEX.formatHex(block)).isEqualTo("000123456789ABCDEFFEDCBA987654321000");
    }

    @Test
    void randomBlocks_matchBouncyCastle_bothWays() {
        Random random = new Random(32907);
        for (int n = 0; n < 300; n++) {
            byte[] key = new byte[16];
            byte[] plain = new byte[16];
            random.nextBytes(key);
            random.nextBytes(plain);
            byte[] expected = new byte[16];
            SM4Engine bc = new SM4Engine();
            bc.init(true, new KeyParameter(key));
            bc.processBlock(plain, 0, expected, 0);

            byte[] cipher = new byte[16];
            byte[] back = new byte[16];
            sm4.setKey(key, (short) 0);
            sm4.encrypt(plain, (short) 0, cipher, (short) 0);
            sm4.decrypt(cipher, (short) 0, back, (short) 0);

            assertThat(cipher).as("block %d", n).isEqualTo(expected);
            assertThat(back).as("block %d decrypted", n).isEqualTo(plain);
        }
    }
}
