package org.citycard.dictionary.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.record.WorkingKeyBlock;
import org.citycard.dictionary.validate.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A terminal's key store holds its TMK alone; a working key opens only under the TMK it was made for. */
class TerminalKeyTest {
    private static final char[] PASSWORD = "terminal-pass-1".toCharArray();

    @TempDir
    Path dir;

    @Test
    void store_holdsOneTerminalsKey_andOpensOnlyForThatTerminal() {
        TerminalKey key = TerminalKey.random("310100000001");
        Path file = dir.resolve("t1.bcfks");
        key.writeStore(file, PASSWORD);

        TerminalKey opened = TerminalKey.open(file, PASSWORD, "310100000001");
        assertThat(opened.tmk()).isEqualTo(key.tmk());
        assertThat(opened.terminalId()).isEqualTo("310100000001");
        assertThat(TerminalKey.open(file, PASSWORD, null).terminalId()).isEqualTo("310100000001");

        assertThatThrownBy(() -> TerminalKey.open(file, PASSWORD, "310100000002"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds the key of terminal 310100000001, not of terminal 310100000002");
        assertThatThrownBy(() -> TerminalKey.open(file, "wrong-password".toCharArray(), "310100000001"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wrong password")
                .hasMessageNotContaining("wrong-password");
        assertThatThrownBy(() -> key.writeStore(file, PASSWORD)).hasMessageContaining("exists already");
    }

    @Test
    void aStoreWithMoreThanOneTerminalKey_isRefused() {
        Path file = dir.resolve("two.bcfks");
        KeyStoreKeySet store = KeyStoreKeySet.create(file, PASSWORD);
        store.put("tmk-310100000001", TerminalKey.random("310100000001").tmk());
        store.put("tmk-310100000002", TerminalKey.random("310100000002").tmk());
        store.save(file);
        assertThatThrownBy(() -> TerminalKey.open(file, PASSWORD, "310100000001"))
                .hasMessageContaining("must hold exactly one terminal master key")
                .hasMessageContaining("holds 2");
    }

    @Test
    void randomKeys_differ_andNeverShowInToString() {
        TerminalKey a = TerminalKey.random("310100000001");
        TerminalKey b = TerminalKey.random("310100000001");
        assertThat(a.tmk()).isNotEqualTo(b.tmk());
        assertThat(a.toString()).doesNotContain(Hex.of(a.tmk())).contains(a.checkValue());
        assertThat(a.signOnKey()).isNotEqualTo(a.tmk()).hasSize(16);
    }

    @Test
    void workingKey_opensUnderItsTmk_andIsRefusedUnderAnotherTerminals() {
        TerminalKey mine = TerminalKey.random("310100000001");
        TerminalKey other = TerminalKey.random("310100000002");
        byte[] tak = Hex.parse("00112233445566778899AABBCCDDEEFF");
        WorkingKeyBlock block = WorkingKeyBlock.seal(mine.tmk(), tak);

        byte[] wire = block.bytes();
        assertThat(wire).hasSize(19);
        WorkingKeyBlock read = WorkingKeyBlock.decode(wire);
        assertThat(read.open(mine.tmk())).isEqualTo(tak);
        assertThat(read.checkValueHex()).isEqualTo(CardCrypto.keyCheckValue(tak));
        assertThat(read.toString()).doesNotContain(Hex.of(tak));

        assertThatThrownBy(() -> read.open(other.tmk()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("sign_on_keys.tak_check_value")
                .hasMessageNotContaining(Hex.of(tak));
        assertThatThrownBy(() -> WorkingKeyBlock.decode(new byte[18])).isInstanceOf(ValidationException.class);
    }

    @Test
    void demoTerminalKeys_areDerivedPerTerminal_andMarkedDemo() {
        TerminalKey a = TerminalKey.demo("310100000001");
        assertThat(a.isDemo()).isTrue();
        assertThat(a.tmk()).isEqualTo(TerminalKey.demo("310100000001").tmk());
        assertThat(a.tmk()).isNotEqualTo(TerminalKey.demo("310100000002").tmk());
        assertThat(a.toString()).contains("DEMO");
    }
}
