package io.tradingrt.bridge;

/**
 * The two clocks of a bridge connection, on nanoTime readings the caller passes in: idle (time since the last
 * complete frame, or the connect) and read (time since the unfinished frame began). Bytes of an unfinished frame
 * do not count as life, so a slowloris client that dribbles one byte at a time still times out.
 */
final class Liveness {
  private static final long NONE = Long.MIN_VALUE;

  private final long idleNanos;
  private final long readNanos;
  private long lastFrameAt;
  private long frameStartedAt = NONE;

  Liveness(long idleNanos, long readNanos, long connectedAt) {
    this.idleNanos = idleNanos;
    this.readNanos = readNanos;
    this.lastFrameAt = connectedAt;
  }

  /** After a read: how many frames it completed and whether a frame is still unfinished. */
  void afterRead(long now, int framesCompleted, boolean midFrame) {
    if (framesCompleted > 0) {
      lastFrameAt = now;
      frameStartedAt = midFrame ? now : NONE;
    } else if (!midFrame) {
      frameStartedAt = NONE;
    } else if (frameStartedAt == NONE) {
      frameStartedAt = now;
    }
  }

  /** The timeout that has passed at {@code now}, or null. */
  FrameError.Rejection expired(long now) {
    if (frameStartedAt != NONE && now - frameStartedAt > readNanos) {
      return FrameError.READ_TIMEOUT.because("a started frame did not complete within " + readNanos / 1_000_000
          + " ms");
    }
    if (now - lastFrameAt > idleNanos) {
      return FrameError.IDLE_TIMEOUT.because("no frame for " + idleNanos / 1_000_000 + " ms: send pings");
    }
    return null;
  }
}
