package io.tradingrt.journal;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * At-least-once delivery of durable records (orders, fills, positions) to the storage writer: request/reply, retried
 * with backoff on timeout or while no writer is registered, until the writer acknowledges after COMMIT. The writer is
 * idempotent by id, so a retry after a lost acknowledgement stores nothing twice. Pending sends are bounded; an
 * overflow is counted and logged as an error, never silent.
 */
public final class DurableSender {
  private static final Logger LOG = Logger.getLogger(DurableSender.class.getName());
  private static final long MAX_BACKOFF_MILLIS = 5_000;
  /**
   * Sends awaiting their commit, per producer: beyond it a record is refused and counted. Each pending send holds a
   * timer, a reply handler and a queued write, so the bound is what keeps an order storm from filling the heap.
   */
  public static final int MAX_PENDING = 10_000;

  private final Vertx vertx;
  private final long timeoutMillis;
  private final int maxPending;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong overflowed = new AtomicLong();
  private volatile boolean warnedNoWriter;

  public DurableSender(Vertx vertx, long timeoutMillis, int maxPending) {
    this.vertx = vertx;
    this.timeoutMillis = timeoutMillis;
    this.maxPending = maxPending;
  }

  /** Sends {@code record} to {@code address}; {@code onStored} runs once the writer has committed it. */
  public <T> void send(String address, T record, String id, Consumer<String> onStored) {
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      long n = overflowed.incrementAndGet();
      LOG.severe(() -> "storage: " + n + " durable writes refused, " + maxPending + " already pending; " + id
          + " is not persisted");
      return;
    }
    attempt(address, record, id, onStored, 100);
  }

  private <T> void attempt(String address, T record, String id, Consumer<String> onStored, long backoffMillis) {
    vertx.eventBus().request(address, record, new DeliveryOptions().setSendTimeout(timeoutMillis))
        .onSuccess(reply -> {
          pending.decrementAndGet();
          onStored.accept(id);
        })
        .onFailure(e -> {
          if (e instanceof ReplyException reply && reply.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS
              && !warnedNoWriter) {
            warnedNoWriter = true;
            LOG.warning("storage: no storage writer is registered yet; durable writes are retried until one is");
          }
          long next = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
          vertx.setTimer(backoffMillis, t -> attempt(address, record, id, onStored, next));
        });
  }

  public long pending() {
    return pending.get();
  }

  public long overflowed() {
    return overflowed.get();
  }
}
