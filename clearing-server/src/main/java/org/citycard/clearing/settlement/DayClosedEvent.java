package org.citycard.clearing.settlement;

/** A business day was closed ({@code rerun}: it had been closed before), published after its files are written. */
public record DayClosedEvent(String businessDate, boolean rerun) {}
