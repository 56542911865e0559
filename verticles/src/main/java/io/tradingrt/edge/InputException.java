package io.tradingrt.edge;

/** Input an edge refuses, with a stable code and the HTTP-style status both REST and the bridges report. */
public final class InputException extends IllegalArgumentException {
  private final String code;
  private final int status;

  public InputException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }
}
