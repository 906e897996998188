package org.citycard.agent.reader;

/** A reader as {@code agent readers} shows it. */
public record ReaderInfo(String name, boolean cardPresent, String atr, String role) {}
