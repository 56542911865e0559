package io.tradingrt.bridge;

import io.tradingrt.config.HttpSettings;

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
  public BridgeLimits {
    if (maxFrameBytes < 64 || maxConnections < 1 || idleNanos <= 0 || readNanos <= 0) {
      throw new IllegalArgumentException("http.tcpBridge* limits: maxFrameBytes ≥ 64, maxConnections ≥ 1 and "
          + "positive timeouts, not " + maxFrameBytes + ", " + maxConnections + ", " + idleNanos + " ns, "
          + readNanos + " ns");
    }
  }

  public static BridgeLimits from(HttpSettings http) {
    return new BridgeLimits(http.tcpBridgeMaxFrameBytes(), http.tcpBridgeMaxConnections(),
        TimeUnit.SECONDS.toNanos(http.tcpBridgeIdleTimeoutSeconds()),
        TimeUnit.SECONDS.toNanos(http.tcpBridgeReadTimeoutSeconds()));
  }

  /** How often the guard looks for expired connections: a quarter of the shorter timeout, 50 ms to 1 s. */
  public long sweepMillis() {
    long quarter = TimeUnit.NANOSECONDS.toMillis(Math.min(idleNanos, readNanos)) / 4;
    return Math.max(50, Math.min(1_000, quarter));
  }
}
