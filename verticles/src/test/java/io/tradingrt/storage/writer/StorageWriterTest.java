package io.tradingrt.storage.writer;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.OrderEvent;
import static io.tradingrt.storage.StorageFixtures.MONDAY;
import static io.tradingrt.storage.StorageFixtures.SECOND;
import static io.tradingrt.storage.StorageFixtures.count;
import static io.tradingrt.storage.StorageFixtures.fill;
import static io.tradingrt.storage.StorageFixtures.orderEvent;
import static io.tradingrt.storage.StorageFixtures.position;
import static io.tradingrt.storage.StorageFixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.MetricsSnapshot;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TradingState;
import io.tradingrt.storage.StorageFixtures;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.storage.query.OrderQuery;
import io.tradingrt.storage.query.StorageQueries;
import io.tradingrt.storage.schema.LogEntry;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

class StorageWriterTest {

  @TempDir
  Path dir;

  private DuckDBConnection database;
  private DuckDBConnection reader;
  private final AtomicLong now = new AtomicLong(MONDAY);
  private StorageWriter writer;

  @BeforeEach
  void open() throws Exception {
    database = StorageFixtures.openMigrated(dir.resolve("writer.duckdb"));
    reader = database.duplicate();
    writer = new StorageWriter(database.duplicate(), now::get);
  }

  @AfterEach
  void close() throws Exception {
    writer.close();
    reader.close();
    database.close();
  }

