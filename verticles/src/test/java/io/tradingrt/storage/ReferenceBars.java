package io.tradingrt.storage;

import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.Timeframe;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The bar definition written out in plain Java, tick by tick, as the live aggregator applies it. */
public final class ReferenceBars {

  private ReferenceBars() {
  }

  public static List<Bar> of(List<Tick> ticks, String symbol, String timeframe, long from, long to) {
    Timeframe frame = Timeframe.parse(timeframe);
    Map<Long, List<Tick>> buckets = new TreeMap<>();
    ticks.stream()
        .filter(t -> t.symbol().equals(symbol) && t.tsMicros() >= from && t.tsMicros() < to)
        .sorted(Comparator.comparingLong(Tick::tsMicros).thenComparingLong(Tick::seq))
        .forEach(t -> buckets.computeIfAbsent(frame.bucketStart(t.tsMicros()), k -> new ArrayList<>()).add(t));
    List<Bar> bars = new ArrayList<>();
    buckets.forEach((start, list) -> {
      Fixed high = list.get(0).last();
      Fixed low = list.get(0).last();
      Fixed volume = Fixed.ZERO;
      BigDecimal notional = BigDecimal.ZERO;
      for (Tick t : list) {
        high = Fixed.max(high, t.last());
        low = Fixed.min(low, t.last());
        volume = volume.plus(t.lastSize());
        notional = notional.add(t.last().toBigDecimal().multiply(t.lastSize().toBigDecimal()));
      }
      Fixed vwap = volume.isZero() ? Fixed.ZERO
          : Fixed.of(notional.divide(volume.toBigDecimal(), Fixed.SCALE, RoundingMode.HALF_EVEN));
      bars.add(new Bar(symbol, timeframe, start, list.get(0).last(), high, low, list.get(list.size() - 1).last(),
          volume, vwap, list.size()));
    });
    return bars;
  }
}
