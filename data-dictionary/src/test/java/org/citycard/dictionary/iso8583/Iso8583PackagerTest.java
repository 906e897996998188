package org.citycard.dictionary.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.CardCrypto;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.GenericPackager;
import org.junit.jupiter.api.Test;

class Iso8583PackagerTest {
    private final GenericPackager packager = Iso8583Packagers.create();
    /** A working key as a sign-on hands one out (any 16 bytes: the MAC does not depend on where it came from). */
    private final byte[] tak = Hex.parse("0123456789ABCDEFFEDCBA9876543210");

    private ISOMsg load() throws Exception {
        ISOMsg m = new ISOMsg("0100");
        m.setPackager(packager);
        m.set(2, "31000000000000012345");
        m.set(3, "600000");
        m.set(4, "000000010000");
        m.set(11, "000123");
        m.set(12, "090000");
        m.set(13, "20261121");
        m.set(41, "123456789012");
        m.set(42, "0101");
        m.set(48, Hex.parse("000003E80003000055667788F78FE483"));
        m.set(49, "156");
        return m;
    }

    @Test
    void loadRequest_packsAndUnpacksWithTheDictionaryPackager() throws Exception {
        ISOMsg m = load();
        MessageMacs.sign(m, tak);
        byte[] packed = m.pack();
        ISOMsg back = new ISOMsg();
        back.setPackager(packager);
        back.unpack(packed);
        assertThat(back.getMTI()).isEqualTo("0100");
        assertThat(back.getString(2)).isEqualTo("31000000000000012345");
        assertThat(back.getString(13)).isEqualTo("20261121");
        assertThat(back.getString(41)).isEqualTo("123456789012");
        assertThat(Hex.of(back.getBytes(48))).isEqualTo("000003E80003000055667788F78FE483");
        assertThat(MessageMacs.verify(packed, tak)).isTrue();
    }

    @Test
    void mac_detectsOneChangedByte_andUses128WithASecondaryBitmap() throws Exception {
        ISOMsg m = load();
        MessageMacs.sign(m, tak);
        byte[] packed = m.pack();
        packed[10] ^= 1;
        assertThat(MessageMacs.verify(packed, tak)).isFalse();

        ISOMsg signOn = new ISOMsg("0800");
        signOn.setPackager(packager);
        signOn.set(11, "000001");
        signOn.set(41, "123456789012");
        signOn.set(70, "001");
        assertThat(MessageMacs.macField(signOn)).isEqualTo(128);
        MessageMacs.sign(signOn, tak);
        assertThat(signOn.hasField(128)).isTrue();
        assertThat(MessageMacs.verify(signOn.pack(), tak)).isTrue();
    }

    @Test
    void signAndPack_withAPreparedTak_givesTheBytesOfSignThenPack() throws Exception {
        CardCrypto.MacKey prepared = CardCrypto.tdes().prepareMacKey(tak);
        ISOMsg a = load();
        MessageMacs.sign(a, tak);
        ISOMsg b = load();
        byte[] packed = MessageMacs.signAndPack(b, prepared);
        assertThat(packed).isEqualTo(a.pack()).isEqualTo(b.pack());
        assertThat(MessageMacs.verify(packed, prepared)).isTrue();
        packed[10] ^= 1;
        assertThat(MessageMacs.verify(packed, prepared)).isFalse();

        ISOMsg signOn = new ISOMsg("0800");
        signOn.setPackager(packager);
        signOn.set(11, "000001");
        signOn.set(41, "123456789012");
        signOn.set(70, "001");
        byte[] signOnPacked = MessageMacs.signAndPack(signOn, prepared);
        assertThat(signOn.hasField(128)).isTrue();
        assertThat(MessageMacs.verify(signOnPacked, tak)).isTrue();
    }
}
