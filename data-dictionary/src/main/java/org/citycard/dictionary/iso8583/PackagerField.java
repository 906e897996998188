package org.citycard.dictionary.iso8583;

/** A field as the jPOS GenericPackager XML defines it. */
public record PackagerField(int number, int length, String name, String className) {
    public boolean isUsed() {
        return !className.endsWith("IF_NOP");
    }

    /** The jPOS field class without its package, e.g. IFB_LLNUM. */
    public String shortClass() {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
