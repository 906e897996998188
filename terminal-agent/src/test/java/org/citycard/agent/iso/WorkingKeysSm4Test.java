package org.citycard.agent.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.TerminalKey;
import org.citycard.dictionary.iso8583.Iso8583Packagers;
import org.citycard.dictionary.iso8583.MessageMacs;
import org.citycard.dictionary.iso8583.TerminalRequestMac;
import org.citycard.dictionary.record.WorkingKeyBlock;
import org.citycard.dictionary.validate.ValidationException;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent whose key store holds an SM4 TMK (issue 16, {@code terminal-keys --alg sm4}): its sign-on key, the working
 * key it takes from the sign-on answer and every MAC it makes are SM4.
 */
class WorkingKeysSm4Test {
    static final String TERMINAL = "100000000004";

    @Test
    void anSm4KeyStore_givesSm4SignOnAndWorkingKeys(@TempDir Path dir) throws Exception {
        TerminalKey written = TerminalKey.random(TERMINAL, Algorithm.SM4);
        Path store = dir.resolve("t.bcfks");
        written.writeStore(store, "store password".toCharArray());
        TerminalKey key = TerminalKey.open(store, "store password".toCharArray(), TERMINAL);
        assertThat(key.algorithm()).isEqualTo(Algorithm.SM4);
        assertThat(key.tmk()).isEqualTo(written.tmk());
        assertThat(key.toString()).contains("SM4").doesNotContain(org.citycard.dictionary.codec.Hex.of(key.tmk()));

        WorkingKeys keys = new WorkingKeys(key);
        assertThat(keys.algorithm()).isEqualTo(Algorithm.SM4);
        assertThat(keys.signOnKey().algorithm()).isEqualTo(Algorithm.SM4);

        byte[] tak = new byte[16];
        new java.security.SecureRandom().nextBytes(tak);
        // a block the server sealed with a 3DES TMK of the same bytes does not open
        assertThatThrownBy(() -> keys.take(WorkingKeyBlock.seal(key.tmk(), tak)))
                .isInstanceOf(ValidationException.class);
        assertThat(keys.signedOn()).isFalse();

        keys.take(WorkingKeyBlock.seal(Algorithm.SM4, key.tmk(), tak));
        assertThat(keys.takForRest()).isEqualTo(tak);
        assertThat(keys.checkValue()).isEqualTo(CardCrypto.sm4().checkValue(tak));
        assertThat(keys.tak().algorithm()).isEqualTo(Algorithm.SM4);

        ISOMsg m = new ISOMsg("0800");
        m.setPackager(Iso8583Packagers.create());
        m.set(11, "000001");
        m.set(41, TERMINAL);
        m.set(70, "301");
        byte[] packed = MessageMacs.signAndPack(m, keys.tak());
        assertThat(MessageMacs.verify(packed, CardCrypto.sm4().prepareMacKey(tak)))
                .isTrue();
        assertThat(MessageMacs.verify(packed, tak)).as("not a 3DES MAC").isFalse();
        assertThat(TerminalRequestMac.mac(keys.algorithm(), keys.takForRest(), "GET", "/p", 1, TERMINAL))
                .isNotEqualTo(TerminalRequestMac.mac(tak, "GET", "/p", 1, TERMINAL))
                .hasSize(16);
    }

    @Test
    void aDemoTerminalKey_ofSm4_isDerivedFromTheSm4Mtmk() {
        TerminalKey demo = TerminalKey.demo(TERMINAL, Algorithm.SM4);
        assertThat(demo.isDemo()).isTrue();
        assertThat(demo.tmk())
                .isEqualTo(CardCrypto.sm4()
                        .diversify(
                                org.citycard.dictionary.crypto.KeySet.demo().key("MTMK", Algorithm.SM4),
                                CardCrypto.terminalDiversifier(TERMINAL)));
        assertThat(demo.tmk()).isNotEqualTo(TerminalKey.demo(TERMINAL).tmk());
    }
}
