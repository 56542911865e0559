package io.tradingrt.bridge;

/**
 * Why the TCP bridge guard refused a frame or a connection. The code starts the {@code message} of the
 * {@code {"type":"err","message":"code: sentence"}} frame sent before the close, in the library's own code style.
 */
public enum FrameError {
  FRAME_TOO_LARGE("frame_too_large"),
  EMPTY_FRAME("empty_frame"),
  INVALID_UTF8("invalid_utf8"),
  INVALID_JSON("invalid_json"),
  NOT_AN_OBJECT("not_an_object"),
  MISSING_TYPE("missing_type"),
  UNKNOWN_TYPE("unknown_type"),
  MISSING_ADDRESS("missing_address"),
  INVALID_ADDRESS("invalid_address"),
  INVALID_REPLY_ADDRESS("invalid_reply_address"),
  INVALID_HEADERS("invalid_headers"),
  INVALID_FAILURE_CODE("invalid_failure_code"),
  READ_TIMEOUT("read_timeout"),
  IDLE_TIMEOUT("idle_timeout"),
  TOO_MANY_CONNECTIONS("too_many_connections"),
  SLOW_CONSUMER("slow_consumer");

  private final String code;

  FrameError(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** A refusal with its sentence, e.g. {@code frame_too_large: 2147483647 bytes announced, at most 65536}. */
  public Rejection because(String sentence) {
    return new Rejection(this, code + ": " + sentence);
  }

  public record Rejection(FrameError error, String message) {
  }
}
