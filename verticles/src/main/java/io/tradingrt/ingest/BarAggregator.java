package io.tradingrt.ingest;

import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.Timeframe;

import java.math.BigDecimal;
import java.math.BigInteger;
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
    Building[] slots = building.get(tick.symbol());
    if (slots == null) {
      slots = new Building[timeframes.size()];
      building.put(tick.symbol(), slots);
    }
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
    // raw fixed-point, so that a tick allocates nothing
    long high;
    long low;
    long close;
    long volume;
    /**
     * Exact Σ price·size: rounding per tick could differ from SQL's exact sum in the last digit. Kept as the
     * signed 128-bit sum of raw products ({@code notionalHi·2^64 + notionalLo} unsigned, i.e. scale 16), plus a
     * BigInteger overflow that is only ever used if that sum would leave the 128-bit range.
     */
    long notionalHi;
    long notionalLo;
    BigInteger notionalSpill;
    long count;

    Building(long start, Tick first) {
      this.start = start;
      this.open = first.last();
      this.high = first.last().raw();
      this.low = high;
      this.close = high;
      this.volume = first.lastSize().raw();
      addNotional(first);
      this.count = 1;
    }

    void add(Tick tick) {
      long price = tick.last().raw();
      high = Math.max(high, price);
      low = Math.min(low, price);
      close = price;
      volume = Math.addExact(volume, tick.lastSize().raw());
      addNotional(tick);
      count++;
    }

    private void addNotional(Tick tick) {
      long price = tick.last().raw();
      long size = tick.lastSize().raw();
      long productHi = Math.multiplyHigh(price, size); // |product| <= 2^126, so productHi + 1 cannot overflow
      long lo = notionalLo + price * size;
      long carry = Long.compareUnsigned(lo, notionalLo) < 0 ? 1 : 0;
      long addend = productHi + carry;
      long hi = notionalHi + addend;
      if (((notionalHi ^ hi) & (addend ^ hi)) < 0) { // the 128-bit sum overflows: spill the old sum, start anew
        notionalSpill = notionalSpill == null ? toBigInteger(notionalHi, notionalLo)
            : notionalSpill.add(toBigInteger(notionalHi, notionalLo));
        hi = productHi;
        lo = price * size;
      }
      notionalHi = hi;
      notionalLo = lo;
    }

    private BigDecimal notional() {
      BigInteger sum = toBigInteger(notionalHi, notionalLo);
      return new BigDecimal(notionalSpill == null ? sum : notionalSpill.add(sum), 2 * Fixed.SCALE);
    }

    private static BigInteger toBigInteger(long hi, long lo) {
      if (hi == (lo >> 63)) {
        return BigInteger.valueOf(lo);
      }
      byte[] bytes = new byte[16];
      for (int i = 0; i < 8; i++) {
        bytes[i] = (byte) (hi >>> (56 - 8 * i));
        bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
      }
      return new BigInteger(bytes);
    }

    Bar toBar(String symbol, String timeframe) {
      long plain = notionalSpill == null ? Vwap.of(notionalHi, notionalLo, volume) : Vwap.NOT_HERE;
      Fixed vwap = volume == 0 ? Fixed.ZERO
          : plain != Vwap.NOT_HERE ? Fixed.ofRaw(plain)
          : Fixed.of(notional().divide(Fixed.ofRaw(volume).toBigDecimal(), Fixed.SCALE, RoundingMode.HALF_EVEN));
      return new Bar(symbol, timeframe, start, open, Fixed.ofRaw(high), Fixed.ofRaw(low), Fixed.ofRaw(close),
          Fixed.ofRaw(volume), vwap, count);
    }
  }
}
