package io.tradingrt.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Signal;
import io.tradingrt.risk.TestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With four equal mids and a fifth one off by d, the fifth has z = ±2 (population variance): past entryZ 1.5. */
class MeanReversionTest {

  private final MeanReversion strategy = new MeanReversion("meanrev", List.of("TSLA"), 5, Fixed.of("1.5"),
      Fixed.of("0.3"), Fixed.of(10));

  @Test
  void aSpikeAboveTheBandGoesShort() {
    List<Signal> signals = feed("100", "100", "100", "100", "110");

    assertEquals(1, signals.size());
    assertEquals(Side.SELL, signals.get(0).side());
    assertEquals(Fixed.of(10), signals.get(0).quantity());
  }

  @Test
  void aDipBelowTheBandGoesLong() {
    List<Signal> signals = feed("100", "100", "100", "100", "90");

    assertEquals(Side.BUY, signals.get(0).side());
  }

  @Test
  void thePositionIsKeptUntilTheZScoreIsInsideTheExitBand() {
    feed("100", "100", "100", "100", "110");

    assertEquals(List.of(), feed("100", "100", "100", "100"));
    List<Signal> exit = feed("100");

    assertEquals(Side.BUY, exit.get(0).side());
    assertEquals(Fixed.of(10), exit.get(0).quantity());
    assertEquals(Fixed.ZERO, strategy.committedPosition("TSLA"));
  }

  @Test
  void nothingHappensBeforeTheWindowIsFull() {
    assertEquals(List.of(), feed("100", "100", "100", "150"));
  }

  private List<Signal> feed(String... mids) {
    List<Signal> signals = new ArrayList<>();
    for (String mid : mids) {
      signals.addAll(strategy.onTick(TestData.tick("TSLA").mid(mid).build()));
    }
    return signals;
  }
}
