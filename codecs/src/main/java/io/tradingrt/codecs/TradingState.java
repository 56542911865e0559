package io.tradingrt.codecs;

/** ACTIVE approves any order within limits, REDUCING only orders that shrink a position, HALTED nothing. */
public enum TradingState { ACTIVE, REDUCING, HALTED }
