package io.tradingrt.testing;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two runs' outcomes compared entry by entry, as the parity tests compare a backtest with live. */
public final class InOrder {
  private InOrder() {
  }

  /** Equal lists, or a failure that shows where they part and a few entries around it. */
  public static void assertSameInOrder(List<String> backtest, List<String> live, String what) {
    int n = Math.min(backtest.size(), live.size());
    for (int i = 0; i < n; i++) {
      if (!backtest.get(i).equals(live.get(i))) {
        throw new AssertionError(what + " part at #" + i + " of " + backtest.size() + "/" + live.size()
            + ": backtest " + backtest.subList(Math.max(0, i - 1), Math.min(backtest.size(), i + 3)) + " live "
            + live.subList(Math.max(0, i - 1), Math.min(live.size(), i + 3)));
      }
    }
    assertEquals(backtest.size(), live.size(), what + ": as many in the backtest as live");
  }
}
