package io.tradingrt.backtest;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import io.tradingrt.config.IngestSettings;
import io.tradingrt.ingest.SimulatedFeed;

/**
 * {@code count} ticks of the live {@link SimulatedFeed} (its seeded random walk, symbols taking turns), stamped every
 * {@code stepMicros} of data time from {@code startMicros}: a source with no reading cost, for measuring the cores
 * alone and for tests.
 */
public final class GeneratedTickSource implements TickSource {
  private final SimulatedFeed feed;
  private final long count;
  private final long startMicros;
  private final long stepMicros;
  private long produced;

  public GeneratedTickSource(IngestSettings ingest, long count, long startMicros, long stepMicros) {
    this(new SimulatedFeed(ingest.symbols(), ingest.seed(), ingest.startPrice(), ingest.volatilityBps(),
        ingest.spreadBps()), count, startMicros, stepMicros);
  }

  public GeneratedTickSource(SimulatedFeed feed, long count, long startMicros, long stepMicros) {
    this.feed = feed;
    this.count = count;
    this.startMicros = startMicros;
    this.stepMicros = stepMicros;
  }

  public static GeneratedTickSource of(java.util.List<String> symbols, long seed, long count, long startMicros,
                                       long stepMicros) {
    return new GeneratedTickSource(new SimulatedFeed(symbols, seed, Fixed.of(100), 5, 2), count, startMicros,
        stepMicros);
  }

  @Override
  public Tick next() {
    if (produced == count) {
      return null;
    }
    return feed.next(startMicros + stepMicros * produced++);
  }

  @Override
  public String describe() {
    return "generated:" + count;
  }

  @Override
  public void close() {
    feed.close();
  }
}
