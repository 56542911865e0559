package io.tradingrt.bridge;

import io.vertx.core.shareddata.Shareable;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the TCP bridge guard saw: connections open, accepted and refused at the cap, and refusals by reason
 * ({@link FrameError}, timeouts included). Published in the Vert.x local map {@link #MAP} under {@link #TCP} so a
 * metrics verticle can read it without depending on the bridge verticle instance.
 */
public final class BridgeCounters implements Shareable {
  public static final String MAP = "tradingrt.bridge";
  public static final String TCP = "tcp";

  private final AtomicLong open = new AtomicLong();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder refusedAtCap = new LongAdder();
  private final Map<FrameError, LongAdder> refused = new EnumMap<>(FrameError.class);

  public BridgeCounters() {
    for (FrameError error : FrameError.values()) {
      refused.put(error, new LongAdder());
    }
  }

  void connected() {
    open.incrementAndGet();
    accepted.increment();
  }

  void disconnected() {
    open.decrementAndGet();
  }

  void count(FrameError error) {
    refused.get(error).increment();
    if (error == FrameError.TOO_MANY_CONNECTIONS) {
      refusedAtCap.increment();
    }
  }

  public long open() {
    return open.get();
  }

  public long accepted() {
    return accepted.sum();
  }

  public long refusedAtCap() {
    return refusedAtCap.sum();
  }

  public long refused(FrameError error) {
    return refused.get(error).sum();
  }

  /** Refusals by reason code ({@code frame_too_large}, {@code idle_timeout}, …), zeros included. */
  public Map<String, Long> refusedByReason() {
    Map<String, Long> byCode = new java.util.LinkedHashMap<>();
    refused.forEach((error, count) -> byCode.put(error.code(), count.sum()));
    return byCode;
  }
}
