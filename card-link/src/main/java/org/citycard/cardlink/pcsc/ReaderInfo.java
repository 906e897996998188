package org.citycard.cardlink.pcsc;

/** A reader as {@code agent readers} shows it. */
public record ReaderInfo(String name, boolean cardPresent, String atr, String role) {}
