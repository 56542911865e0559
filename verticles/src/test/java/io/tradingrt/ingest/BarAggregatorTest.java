package io.tradingrt.ingest;

import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.Timeframe;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BarAggregatorTest {

  @Test
  void aBarClosesWhenTheNextBucketStartsAndCarriesOhlcvAndVwap() {
    BarAggregator bars = new BarAggregator(List.of("1s"));
    assertTrue(bars.onTick(trade(1_000_000, "10", 1)).isEmpty());
    assertTrue(bars.onTick(trade(1_200_000, "12", 3)).isEmpty());
    assertTrue(bars.onTick(trade(1_999_999, "9", 2)).isEmpty());
    List<Bar> closed = bars.onTick(trade(2_000_000, "11", 1));
    // vwap = (10·1 + 12·3 + 9·2) / 6 = 64/6 = 10.66666667 (half-even at 8 digits)
    assertEquals(List.of(new Bar("X", "1s", 1_000_000, Fixed.of(10), Fixed.of(12), Fixed.of(9), Fixed.of(9),
        Fixed.of(6), Fixed.of("10.66666667"), 3)), closed);
    assertEquals(1, bars.inProgress().size());
  }

  @Test
  void timeframesParseAndNonsenseIsRefused() {
    assertEquals(300_000_000L, Timeframe.parse("5m").micros());
    assertEquals(86_400_000_000L, Timeframe.parse("1d").micros());
    assertThrows(IllegalArgumentException.class, () -> Timeframe.parse("0s"));
    assertThrows(IllegalArgumentException.class, () -> Timeframe.parse("1w"));
  }

  private static Tick trade(long ts, String price, long size) {
    Fixed p = Fixed.of(price);
    return new Tick("X", ts, p, p.plus(Fixed.of("0.01")), Fixed.ONE, Fixed.ONE, p, Fixed.of(size), ts);
  }
}
