package org.citycard.dictionary.iso8583;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.citycard.dictionary.Dictionary;
import org.jpos.iso.ISOException;
import org.jpos.iso.packager.GenericPackager;

/**
 * The jPOS packager of the dictionary's ISO 8583 message set. Needs jPOS on the classpath (the dictionary
 * declares it optional; the agent and the server bring it).
 */
public final class Iso8583Packagers {
    private Iso8583Packagers() {}

    /** A new GenericPackager from the dictionary's packager XML. */
    public static GenericPackager create(Dictionary dict) {
        try {
            return new GenericPackager(
                    new ByteArrayInputStream(dict.iso8583().packagerXml().getBytes(StandardCharsets.UTF_8)));
        } catch (ISOException e) {
            throw new IllegalStateException("the dictionary's ISO 8583 packager cannot be built: " + e.getMessage(), e);
        }
    }

    public static GenericPackager create() {
        return create(Dictionary.standard());
    }
}
