package io.tradingrt.bridge;

import io.vertx.core.json.JsonObject;

import java.util.concurrent.TimeUnit;

/**
 * The bounds of the TCP bridge, read once from the {@code http} section next to {@code tcpBridgePort}.
 *
 * @param maxFrameBytes  largest frame payload accepted (the length prefix is checked before anything is allocated)
 * @param maxConnections open connections; more are refused with an err frame and closed
 * @param idleNanos      a connection that completes no frame (not even a ping) for this long is closed
 * @param readNanos      a frame that has started must be complete within this
 */
public record BridgeLimits(int maxFrameBytes, int maxConnections, long idleNanos, long readNanos) {
  public static final int DEFAULT_MAX_FRAME_BYTES = 65_536;
  public static final int DEFAULT_MAX_CONNECTIONS = 1_000;
  public static final int DEFAULT_IDLE_SECONDS = 60;
  public static final int DEFAULT_READ_SECONDS = 10;

  public BridgeLimits {
    if (maxFrameBytes < 64 || maxConnections < 1 || idleNanos <= 0 || readNanos <= 0) {
      throw new IllegalArgumentException("http.tcpBridge* limits: maxFrameBytes ≥ 64, maxConnections ≥ 1 and "
          + "positive timeouts, not " + maxFrameBytes + ", " + maxConnections + ", " + idleNanos + " ns, "
          + readNanos + " ns");
    }
  }

  public static BridgeLimits from(JsonObject http) {
    return new BridgeLimits(http.getInteger("tcpBridgeMaxFrameBytes", DEFAULT_MAX_FRAME_BYTES),
        http.getInteger("tcpBridgeMaxConnections", DEFAULT_MAX_CONNECTIONS),
        TimeUnit.SECONDS.toNanos(http.getInteger("tcpBridgeIdleTimeoutSeconds", DEFAULT_IDLE_SECONDS)),
        TimeUnit.SECONDS.toNanos(http.getInteger("tcpBridgeReadTimeoutSeconds", DEFAULT_READ_SECONDS)));
  }

  /** How often the guard looks for expired connections: a quarter of the shorter timeout, 50 ms to 1 s. */
  public long sweepMillis() {
    long quarter = TimeUnit.NANOSECONDS.toMillis(Math.min(idleNanos, readNanos)) / 4;
    return Math.max(50, Math.min(1_000, quarter));
  }
}
