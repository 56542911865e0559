package io.tradingrt.storage.writer;

import io.tradingrt.storage.database.StorageException;

import java.util.ArrayList;
import java.util.List;

/**
 * The bulk rows appended since the last commit. A failed transaction rolls them back, so they are kept (the queue
 * bound keeps them bounded) to be appended again before the retry; when DuckDB rejects one of them, each batch is
 * committed alone and the rejected batch is dropped and counted.
 */
final class KeptRows {

  private final List<WriteQueue.Bulk> rows = new ArrayList<>();
  private final WriterDatabase database;
  private final FaultRetry retry;
  private final Quarantine quarantine;

  KeptRows(WriterDatabase database, FaultRetry retry, Quarantine quarantine) {
    this.database = database;
    this.retry = retry;
    this.quarantine = quarantine;
  }

  void add(WriteQueue.Bulk bulk) {
    rows.add(bulk);
  }

  /** Appends every kept batch again after a rollback. */
  void replay() {
    for (WriteQueue.Bulk bulk : rows) {
      bulk.appendTo(database.writer());
    }
  }

  /** The kept rows were committed. */
  void committed() {
    rows.clear();
  }

  int count() {
    return rows.stream().mapToInt(WriteQueue.Bulk::rows).sum();
  }

  /** After a rejected commit (everything rolled back): each batch commits alone; the one DuckDB rejects is dropped. */
  void isolate() {
    List<WriteQueue.Bulk> kept = List.copyOf(rows);
    rows.clear();
    for (WriteQueue.Bulk bulk : kept) {
      try {
        retry.run("commit", false, () -> { }, () -> {
          bulk.appendTo(database.writer());
          database.writer().flush();
          return null;
        });
      } catch (StorageException e) {
        quarantine.reject(bulk, e);
      }
    }
  }
}
