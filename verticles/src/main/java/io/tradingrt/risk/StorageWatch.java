package io.tradingrt.risk;

import io.tradingrt.codecs.TradingState;

/**
 * Tells the {@link RiskEngine} whether the storage writer can commit. The risk verticle feeds it the writer's
 * {@code storage.status} transitions and the answers to a {@code storage.health} poll every {@link #POLL_MILLIS}, so
 * a lost message or a writer that no longer answers also counts as unavailable.
 */
final class StorageWatch {
  static final long POLL_MILLIS = 1_000;
  static final long POLL_TIMEOUT_MILLIS = 1_500;

  private final TradingState action;
  private final RiskEngine engine;
  private final Runnable publishStateChanges;

  StorageWatch(TradingState action, RiskEngine engine, Runnable publishStateChanges) {
    this.action = action;
    this.engine = engine;
    this.publishStateChanges = publishStateChanges;
  }

  /** A health report from the writer: {@code ready}, or not with the writer's last error. */
  void health(boolean ready, String lastError) {
    if (ready) {
      if (!engine.storageIsAvailable()) {
        engine.storageAvailable();
        publishStateChanges.run();
      }
    } else {
      unavailable(lastError);
    }
  }

  /** The writer did not answer the poll: storage counts as unavailable. */
  void noAnswer(String why) {
    unavailable("the storage writer did not answer: " + why);
  }

  private void unavailable(String detail) {
    if (engine.storageIsAvailable()) {
      engine.storageUnavailable(action, detail);
      publishStateChanges.run();
    }
  }
}