  @Test
  void aLargeGroupIsStagedAndStoredOnceEvenWhenPartlyRepeated() throws Exception {
    List<OrderEvent> events = new java.util.ArrayList<>();
    List<Fill> fills = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      events.add(StorageFixtures.orderEvent("o-" + i, "AAPL", OrderStatus.FILLED, "1", MONDAY + i));
      fills.add(StorageFixtures.fill("o-" + i + "-F1", "AAPL", "1", "100.25", MONDAY + i));
    }
    var first = writer.writeTradingEvents(events.subList(0, 30), fills.subList(0, 30), List.of());
    assertEquals(30, first.newOrderEvents());
    assertEquals(30, first.newFills());
    // a retry after a lost acknowledgement repeats rows: only the 20 new ones are stored
    var second = writer.writeTradingEvents(events, fills, List.of());
    assertEquals(20, second.newOrderEvents());
    assertEquals(20, second.newFills());
    assertEquals(50, count(reader, "orders"));
    assertEquals(50, count(reader, "trades"));
    assertEquals(0, count(reader, "orders_stage") + count(reader, "trades_stage"), "stages are emptied");
  }

  @Test
  void aLateRetriedEventDoesNotMoveAnOrderBackwards() throws Exception {
    // the ACCEPTED write timed out and its retry lands after FILLED: the order still reads FILLED
    writer.writeOrderEvent(StorageFixtures.orderEvent("late-1", "AAPL", OrderStatus.FILLED, "10", MONDAY + 2));
    writer.writeOrderEvent(StorageFixtures.orderEvent("late-1", "AAPL", OrderStatus.ACCEPTED, "0", MONDAY + 1));
    var latest = new StorageQueries(reader).latestOrders(OrderQuery.all(10).withSymbol("AAPL"));
    assertEquals(1, latest.size());
    assertEquals(OrderStatus.FILLED, latest.get(0).event().status());
  }

  @Test
  void appendedTicksStayInvisibleUntilFlushCommitsThem() throws Exception {
    List<Tick> ticks = StorageFixtures.randomTicks(1, 5_000, MONDAY, 60 * SECOND, "AAPL", "MSFT");
    writer.appendTicks(ticks);
    assertEquals(0, count(reader, "market_ticks"), "rows are inside the open transaction");
    assertEquals(5_000, writer.pendingRows());
    writer.flush();
    assertEquals(5_000, count(reader, "market_ticks"));
    WriterStats stats = writer.stats();
    assertEquals(5_000, stats.rowsCommitted());
    assertEquals(1, stats.commits());
    assertEquals(0, stats.pendingRows());
    assertTrue(stats.lastCommitMicros() > 0);
  }

  @Test
  void ticksRoundTripExactly() {
    List<Tick> ticks = List.of(StorageFixtures.tick("EUR/USD", MONDAY + 1, "1.08765432", "0.00000001", 7),
        StorageFixtures.tick("EUR/USD", MONDAY + 2, "99999999.99999999", "1234567.5", 8));
    writer.appendTicks(ticks);
    writer.flush();
    try (StorageQueries queries = new StorageQueries(reader)) {
      assertEquals(List.of(ticks.get(1), ticks.get(0)), queries.latestTicks("EUR/USD", 10));
    }
  }

  @Test
  void flushDueFollowsRowsAndAge() {
    writer.appendTicks(List.of(StorageFixtures.tick("AAPL", MONDAY, "100", "1", 1)));
    assertFalse(writer.flushDue(10, 200_000));
    now.addAndGet(200_000);
    assertTrue(writer.flushDue(10, 200_000), "the oldest pending row reached the age limit");
    assertTrue(writer.flushDue(1, Long.MAX_VALUE), "the row limit is reached");
  }

  @Test
  void everyBulkTableIsCommittedByOneFlush() throws Exception {
    writer.appendBars(List.of(new Bar("AAPL", "1m", MONDAY, Fixed.of(1), Fixed.of(2), Fixed.of("0.5"), Fixed.of(1),
        Fixed.of(10), Fixed.of("1.2"), 4)));
    writer.appendMetrics(new MetricsSnapshot(MONDAY, 1, 2, 3, 4, 5, 6, Fixed.of(1_000_000), Fixed.ZERO, Fixed.ONE,
        Fixed.ZERO, TradingState.ACTIVE, 10, 20, 0, 0, 1 << 20, 1 << 30, 125, 4, 9));
    writer.appendLogs(List.of(new LogEntry(MONDAY, "WARN", "risk", "worker-1", "throttled", null)));
    writer.appendPortfolioSnapshot(new PortfolioSnapshot(MONDAY, Fixed.of(1_000_000), Fixed.of(1_000_000),
        Fixed.ZERO, Fixed.ZERO, Fixed.ZERO, Fixed.ZERO, Fixed.ZERO, Fixed.of(1_000_000), Fixed.ZERO, List.of()));
    writer.flush();
    assertEquals(1, count(reader, "ohlcv_bars"));
    assertEquals(1, count(reader, "system_metrics"));
    assertEquals(1, count(reader, "application_logs WHERE error IS NULL"));
    assertEquals(1, count(reader, "portfolio_snapshots"));
    try (StorageQueries queries = new StorageQueries(reader.duplicate())) {
      assertEquals(125, queries.metricsHistory(MONDAY, MONDAY + 1, 10).get(0).cpuPermille());
      assertEquals("throttled", queries.logs("WARN", MONDAY, MONDAY + 1, 10).get(0).message());
      assertEquals(Fixed.of("1.2"), queries.storedBars("AAPL", "1m", MONDAY, MONDAY + 60 * SECOND).get(0).vwap());
    }
  }

  @Test
  void orderEventsAreDurableOnReturnIdempotentAndSequenced() throws Exception {
    var submitted = orderEvent("o-1", "AAPL", OrderStatus.SUBMITTED, "0", MONDAY);
    var partial = orderEvent("o-1", "AAPL", OrderStatus.PARTIALLY_FILLED, "4", MONDAY + 5);
    assertTrue(writer.writeOrderEvent(submitted));
    assertEquals(1, count(reader, "orders"), "committed before the call returned");
    assertFalse(writer.writeOrderEvent(submitted), "a redelivered event is a no-op");
    assertTrue(writer.writeOrderEvent(partial));
    assertEquals("1,2", scalar(reader, "SELECT string_agg(event_seq::VARCHAR, ',' ORDER BY event_seq) FROM orders"));
    assertEquals("PARTIALLY_FILLED", scalar(reader, "SELECT status FROM latest_orders"));
  }

  @Test
  void fillsAreIdempotentByFillId() throws Exception {
    assertTrue(writer.writeFill(fill("f-1", "AAPL", "4", "101.2", MONDAY)));
    assertFalse(writer.writeFill(fill("f-1", "AAPL", "4", "101.2", MONDAY)));
    assertEquals(1, count(reader, "trades"));
  }

  @Test
  void positionUpsertKeepsTheNewestState() throws Exception {
    writer.upsertPosition(position("AAPL", "10", "0", MONDAY + 10));
    writer.upsertPosition(position("AAPL", "5", "1", MONDAY));
    assertEquals("10.00000000", scalar(reader, "SELECT quantity FROM positions"), "a late, older update is ignored");
    writer.upsertPosition(position("AAPL", "0", "7", MONDAY + 20));
    assertEquals(0, count(reader, "current_positions"), "a flat position is not current");
    assertEquals("7.00000000", scalar(reader, "SELECT realized_pnl FROM positions"));
  }

  @Test
  void aTradingWriteCommitsPendingTicksFirst() throws Exception {
    writer.appendTicks(StorageFixtures.randomTicks(2, 100, MONDAY, SECOND, "AAPL"));
    writer.writeFill(fill("f-9", "AAPL", "1", "100", MONDAY));
    assertEquals(100, count(reader, "market_ticks"));
    assertEquals(101, writer.stats().rowsCommitted());
  }

  @Test
  void closeCommitsWhatIsPending() throws Exception {
    writer.appendTicks(StorageFixtures.randomTicks(3, 10, MONDAY, SECOND, "AAPL"));
    writer.close();
    assertEquals(10, count(reader, "market_ticks"));
    writer = new StorageWriter(database.duplicate(), now::get);
  }

  @Test
  void theWriterRefusesASecondThread() throws Exception {
    writer.flush();
    CompletableFuture<Void> other = CompletableFuture.runAsync(writer::flush);
    ExecutionException error = assertThrows(ExecutionException.class, other::get);
    assertTrue(error.getCause() instanceof IllegalStateException);
  }

  @Test
  void aFailedCommitRollsBackAndTheWriterKeepsWorking() throws Exception {
    writer.appendTicks(StorageFixtures.randomTicks(4, 10, MONDAY, SECOND, "AAPL"));
    try (var alter = reader.createStatement()) {
      alter.execute("ALTER TABLE market_ticks ADD COLUMN venue VARCHAR");
    }
    StorageException error = assertThrows(StorageException.class, writer::flush);
    assertEquals(StorageErrorCode.WRITE_FAILED, error.code());
    assertEquals(1, writer.stats().failedCommits());
    assertEquals(0, count(reader, "market_ticks"));
    try (var alter = reader.createStatement()) {
      alter.execute("ALTER TABLE market_ticks DROP COLUMN venue");
    }
    writer.appendTicks(StorageFixtures.randomTicks(5, 10, MONDAY, SECOND, "AAPL"));
    writer.flush();
    assertEquals(10, count(reader, "market_ticks"));
  }
}
