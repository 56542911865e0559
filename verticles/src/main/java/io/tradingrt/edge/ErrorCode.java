package io.tradingrt.edge;

/**
 * Every code an edge refuses a request with: the {@code error.code} of a REST error body and the code that starts a
 * bridge's {@code err} message. Each has the HTTP status it is usually sent with; the strings are a public contract.
 * An order that passes the edge and is denied by risk carries risk's {@code ReasonCode} instead (422).
 */
public enum ErrorCode {
  // the request itself
  BAD_REQUEST(400),
  MALFORMED_URI(400),
  INVALID_FRAME(400),
  MALFORMED_JSON(400),
  MALFORMED_DECIMAL(400),
  INVALID_ORDER(400),
  INVALID_CONTROL(400),
  INVALID_NAME(400),
  TEXT_TOO_LONG(400),
  VALUE_OUT_OF_RANGE(422),
  MISSING_PARAMETER(400),
  INVALID_PARAMETER(400),
  INVALID_TIMEFRAME(400),
  INVALID_ORDER_ID(400),
  MISSING_DIR(400),
  INVALID_BACKUP_DIR(400),
  BODY_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  METHOD_NOT_ALLOWED(405),
  // who may ask
  UNAUTHORIZED(401),
  MISSING_TOKEN(401),
  INVALID_TOKEN(401),
  ORIGIN_NOT_ALLOWED(403),
  RATE_LIMITED(429),
  // what was asked for
  NOT_FOUND(404),
  UNKNOWN_ORDER(404),
  UNKNOWN_SYMBOL(404),
  UNKNOWN_STRATEGY(404),
  UNKNOWN_COMMAND(404),
  ORDER_NOT_OPEN(409),
  NO_POSITION(409),
  BACKUP_EXISTS(409),
  // the role behind the edge
  REJECTED(400),
  UPSTREAM_FAILED(502),
  STORAGE_UNAVAILABLE(503),
  RISK_UNAVAILABLE(503),
  EXECUTION_UNAVAILABLE(503),
  METRICS_UNAVAILABLE(503),
  PORTFOLIO_UNAVAILABLE(503),
  METRICS_DISABLED(503),
  CLUSTER_UNAVAILABLE(503),
  INTERNAL_ERROR(500);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  /** The status this code is sent with unless the failure says otherwise (a timeout is 504, an upstream 4xx kept). */
  public int status() {
    return status;
  }

  public String code() {
    return name();
  }
}
