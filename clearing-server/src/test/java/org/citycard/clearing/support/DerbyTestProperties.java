package org.citycard.clearing.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The properties every Derby-backed full-context test shares (one cached context, one database per JVM). */
public final class DerbyTestProperties {
    private DerbyTestProperties() {}

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("citycard.data-dir", () -> TestData.DATA_DIR.toString());
        registry.add("citycard.iso.port", () -> "0");
    }
}
