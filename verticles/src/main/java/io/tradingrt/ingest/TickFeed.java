package io.tradingrt.ingest;

import io.tradingrt.codecs.Tick;

/** A source of ticks behind the ingest verticle: simulated or replayed. */
public interface TickFeed extends AutoCloseable {

  /** The next tick; feeds that make their own time stamp it {@code plannedMicros}. Null when the feed has ended. */
  Tick next(long plannedMicros);

  String describe();

  /**
   * What to do with due ticks the consumers cannot take: a live feed drops them (a late quote is worth nothing and
   * the next one replaces it); a recording waits, so a replay slows down instead of losing data.
   */
  default boolean dropsWhenBehind() {
    return false;
  }

  @Override
  default void close() {
  }
}
