package io.tradingrt.storage.writer;

import io.tradingrt.storage.database.StorageException;
import io.tradingrt.time.MicrosClock;

import java.util.logging.Logger;

/**
 * The writer thread's loop: drains the {@link WriteQueue} into the {@link StorageWriter}, commits by size or age,
 * checkpoints on a schedule. A transient fault (I/O error, full disk, invalidated database) is retried by
 * {@link FaultRetry} — reopening the database when needed — with the uncommitted rows kept and replayed, while
 * {@link #health()} reports not ready; a record DuckDB rejects is quarantined ({@link Quarantine}) and the rest of
 * its batch commits. Nothing accepted is dropped silently and nothing durable is acknowledged before its COMMIT.
 */
public final class WriterLoop implements Runnable {
  private static final Logger LOG = Logger.getLogger(WriterLoop.class.getName());
  /** The cause reported while the writer cannot commit; risk stops trading with the same code. */
  public static final String UNAVAILABLE = "STORAGE_UNAVAILABLE";

  /** What the health check, metrics, the dashboard and the risk role see of the writer. */
  public record Health(boolean ready, String cause, long queuedRows, long droppedRows, long rowsCommitted,
                       long commits, long failedCommits, long retries, long reopens, long quarantined,
                       long rejectedRows, long lastCommitMicros, String lastError) {
  }

  private final WriteQueue queue;
  private final WriterDatabase database;
  private final Quarantine quarantine;
  private final FaultRetry retry;
  private final KeptRows kept;
  private final DurableGroup durableGroup;
  private final MicrosClock clock;
  private final int flushRows;
  private final long flushMicros;
  private final long checkpointMicros;
  private volatile boolean stopping;
  private volatile WriterStats stats;
  private long lastCheckpointMicros;

  /** {@code onReadyChange} runs on the writer thread at every ready↔unavailable transition. */
  public WriterLoop(WriteQueue queue, WriterDatabase database, Quarantine quarantine, MicrosClock clock,
                    int flushRows, long flushMillis, long checkpointSeconds, Runnable onReadyChange) {
    this.queue = queue;
    this.database = database;
    this.quarantine = quarantine;
    this.retry = new FaultRetry(database, onReadyChange);
    this.kept = new KeptRows(database, retry, quarantine);
    this.durableGroup = new DurableGroup(database, retry, kept, quarantine);
    this.clock = clock;
    this.flushRows = flushRows;
    this.flushMicros = flushMillis * 1_000;
    this.checkpointMicros = checkpointSeconds * 1_000_000;
    this.stats = database.stats();
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
          item = ++drained < 10_000 && !database.writer().flushDue(flushRows, flushMicros) ? queue.poll(0) : null;
        }
        writeDurableGroup();
        if (database.writer().flushDue(flushRows, flushMicros)) {
          commit();
        }
        if (clock.nowMicros() - lastCheckpointMicros >= checkpointMicros) {
          checkpoint();
        }
      }
      writeDurableGroup();
      commit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (FaultRetry.GaveUp e) {
      LOG.severe(() -> "storage: writer stopped while the database still failed, " + kept.count()
          + " rows not written: " + e.getMessage());
    } finally {
      closeQuietly();
    }
  }

  /** Asks the loop to drain the queue, commit and end; retries of a failing commit stop at {@code deadlineNanos}. */
  public void stop(long deadlineNanos) {
    retry.stopAt(deadlineNanos);
    stopping = true;
    queue.wakeUp();
  }

  public Health health() {
    WriterStats s = stats;
    boolean ready = retry.ready();
    return new Health(ready, ready ? null : UNAVAILABLE, queue.queuedRows(), queue.droppedRows(), s.rowsCommitted(),
        s.commits(), s.failedCommits(), retry.retries(), database.reopens(), quarantine.records(),
        quarantine.rejectedRows(), s.lastCommitMicros(), retry.lastError());
  }

  private void apply(WriteQueue.Item item) {
    if (item instanceof WriteQueue.Bulk bulk) {
      kept.add(bulk);
      try {
        retry.run("append", false, kept::replay, () -> {
          bulk.appendTo(database.writer());
          return null;
        });
      } catch (StorageException rejected) {
        kept.isolate();
      }
    } else if (item instanceof WriteQueue.Durable d) {
      durableGroup.add(d);
      if (durableGroup.size() >= 1_000) {
        writeDurableGroup();
      }
    } else if (item instanceof WriteQueue.Task task) {
      writeDurableGroup();
      commit();
      try {
        task.work().accept(database.connection());
        task.done().complete(null);
      } catch (RuntimeException e) {
        LOG.warning(() -> "storage: " + task.name() + " failed: " + e.getMessage());
        task.done().completeExceptionally(e);
      }
    }
    stats = database.stats();
  }

  private void writeDurableGroup() {
    try {
      durableGroup.write();
    } finally {
      stats = database.stats();
    }
  }

  private void commit() {
    try {
      retry.run("commit", false, kept::replay, () -> {
        database.writer().flush();
        return null;
      });
      kept.committed();
    } catch (StorageException rejected) {
      kept.isolate();
    }
    stats = database.stats();
  }

  private void checkpoint() {
    commit();
    retry.run("checkpoint", false, kept::replay, () -> {
      database.writer().checkpoint();
      return null;
    });
    lastCheckpointMicros = clock.nowMicros();
  }

  private void closeQuietly() {
    try {
      database.close();
    } catch (StorageException e) {
      LOG.severe(() -> "storage: closing the database failed: " + e.getMessage());
    }
  }
}
