package io.tradingrt.edge;

/** Input an edge refuses, with a stable code and the HTTP-style status both REST and the bridges report. */
public final class InputException extends IllegalArgumentException {
  private final ErrorCode code;

  public InputException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public int status() {
    return code.status();
  }
}
