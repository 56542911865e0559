package io.tradingrt.signal;

import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.Signal;
import io.tradingrt.codecs.TimeInForce;

/**
 * Deterministic client order ids, {@code <prefix>-<n>} with n counting from 1, and the market order for a signal.
 * The prefix is the strategy name, plus a session token when ids must stay unique across restarts.
 */
public final class OrderIds {

  private final String prefix;
  private long counter;

  public OrderIds(String prefix) {
    this.prefix = prefix;
  }

  public String next() {
    counter++;
    return prefix + "-" + counter;
  }

  /** A DAY market order carrying out the signal, stamped with the signal's time. */
  public OrderRequest marketOrder(Signal signal) {
    return new OrderRequest(next(), signal.strategy(), signal.symbol(), signal.side(), OrderType.MARKET,
        signal.quantity(), null, TimeInForce.DAY, false, signal.tsMicros());
  }
}
