package io.tradingrt.ingest;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatedFeedProperties {
  private static final Fixed CENT = Fixed.of("0.01");

  @Property(tries = 200)
  void theSameSeedGivesTheSameTicks(@ForAll long seed) {
    SimulatedFeed a = feed(seed);
    SimulatedFeed b = feed(seed);
    for (int i = 0; i < 200; i++) {
      assertEquals(a.next(i), b.next(i));
    }
  }

  @Property(tries = 200)
  void quotesAreOnTheCentGridWithBidBelowAskAndTradesAtTheTouch(@ForAll long seed,
                                                                @ForAll @LongRange(min = 0, max = 200) long volBps) {
    SimulatedFeed feed = new SimulatedFeed(List.of("A", "B", "C"), seed, Fixed.of(50), volBps, 3);
    long seq = 0;
    for (int i = 0; i < 500; i++) {
      Tick t = feed.next(1_000L * i);
      assertTrue(t.bid().lessThan(t.ask()), t.toString());
      assertTrue(t.bid().isMultipleOf(CENT) && t.ask().isMultipleOf(CENT), t.toString());
      assertTrue(t.last().equals(t.bid()) || t.last().equals(t.ask()), t.toString());
      assertTrue(t.lastSize().isPositive() && t.bidSize().isPositive() && t.askSize().isPositive());
      assertTrue(t.seq() > seq);
      assertEquals(1_000L * i, t.tsMicros());
      seq = t.seq();
    }
  }

  private static SimulatedFeed feed(long seed) {
    return new SimulatedFeed(List.of("AAPL", "MSFT"), seed, Fixed.of(100), 5, 2);
  }
}
