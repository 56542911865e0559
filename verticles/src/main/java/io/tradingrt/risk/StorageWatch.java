package io.tradingrt.risk;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.TradingState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * Tells the {@link RiskEngine} whether the storage writer can commit: at once from the writer's
 * {@code storage.status} transitions, and by polling {@code storage.health} every second, so a lost message or a
 * writer that no longer answers also counts as unavailable.
 */
final class StorageWatch {
  private static final long POLL_MILLIS = 1_000;
  private static final long POLL_TIMEOUT_MILLIS = 1_500;

  private final Vertx vertx;
  private final TradingState action;
  private final RiskEngine engine;
  private final Runnable publishStateChanges;
  private boolean polling;

  StorageWatch(Vertx vertx, TradingState action, RiskEngine engine, Runnable publishStateChanges) {
    this.vertx = vertx;
    this.action = action;
    this.engine = engine;
    this.publishStateChanges = publishStateChanges;
  }

  Future<Void> start() {
    vertx.setPeriodic(POLL_MILLIS, id -> poll());
    return vertx.eventBus().<JsonObject>consumer(Addresses.STORAGE_STATUS, m -> apply(m.body())).completion();
  }

  private void poll() {
    if (polling) {
      return;
    }
    polling = true;
    vertx.eventBus().<Object>request(Addresses.STORAGE_HEALTH, new JsonObject(),
            new DeliveryOptions().setSendTimeout(POLL_TIMEOUT_MILLIS))
        .onComplete(reply -> {
          polling = false;
          if (reply.succeeded() && reply.result().body() instanceof JsonObject health) {
            apply(health);
          } else {
            unavailable("the storage writer did not answer: "
                + (reply.failed() ? reply.cause().getMessage() : "unreadable health reply"));
          }
        });
  }

  private void apply(JsonObject health) {
    if (health.getBoolean("ready", false)) {
      if (!engine.storageIsAvailable()) {
        engine.storageAvailable();
        publishStateChanges.run();
      }
    } else {
      unavailable(health.getString("lastError", "the writer is not ready"));
    }
  }

  private void unavailable(String detail) {
    if (engine.storageIsAvailable()) {
      engine.storageUnavailable(action, detail);
      publishStateChanges.run();
    }
  }
}
