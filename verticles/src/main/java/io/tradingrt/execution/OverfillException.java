package io.tradingrt.execution;

import io.tradingrt.codecs.Fixed;

/** A fill that would take an order's filled quantity past its quantity: a venue or bookkeeping bug. */
public final class OverfillException extends RuntimeException {

  public OverfillException(String clientOrderId, Fixed quantity, Fixed alreadyFilled, Fixed fillQuantity) {
    super("order " + clientOrderId + " of " + quantity + " has " + alreadyFilled + " filled; a fill of "
        + fillQuantity + " would overfill it");
  }
}
