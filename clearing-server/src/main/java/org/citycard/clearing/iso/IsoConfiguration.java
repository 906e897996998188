package org.citycard.clearing.iso;

import org.citycard.dictionary.iso8583.Iso8583Packagers;
import org.jpos.iso.ISOPackager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dictionary's jPOS packager, the codec of every message on the wire. */
@Configuration(proxyBeanMethods = false)
class IsoConfiguration {
    @Bean
    ISOPackager isoPackager() {
        return Iso8583Packagers.create();
    }
}
