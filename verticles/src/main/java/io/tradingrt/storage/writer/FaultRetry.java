package io.tradingrt.storage.writer;

import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Retries what fails for a reason outside the record — I/O error, full disk, an invalidated database — with capped,
 * jittered backoff, and reopens the database when DuckDB invalidated it or the fault outlasts a few retries. A record
 * DuckDB rejects ({@link StorageErrorCode#RECORD_REJECTED}) is never retried: it is thrown to the caller at once.
 * While a fault lasts the writer is not ready; every ready↔unavailable transition is reported to the listener.
 */
final class FaultRetry {
  private static final Logger LOG = Logger.getLogger(FaultRetry.class.getName());
  private static final long FIRST_BACKOFF_MILLIS = 50;
  static final long MAX_BACKOFF_MILLIS = 5_000;
  /** A fault that outlasts this many retries gets a fresh database, whatever DuckDB said. */
  private static final int REOPEN_EVERY = 3;

  private final WriterDatabase database;
  private final Runnable onReadyChange;
  private volatile boolean ready = true;
  private volatile String lastError;
  private volatile long retries;
  private volatile long stopDeadlineNanos = Long.MAX_VALUE;

  FaultRetry(WriterDatabase database, Runnable onReadyChange) {
    this.database = database;
    this.onReadyChange = onReadyChange;
  }

  /**
   * Runs {@code work}; after a fault, {@code replay} (appending the kept bulk rows again, since the rollback took
   * them) runs before each further attempt. {@code replayFirst}: they were rolled back already.
   */
  <T> T run(String action, boolean replayFirst, Runnable replay, Supplier<T> work) {
    long backoff = FIRST_BACKOFF_MILLIS;
    boolean needsReplay = replayFirst;
    for (int attempt = 1; ; attempt++) {
      try {
        if (needsReplay) {
          replay.run();
        }
        T result = work.get();
        markReady();
        return result;
      } catch (StorageException e) {
        if (e.code() == StorageErrorCode.RECORD_REJECTED) {
          throw e;
        }
        needsReplay = true;
        markUnavailable(action, attempt, e);
        if (System.nanoTime() > stopDeadlineNanos) {
          throw new GaveUp(action + " failed " + attempt + " times: " + e.getMessage());
        }
        retries++;
        sleep(jittered(backoff));
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        if (e.code() == StorageErrorCode.DATABASE_INVALIDATED || attempt % REOPEN_EVERY == 0) {
          reopen();
        }
      }
    }
  }

  void stopAt(long deadlineNanos) {
    stopDeadlineNanos = deadlineNanos;
  }

  boolean ready() {
    return ready;
  }

  String lastError() {
    return lastError;
  }

  long retries() {
    return retries;
  }

  private void reopen() {
    try {
      database.reopen();
      LOG.warning("storage: reopened the database after a write fault");
    } catch (StorageException e) {
      lastError = e.getMessage();
      LOG.warning(() -> "storage: cannot reopen the database yet: " + e.getMessage());
    }
  }

  private void markReady() {
    if (!ready) {
      ready = true;
      LOG.warning(() -> "storage: writes succeed again after " + retries + " retries in total");
      onReadyChange.run();
    }
  }

  private void markUnavailable(String action, int attempt, StorageException e) {
    lastError = e.getMessage();
    if (ready) {
      ready = false;
      onReadyChange.run();
    }
    // the first failure and then every tenth: an outage must be visible without flooding the log
    if (attempt == 1 || attempt % 10 == 0) {
      LOG.severe(() -> "storage: " + action + " failed (attempt " + attempt + "), keeping the rows to retry: "
          + e.getMessage());
    }
  }

  /** ±25 %, so writers of several nodes retrying one shared disk do not retry in lockstep. */
  private static long jittered(long millis) {
    return millis * 3 / 4 + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The loop was told to stop while the database still refused writes. */
  static final class GaveUp extends RuntimeException {
    GaveUp(String message) {
      super(message, null, false, false);
    }
  }
}
