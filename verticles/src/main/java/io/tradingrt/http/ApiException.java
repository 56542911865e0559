package io.tradingrt.http;

import io.vertx.core.json.JsonObject;

/** A client-visible failure with an HTTP status, a stable code and one sentence; rendered by {@link ApiErrors}. */
final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final JsonObject extra;

  ApiException(int status, String code, String message) {
    this(status, code, message, null);
  }

  ApiException(int status, String code, String message, JsonObject extra) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.extra = extra;
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
