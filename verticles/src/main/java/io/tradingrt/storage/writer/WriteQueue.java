package io.tradingrt.storage.writer;

import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.JournalEntry;
import io.tradingrt.codecs.MetricsSnapshot;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.Tick;
import io.tradingrt.storage.schema.LogEntry;
import org.duckdb.DuckDBConnection;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The writer's intake: any thread offers, the writer thread polls. Bulk rows (ticks, bars, snapshots, metrics, logs)
 * are bounded by {@code capacityRows}; what does not fit is dropped and counted, never silently. Durable items are
 * not bounded here: their producers bound them and retry until acknowledged.
 */
public final class WriteQueue {

  /** Something for the writer thread. */
  public sealed interface Item permits Bulk, Durable, Task {
  }

  /** Fire-and-forget rows, committed in batches by size or age. */
  public sealed interface Bulk extends Item permits TickRows, BarRows, SnapshotRow, MetricsRow, LogRows, WakeUp {
    int rows();

    void appendTo(StorageWriter writer);
  }

  public record TickRows(List<Tick> ticks) implements Bulk {
    public int rows() {
      return ticks.size();
    }

    public void appendTo(StorageWriter writer) {
      writer.appendTicks(ticks);
    }
  }

  public record BarRows(List<Bar> bars) implements Bulk {
    public int rows() {
      return bars.size();
    }

    public void appendTo(StorageWriter writer) {
      writer.appendBars(bars);
    }
  }

  public record SnapshotRow(PortfolioSnapshot snapshot) implements Bulk {
    public int rows() {
      return 1;
    }

    public void appendTo(StorageWriter writer) {
      writer.appendPortfolioSnapshot(snapshot);
    }
  }

  public record MetricsRow(MetricsSnapshot metrics) implements Bulk {
    public int rows() {
      return 1;
    }

    public void appendTo(StorageWriter writer) {
      writer.appendMetrics(metrics);
    }
  }

  public record LogRows(List<LogEntry> entries) implements Bulk {
    public int rows() {
      return entries.size();
    }

    public void appendTo(StorageWriter writer) {
      writer.appendLogs(entries);
    }
  }

  /**
   * Orders, fills, positions and journal entries: committed before {@code done} completes, so the producer may be
   * acknowledged.
   */
  public record Durable(List<OrderEvent> events, List<Fill> fills, List<Position> positions,
                        List<JournalEntry> journal, CompletableFuture<StorageWriter.TradingWrite> done)
      implements Item {

    public Durable(List<OrderEvent> events, List<Fill> fills, List<Position> positions,
                   CompletableFuture<StorageWriter.TradingWrite> done) {
      this(events, fills, positions, List.of(), done);
    }
  }

  /** Work that needs the write connection with no transaction open (tier moves); runs after a commit. */
  public record Task(String name, Consumer<DuckDBConnection> work, CompletableFuture<Void> done) implements Item {
  }

  /** Wakes a writer blocked on the bulk queue when a durable item or task arrives. */
  private record WakeUp() implements Bulk {
    public int rows() {
      return 0;
    }

    public void appendTo(StorageWriter writer) {
    }
  }

  private static final WakeUp WAKE_UP = new WakeUp();

  private final LinkedBlockingQueue<Item> items = new LinkedBlockingQueue<>();
  /** Durable items and tasks go first: acknowledgements must not wait behind millions of queued ticks. */
  private final java.util.concurrent.ConcurrentLinkedQueue<Item> priority = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final long capacityRows;
  private boolean takeBulkNext;
  private final AtomicLong queuedRows = new AtomicLong();
  private final AtomicLong droppedRows = new AtomicLong();

  public WriteQueue(long capacityRows) {
    this.capacityRows = capacityRows;
  }

  /** False when the rows did not fit and were dropped (and counted). */
  public boolean offer(Bulk bulk) {
    int rows = bulk.rows();
    if (queuedRows.addAndGet(rows) > capacityRows) {
      queuedRows.addAndGet(-rows);
      droppedRows.addAndGet(rows);
      return false;
    }
    items.add(bulk);
    return true;
  }

  public void offer(Durable durable) {
    priority.add(durable);
    items.add(WAKE_UP);
  }

  public void offer(Task task) {
    priority.add(task);
    items.add(WAKE_UP);
  }

  /** Wakes a writer blocked in {@link #poll}, e.g. to stop without waiting out its poll interval. */
  public void wakeUp() {
    items.add(WAKE_UP);
  }

  /**
   * The next item, waiting at most {@code millis}; null when none arrived. Durable items and tasks alternate with
   * bulk rows when both wait: acknowledgements stay prompt behind millions of queued ticks, and a steady stream of
   * order events cannot starve the ticks either (they would pile up uncommitted and be lost to a crash).
   */
  public Item poll(long millis) throws InterruptedException {
    takeBulkNext = !takeBulkNext;
    if (takeBulkNext) {
      Item bulk = items.poll();
      while (bulk == WAKE_UP) {
        bulk = items.poll();
      }
      if (bulk instanceof Bulk rows) {
        queuedRows.addAndGet(-rows.rows());
        return bulk;
      }
    }
    Item first = priority.poll();
    if (first != null) {
      return first;
    }
    Item item = items.poll(millis, TimeUnit.MILLISECONDS);
    if (item == WAKE_UP) {
      return priority.poll();
    }
    if (item instanceof Bulk bulk) {
      queuedRows.addAndGet(-bulk.rows());
    }
    return item;
  }

  public boolean isEmpty() {
    return priority.isEmpty() && items.stream().allMatch(i -> i == WAKE_UP);
  }

  public long queuedRows() {
    return queuedRows.get();
  }

  public long droppedRows() {
    return droppedRows.get();
  }

  public long capacityRows() {
    return capacityRows;
  }
}
