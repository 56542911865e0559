package io.tradingrt.storage.writer;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.JournalEntry;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.time.MicrosClock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Where records go that DuckDB can never store ({@link StorageErrorCode#RECORD_REJECTED}): durable records into the
 * {@code dead_letters} table (V6), or a JSON-lines file beside the database when DuckDB refuses even that row; bulk
 * rows are dropped and counted. Each is logged once, so a poison record neither blocks the writer nor floods the log.
 */
public final class Quarantine {
  private static final Logger LOG = Logger.getLogger(Quarantine.class.getName());
  private static final String INSERT = "INSERT INTO dead_letters (kind, record_id, record_json, error, ts) "
      + "VALUES (?, ?, ?, ?, make_timestamp(?)) ON CONFLICT DO NOTHING";

  /** A quarantined record: what it was, its id, its JSON and why DuckDB refused it. */
  record Entry(String kind, String recordId, String json, String error, long tsMicros) {
  }

  private final Path fallbackFile;
  private final MicrosClock clock;
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong rejectedRows = new AtomicLong();

  public Quarantine(Path fallbackFile, MicrosClock clock) {
    this.fallbackFile = fallbackFile;
    this.clock = clock;
  }

  Entry entry(Object record, StorageException error) {
    String detail = error.getMessage();
    long now = clock.nowMicros();
    if (record instanceof OrderEvent e) {
      return new Entry("order-event", e.clientOrderId() + "/" + e.status() + "/" + e.filledQuantity() + "/"
          + e.tsMicros(), ContractJson.write(e), detail, now);
    }
    if (record instanceof Fill f) {
      return new Entry("fill", f.fillId(), ContractJson.write(f), detail, now);
    }
    if (record instanceof JournalEntry j) {
      return new Entry("journal-entry", j.entryId(), ContractJson.write(j), detail, now);
    }
    if (record instanceof Position p) {
      return new Entry("position", p.symbol() + "@" + p.tsMicros(), ContractJson.write(p), detail, now);
    }
    throw new IllegalArgumentException("not a durable record: " + record);
  }

  /**
   * Stores the entry in its own transaction. A transient failure is thrown (the caller retries it like any write);
   * if DuckDB rejects the dead-letter row itself, it goes to the fallback file.
   */
  void keep(StorageWriter writer, Entry entry) {
    try {
      writer.writeAlone(connection -> {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
          insert.setString(1, entry.kind());
          insert.setString(2, entry.recordId());
          insert.setString(3, entry.json());
          insert.setString(4, entry.error());
          insert.setLong(5, entry.tsMicros());
          insert.executeUpdate();
        }
      });
    } catch (StorageException e) {
      if (e.code() != StorageErrorCode.RECORD_REJECTED) {
        throw e;
      }
      appendToFile(entry);
    }
    records.incrementAndGet();
    LOG.severe(() -> "storage: quarantined " + entry.kind() + " " + entry.recordId()
        + " (it can never be stored; kept in dead_letters): " + entry.error());
  }

  /** Bulk rows are fire-and-forget: a batch DuckDB refuses is dropped, counted and logged (first, then every 1000th). */
  void reject(WriteQueue.Bulk bulk, StorageException error) {
    long before = rejectedRows.getAndAdd(bulk.rows());
    if (before == 0 || before / 1_000 != (before + bulk.rows()) / 1_000) {
      LOG.severe(() -> "storage: dropped " + bulk.rows() + " " + bulk.getClass().getSimpleName()
          + " rows DuckDB refuses (" + (before + bulk.rows()) + " so far): " + error.getMessage());
    }
  }

  long records() {
    return records.get();
  }

  long rejectedRows() {
    return rejectedRows.get();
  }

  private void appendToFile(Entry entry) {
    String line = ContractJson.mapper().createObjectNode().put("kind", entry.kind()).put("recordId", entry.recordId())
        .put("record", entry.json()).put("error", entry.error()).put("tsMicros", entry.tsMicros()) + "\n";
    try {
      Files.writeString(fallbackFile, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new StorageException(StorageErrorCode.WRITE_FAILED, "cannot write the quarantine file " + fallbackFile
          + ": " + e.getMessage(), e);
    }
  }
}
