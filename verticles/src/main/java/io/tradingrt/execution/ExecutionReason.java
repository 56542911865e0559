package io.tradingrt.execution;

/** Stable reason codes on the paper broker's rejections, cancels and expiries. */
public enum ExecutionReason {
  INVALID_QUANTITY("the order quantity is not positive"),
  NO_QUOTE("there was no quote to execute against"),
  IOC_REMAINDER("an immediate-or-cancel order's unfilled remainder is canceled"),
  FOK_NOT_FILLABLE("a fill-or-kill order could not be filled in full at once"),
  CANCEL_REQUESTED("the order was canceled on request"),
  SESSION_END("a DAY order expires at the session end");

  private final String sentence;

  ExecutionReason(String sentence) {
    this.sentence = sentence;
  }

  public String sentence() {
    return sentence;
  }
}
