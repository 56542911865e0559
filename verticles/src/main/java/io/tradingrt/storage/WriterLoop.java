package io.tradingrt.storage;

import io.tradingrt.time.MicrosClock;
import org.duckdb.DuckDBConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The writer thread's loop: drains the {@link WriteQueue} into the {@link StorageWriter}, commits by size or age,
 * checkpoints on a schedule. When a commit fails (I/O error, full disk) the rows appended since the last commit are
 * kept — the queue bound keeps them bounded — and replayed on retry with backoff, while {@link #health()} reports
 * not ready; nothing accepted is dropped silently.
 */
public final class WriterLoop implements Runnable {
  private static final Logger LOG = Logger.getLogger(WriterLoop.class.getName());
  private static final long MAX_BACKOFF_MILLIS = 5_000;
  /** A durable group that fails this often is refused (its producers retry) instead of stalling the writer. */
  private static final int DURABLE_ATTEMPTS = 5;

  /** What the health check, metrics and the dashboard see of the writer. */
  public record Health(boolean ready, long queuedRows, long droppedRows, long rowsCommitted, long commits,
                       long failedCommits, long lastCommitMicros, String lastError) {
  }

  private final WriteQueue queue;
  private final StorageWriter writer;
  private final DuckDBConnection connection;
  private final MicrosClock clock;
  private final int flushRows;
  private final long flushMicros;
  private final long checkpointMicros;
  private final List<WriteQueue.Bulk> uncommitted = new ArrayList<>();
  private final List<WriteQueue.Durable> durableGroup = new ArrayList<>();
  private volatile boolean stopping;
  private volatile long stopDeadlineNanos = Long.MAX_VALUE;
  private volatile boolean ready = true;
  private volatile String lastError;
  private volatile WriterStats stats;
  private long lastCheckpointMicros;

  public WriterLoop(WriteQueue queue, StorageWriter writer, DuckDBConnection connection, MicrosClock clock,
                    int flushRows, long flushMillis, long checkpointSeconds) {
    this.queue = queue;
    this.writer = writer;
    this.connection = connection;
    this.clock = clock;
    this.flushRows = flushRows;
    this.flushMicros = flushMillis * 1_000;
    this.checkpointMicros = checkpointSeconds * 1_000_000;
    this.stats = writer.stats();
  }

  @Override
  public void run() {
    lastCheckpointMicros = clock.nowMicros();
    try {
      while (!stopping || !queue.isEmpty()) {
        WriteQueue.Item item = queue.poll(Math.max(1, flushMicros / 4_000));
        int drained = 0;
        while (item != null) {
          apply(item);
          // stop draining once a commit is due, so one transaction never grows past flushRows by much
          item = ++drained < 10_000 && !writer.flushDue(flushRows, flushMicros) ? queue.poll(0) : null;
        }
        writeDurableGroup();
        if (writer.flushDue(flushRows, flushMicros)) {
          commit();
        }
        if (clock.nowMicros() - lastCheckpointMicros >= checkpointMicros) {
          commit();
          withRetry("checkpoint", () -> {
            writer.checkpoint();
            return null;
          });
          lastCheckpointMicros = clock.nowMicros();
        }
      }
      writeDurableGroup();
      commit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (GaveUp e) {
      LOG.severe(() -> "storage: writer stopped while the database still failed: " + e.getMessage());
    } finally {
      writer.close();
    }
  }

  /** Asks the loop to drain the queue, commit and end; retries of a failing commit stop at {@code deadlineNanos}. */
  public void stop(long deadlineNanos) {
    stopDeadlineNanos = deadlineNanos;
    stopping = true;
    queue.wakeUp();
  }

  public Health health() {
    WriterStats s = stats;
    return new Health(ready, queue.queuedRows(), queue.droppedRows(), s.rowsCommitted(), s.commits(),
        s.failedCommits(), s.lastCommitMicros(), lastError);
  }

  private void apply(WriteQueue.Item item) {
    if (item instanceof WriteQueue.Bulk bulk) {
      withRetry("append", () -> {
        bulk.appendTo(writer);
        return null;
      });
      uncommitted.add(bulk);
    } else if (item instanceof WriteQueue.Durable d) {
      durableGroup.add(d);
      if (durableGroup.size() >= 1_000) {
        writeDurableGroup();
      }
    } else if (item instanceof WriteQueue.Task task) {
      writeDurableGroup();
      commit();
      try {
        task.work().accept(connection);
        task.done().complete(null);
      } catch (RuntimeException e) {
        LOG.warning(() -> "storage: " + task.name() + " failed: " + e.getMessage());
        task.done().completeExceptionally(e);
      }
    }
    stats = writer.stats();
  }

  /**
   * Group commit: the durable items drained in one pass share one transaction, so a burst of fills costs one WAL
   * sync instead of one each, and ticks are not starved behind them. Each producer is acknowledged after it.
   */
  private void writeDurableGroup() {
    if (durableGroup.isEmpty()) {
      return;
    }
    List<io.tradingrt.codecs.OrderEvent> events = new ArrayList<>();
    List<io.tradingrt.codecs.Fill> fills = new ArrayList<>();
    List<io.tradingrt.codecs.Position> positions = new ArrayList<>();
    java.util.Map<String, io.tradingrt.codecs.Position> latest = new java.util.LinkedHashMap<>();
    for (WriteQueue.Durable d : durableGroup) {
      events.addAll(d.events());
      fills.addAll(d.fills());
      // only the newest state of a position matters; the upsert ignores older ones anyway
      d.positions().forEach(p -> latest.merge(p.symbol(), p, (a, b) -> b.tsMicros() >= a.tsMicros() ? b : a));
    }
    positions.addAll(latest.values());
    try {
      // bulk rows appended so far commit in the same transaction: one WAL sync for both
      var result = withRetry("durable write", DURABLE_ATTEMPTS, false,
          () -> writer.writeTradingEvents(events, fills, positions));
      uncommitted.clear();
      durableGroup.forEach(d -> d.done().complete(result));
    } catch (GaveUp e) {
      if (!stopping) {
        // refused, not lost: the producers are told and retry; the bulk rows rolled back with the group are
        // appended again and committed on their own
        durableGroup.forEach(d -> d.done().completeExceptionally(e));
        withRetry("commit after a refused durable write", Integer.MAX_VALUE, true, () -> {
          writer.flush();
          return null;
        });
        uncommitted.clear();
        return;
      }
      durableGroup.forEach(d -> d.done().completeExceptionally(e));
      throw e;
    } finally {
      durableGroup.clear();
      stats = writer.stats();
    }
  }

  private void commit() {
    withRetry("commit", () -> {
      writer.flush();
      return null;
    });
    uncommitted.clear();
    stats = writer.stats();
  }

  /** Runs {@code work}; after a failure the rolled-back rows are appended again before the next attempt. */
  private <T> T withRetry(String action, Supplier<T> work) {
    return withRetry(action, Integer.MAX_VALUE, false, work);
  }

  /** {@code replayFirst}: the kept bulk rows were rolled back already and must be appended before the first try. */
  private <T> T withRetry(String action, int maxAttempts, boolean replayFirst, Supplier<T> work) {
    long backoff = 50;
    boolean replay = replayFirst;
    for (int attempt = 1; ; attempt++) {
      try {
        if (replay) {
          for (WriteQueue.Bulk bulk : uncommitted) {
            bulk.appendTo(writer);
          }
        }
        T result = work.get();
        if (!ready) {
          LOG.info("storage: writes succeed again");
        }
        ready = true;
        return result;
      } catch (StorageException e) {
        replay = true;
        ready = false;
        lastError = e.getMessage();
        stats = writer.stats();
        LOG.severe(() -> "storage: " + action + " failed, keeping " + uncommitted.stream()
            .mapToInt(WriteQueue.Bulk::rows).sum() + " rows to retry: " + e.getMessage());
        if (System.nanoTime() > stopDeadlineNanos || attempt >= maxAttempts) {
          throw new GaveUp(action + " failed " + attempt + " times: " + e.getMessage());
        }
        sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
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
