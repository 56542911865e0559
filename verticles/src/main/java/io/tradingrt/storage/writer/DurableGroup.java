package io.tradingrt.storage.writer;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.JournalEntry;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.Position;

import io.tradingrt.storage.database.StorageException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Group commit of durable records: the items drained in one pass share one transaction with the bulk rows of that
 * pass, so a burst of fills costs one WAL sync instead of one each. If DuckDB rejects the group because of a record,
 * the bulk rows commit alone and the group is written record by record: the rejected record is quarantined, every
 * other one stored, and each producer acknowledged after the commit that holds its records.
 */
final class DurableGroup {

  private final List<WriteQueue.Durable> items = new ArrayList<>();
  private final WriterDatabase database;
  private final FaultRetry retry;
  private final KeptRows kept;
  private final Quarantine quarantine;

  DurableGroup(WriterDatabase database, FaultRetry retry, KeptRows kept, Quarantine quarantine) {
    this.database = database;
    this.retry = retry;
    this.kept = kept;
    this.quarantine = quarantine;
  }

  void add(WriteQueue.Durable durable) {
    items.add(durable);
  }

  int size() {
    return items.size();
  }

  /** Writes and acknowledges the group; a transient fault is retried until it clears (or the stop deadline). */
  void write() {
    if (items.isEmpty()) {
      return;
    }
    List<OrderEvent> events = new ArrayList<>();
    List<Fill> fills = new ArrayList<>();
    List<JournalEntry> journal = new ArrayList<>();
    Map<String, Position> latest = new LinkedHashMap<>();
    for (WriteQueue.Durable d : items) {
      events.addAll(d.events());
      fills.addAll(d.fills());
      journal.addAll(d.journal());
      // only the newest state of a position matters; the upsert ignores older ones anyway
      d.positions().forEach(p -> latest.merge(p.symbol(), p, (a, b) -> b.tsMicros() >= a.tsMicros() ? b : a));
    }
    List<Position> positions = List.copyOf(latest.values());
    try {
      try {
        StorageWriter.TradingWrite result = retry.run("durable write", false, kept::replay,
            () -> database.writer().writeTradingEvents(events, fills, positions, journal));
        kept.committed();
        items.forEach(d -> d.done().complete(result));
      } catch (StorageException rejected) {
        kept.isolate();
        items.forEach(this::writeOneByOne);
      }
    } catch (FaultRetry.GaveUp e) {
      items.forEach(d -> d.done().completeExceptionally(e));
      throw e;
    } finally {
      items.clear();
    }
  }

  private void writeOneByOne(WriteQueue.Durable d) {
    StorageWriter.TradingWrite total = new StorageWriter.TradingWrite(0, 0, 0, 0);
    for (OrderEvent e : d.events()) {
      total = total.plus(alone(e, () -> database.writer().writeTradingEvents(List.of(e), List.of(), List.of())));
    }
    for (Fill f : d.fills()) {
      total = total.plus(alone(f, () -> database.writer().writeTradingEvents(List.of(), List.of(f), List.of())));
    }
    for (Position p : d.positions()) {
      total = total.plus(alone(p, () -> database.writer().writeTradingEvents(List.of(), List.of(), List.of(p))));
    }
    for (JournalEntry j : d.journal()) {
      total = total.plus(alone(j, () -> database.writer().writeTradingEvents(List.of(), List.of(), List.of(),
          List.of(j))));
    }
    d.done().complete(total);
  }

  private StorageWriter.TradingWrite alone(Object record, Supplier<StorageWriter.TradingWrite> write) {
    try {
      return retry.run("durable write", false, () -> { }, write);
    } catch (StorageException rejected) {
      Quarantine.Entry entry = quarantine.entry(record, rejected);
      retry.run("quarantine", false, () -> { }, () -> {
        quarantine.keep(database.writer(), entry);
        return null;
      });
      return new StorageWriter.TradingWrite(0, 0, 0, 1);
    }
  }
}
