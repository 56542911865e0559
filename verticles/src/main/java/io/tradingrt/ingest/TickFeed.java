package io.tradingrt.ingest;

import io.tradingrt.codecs.Tick;

/** A source of ticks behind the ingest verticle: simulated or replayed. */
public interface TickFeed extends AutoCloseable {

  /** The next tick; feeds that make their own time stamp it {@code plannedMicros}. Null when the feed has ended. */
  Tick next(long plannedMicros);

  String describe();

  @Override
  default void close() {
  }
}
