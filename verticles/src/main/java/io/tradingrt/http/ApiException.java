package io.tradingrt.http;

import io.tradingrt.edge.ErrorCode;
import io.tradingrt.codecs.ReasonCode;
import io.vertx.core.json.JsonObject;

/**
 * A client-visible failure with an HTTP status, a stable code and one sentence; rendered by {@link ApiErrors}. The
 * code is an {@link ErrorCode} of the edge, or the {@link ReasonCode} of an order risk denied.
 */
final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final JsonObject extra;

  ApiException(ErrorCode code, String message) {
    this(code.status(), code, message);
  }

  /** The code with another status than its usual one (a timeout is 504, an upstream's 4xx is kept). */
  ApiException(int status, ErrorCode code, String message) {
    this(status, code.code(), message, null);
  }

  private ApiException(int status, String code, String message, JsonObject extra) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }

  /** An order risk denied: 422 with the reason code, and {@code extra} (the decision) beside the error. */
  static ApiException denied(ReasonCode reason, String message, JsonObject extra) {
    // the order was fine, the runtime could not place it (a cluster failover): retry later, not a client error
    int status = reason == ReasonCode.NO_TRADING_CORE ? 503 : 422;
    return new ApiException(status, reason.code(), message, extra);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  /** Fields added beside {@code error} in the body, such as the risk decision of a denied order. */
  JsonObject extra() {
    return extra;
  }
}
