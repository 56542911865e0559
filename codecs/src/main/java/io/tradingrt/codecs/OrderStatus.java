package io.tradingrt.codecs;

public enum OrderStatus {
  INITIALIZED, DENIED, SUBMITTED, ACCEPTED, REJECTED, PARTIALLY_FILLED, FILLED, PENDING_CANCEL, CANCELED, EXPIRED;

  public boolean isTerminal() {
    return this == DENIED || this == REJECTED || this == FILLED || this == CANCELED || this == EXPIRED;
  }

  /** Open orders can still fill: they count against balance and exposure limits. */
  public boolean isOpen() {
    return this == SUBMITTED || this == ACCEPTED || this == PARTIALLY_FILLED || this == PENDING_CANCEL;
  }
}
