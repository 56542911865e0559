package io.tradingrt.backtest;

import io.tradingrt.codecs.Tick;

/**
 * Ticks in data order, streamed: one at a time from a file or a database cursor, so a month of ticks needs no month
 * of heap. {@link #next()} returns null at the end.
 */
public interface TickSource extends AutoCloseable {

  Tick next();

  /** What is read, for the report: {@code csv:ticks.csv}, {@code db:data/runtime.duckdb}. */
  String describe();

  /** Lines or rows that could not be read as ticks and were skipped. */
  default long skipped() {
    return 0;
  }

  @Override
  void close();
}
