package io.tradingrt.codecs;

import java.util.List;

/** Ticks published together: the feed batches per pacing slot so a million ticks/s is not a million bus messages. */
public record TickBatch(List<Tick> ticks) {
  public TickBatch {
    ticks = List.copyOf(ticks);
  }

  public static TickBatch of(Tick tick) {
    return new TickBatch(List.of(tick));
  }
}
