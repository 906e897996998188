package org.citycard.clearing.reference;

/** A registered terminal: its 12-digit ID, the department it belongs to and the PSAM inside it. */
public record Terminal(String terminalId, String departmentCode, String psamSerial, boolean active) {}
