package io.tradingrt.ingest;

import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.Timeframe;

import java.math.BigDecimal;
import java.math.RoundingMode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OHLCV bars from ticks for several timeframes, defined exactly as the SQL over stored ticks: bucket start is
 * {@code floor(ts / timeframe) * timeframe} (epoch-aligned); open/close are the {@code last} of the first/last tick in
 * the bucket in arrival order, high/low the max/min of {@code last}, volume Σ{@code lastSize}, vwap
 * Σ(last·lastSize)/volume summed exactly and rounded once, half-even to 8 digits (0 when volume is 0), tradeCount the number of ticks.
 * A bar is emitted when the first tick of a later bucket arrives.
 */
public final class BarAggregator {

  private final List<Timeframe> timeframes;
  private final Map<String, Building[]> building = new HashMap<>();

  public BarAggregator(List<String> timeframes) {
    this.timeframes = timeframes.stream().map(Timeframe::parse).toList();
  }

  /** Completed bars this tick closes; empty most of the time. */
  public List<Bar> onTick(Tick tick) {
    Building[] slots = building.computeIfAbsent(tick.symbol(), s -> new Building[timeframes.size()]);
    List<Bar> completed = List.of();
    for (int i = 0; i < slots.length; i++) {
      Timeframe tf = timeframes.get(i);
      long start = tf.bucketStart(tick.tsMicros());
      Building current = slots[i];
      if (current != null && current.start != start) {
        if (completed.isEmpty()) {
          completed = new ArrayList<>(slots.length);
        }
        completed.add(current.toBar(tick.symbol(), tf.label()));
        current = null;
      }
      if (current == null) {
        slots[i] = new Building(start, tick);
      } else {
        current.add(tick);
      }
    }
    return completed;
  }

  /** The bars still being built, e.g. for a live candle or at shutdown. */
  public List<Bar> inProgress() {
    List<Bar> bars = new ArrayList<>();
    building.forEach((symbol, slots) -> {
      for (int i = 0; i < slots.length; i++) {
        if (slots[i] != null) {
          bars.add(slots[i].toBar(symbol, timeframes.get(i).label()));
        }
      }
    });
    return bars;
  }

  private static final class Building {
    final long start;
    final Fixed open;
    Fixed high;
    Fixed low;
    Fixed close;
    Fixed volume;
    /** Exact Σ price·size: rounding per tick could differ from SQL's exact sum in the last digit. */
    BigDecimal notional;
    long count;

    Building(long start, Tick first) {
      this.start = start;
      this.open = first.last();
      this.high = first.last();
      this.low = first.last();
      this.close = first.last();
      this.volume = first.lastSize();
      this.notional = first.last().toBigDecimal().multiply(first.lastSize().toBigDecimal());
      this.count = 1;
    }

    void add(Tick tick) {
      high = Fixed.max(high, tick.last());
      low = Fixed.min(low, tick.last());
      close = tick.last();
      volume = volume.plus(tick.lastSize());
      notional = notional.add(tick.last().toBigDecimal().multiply(tick.lastSize().toBigDecimal()));
      count++;
    }

    Bar toBar(String symbol, String timeframe) {
      Fixed vwap = volume.isZero() ? Fixed.ZERO
          : Fixed.of(notional.divide(volume.toBigDecimal(), Fixed.SCALE, RoundingMode.HALF_EVEN));
      return new Bar(symbol, timeframe, start, open, high, low, close, volume, vwap, count);
    }
  }
}
