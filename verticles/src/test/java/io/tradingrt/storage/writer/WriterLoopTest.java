package io.tradingrt.storage.writer;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Side;
import io.tradingrt.storage.StorageFixtures;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.time.MicrosClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tradingrt.codecs.OrderStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tradingrt.storage.StorageFixtures.MONDAY;
import static io.tradingrt.storage.StorageFixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writer thread against a real file: a record DuckDB rejects neither stalls it nor stores ticks twice. */
class WriterLoopTest {

  @TempDir
  Path dir;

  @Test
  void aRecordDuckDbRejectsIsQuarantinedAndTheRestOfItsGroupAndTicksCommitOnce() throws Exception {
    Path file = dir.resolve("loop.duckdb");
    var connection = StorageFixtures.openMigrated(file);
    WriteQueue queue = new WriteQueue(1_000_000);
    AtomicInteger transitions = new AtomicInteger();
    WriterDatabase database = new WriterDatabase(connection, () -> DuckDb.open(file, "256MB", 1), MicrosClock.SYSTEM);
    WriterLoop loop = new WriterLoop(queue, database, new Quarantine(dir.resolve("q.jsonl"), MicrosClock.SYSTEM),
        MicrosClock.SYSTEM, 1_000_000, 60_000, 3_600, transitions::incrementAndGet);
    // one pass drains all of these into one transaction: ticks, two good fills, the poison, a good event
    queue.offer(new WriteQueue.TickRows(StorageFixtures.randomTicks(3, 300, MONDAY, SECOND, "AAPL")));
    List<CompletableFuture<StorageWriter.TradingWrite>> acks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      acks.add(new CompletableFuture<>());
    }
    // DECIMAL(18,8) holds less than Fixed: this price is a permanent conversion error in DuckDB
    Fill tooLarge = new Fill("big-F1", "big", "s", "AAPL", Side.BUY, Fixed.ONE, Fixed.of(20_000_000_000L),
        Fixed.ZERO, MONDAY);
    queue.offer(new WriteQueue.Durable(List.of(), List.of(StorageFixtures.fill("ok-F1", "AAPL", "1", "101.5",
        MONDAY)), List.of(), acks.get(0)));
    queue.offer(new WriteQueue.Durable(List.of(), List.of(tooLarge), List.of(), acks.get(1)));
    queue.offer(new WriteQueue.Durable(List.of(), List.of(StorageFixtures.fill("ok-F2", "AAPL", "2", "101.6",
        MONDAY)), List.of(), acks.get(2)));
    queue.offer(new WriteQueue.Durable(List.of(StorageFixtures.orderEvent("ok-O1", "AAPL", OrderStatus.ACCEPTED, "0",
        MONDAY)), List.of(), List.of(), acks.get(3)));
    Thread thread = new Thread(loop, "storage-writer-test");
    thread.start();
    try {
      assertEquals(1, acks.get(0).get(30, TimeUnit.SECONDS).newFills());
      assertEquals(1, acks.get(1).get(30, TimeUnit.SECONDS).quarantined(), "the poison is acknowledged as kept");
      assertEquals(1, acks.get(2).get(30, TimeUnit.SECONDS).newFills());
      assertEquals(1, acks.get(3).get(30, TimeUnit.SECONDS).newOrderEvents());

      CompletableFuture<StorageWriter.TradingWrite> stored = new CompletableFuture<>();
      queue.offer(new WriteQueue.TickRows(StorageFixtures.randomTicks(4, 200, MONDAY + 10 * SECOND, SECOND, "MSFT")));
      queue.offer(new WriteQueue.Durable(List.of(), List.of(StorageFixtures.fill("ok-F3", "AAPL", "1", "101.5",
          MONDAY)), List.of(), stored));
      assertEquals(1, stored.get(30, TimeUnit.SECONDS).newFills(), "the writer goes on after the quarantine");
      WriterLoop.Health health = loop.health();
      assertTrue(health.ready(), "a rejected record never makes the writer unready: " + health);
      assertEquals(0, transitions.get(), "no ready/unavailable transition was published");
      assertEquals(1, health.quarantined());
      assertEquals(0, health.failedCommits(), "a quarantine is not a failed commit");
      assertEquals(0, health.retries(), "a rejected record is never retried");
    } finally {
      loop.stop(System.nanoTime() + 3_000_000_000L);
      thread.join(10_000);
    }
    try (var reader = DuckDb.open(file, "256MB", 1); var s = reader.createStatement();
         var r = s.executeQuery("SELECT count(*), count(DISTINCT symbol || seq) FROM market_ticks")) {
      r.next();
      assertEquals(500, r.getLong(1), "every tick stored exactly once");
      assertEquals(500, r.getLong(2));
      assertEquals("ok-F1,ok-F2,ok-F3", StorageFixtures.scalar(reader,
          "SELECT string_agg(fill_id, ',' ORDER BY fill_id) FROM trades"));
      assertEquals(1, StorageFixtures.count(reader, "orders"));
      assertEquals("fill big-F1", StorageFixtures.scalar(reader, "SELECT kind || ' ' || record_id FROM dead_letters"));
    }
  }

  @Test
  void aRejectedTickBatchIsDroppedAndCountedAndALargeGroupIsIsolatedToo() throws Exception {
    Path file = dir.resolve("large.duckdb");
    var connection = StorageFixtures.openMigrated(file);
    WriteQueue queue = new WriteQueue(1_000_000);
    WriterDatabase database = new WriterDatabase(connection, () -> DuckDb.open(file, "256MB", 1), MicrosClock.SYSTEM);
    WriterLoop loop = new WriterLoop(queue, database, new Quarantine(dir.resolve("q.jsonl"), MicrosClock.SYSTEM),
        MicrosClock.SYSTEM, 1_000_000, 60_000, 3_600, () -> { });
    queue.offer(new WriteQueue.TickRows(StorageFixtures.randomTicks(3, 300, MONDAY, SECOND, "AAPL")));
    List<io.tradingrt.codecs.Tick> poisoned = new ArrayList<>(StorageFixtures.randomTicks(5, 10, MONDAY, SECOND,
        "TSLA"));
    io.tradingrt.codecs.Tick good = poisoned.get(3);
    // the appender would store 2e10 into DECIMAL(18,8) unchecked: RowAppenders refuses it like a cast would
    poisoned.set(3, new io.tradingrt.codecs.Tick(good.symbol(), good.tsMicros(), good.bid(), good.ask(),
        good.bidSize(), good.askSize(), Fixed.of(20_000_000_000L), good.lastSize(), good.seq()));
    queue.offer(new WriteQueue.TickRows(poisoned));
    queue.offer(new WriteQueue.TickRows(StorageFixtures.randomTicks(4, 200, MONDAY + 10 * SECOND, SECOND, "MSFT")));
    // 12 fills in one Durable take the staging path (appender + INSERT … SELECT), where no cast would catch it
    List<Fill> fills = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      fills.add(StorageFixtures.fill("g-F" + i, "AAPL", "1", i == 7 ? "10000000000" : "101.5", MONDAY + i));
    }
    CompletableFuture<StorageWriter.TradingWrite> ack = new CompletableFuture<>();
    queue.offer(new WriteQueue.Durable(List.of(), fills, List.of(), ack));
    Thread thread = new Thread(loop, "storage-writer-test");
    thread.start();
    try {
      StorageWriter.TradingWrite written = ack.get(30, TimeUnit.SECONDS);
      assertEquals(11, written.newFills());
      assertEquals(1, written.quarantined());
      WriterLoop.Health health = loop.health();
      assertEquals(10, health.rejectedRows(), "the rejected tick batch is counted: " + health);
      assertTrue(health.ready());
      assertEquals(0, health.failedCommits());
    } finally {
      loop.stop(System.nanoTime() + 3_000_000_000L);
      thread.join(10_000);
    }
    try (var reader = DuckDb.open(file, "256MB", 1)) {
      assertEquals(500, StorageFixtures.count(reader, "market_ticks"), "both good batches, once");
      assertEquals(11, StorageFixtures.count(reader, "trades"));
      assertEquals("g-F7", StorageFixtures.scalar(reader, "SELECT record_id FROM dead_letters"));
      assertEquals(0, StorageFixtures.count(reader, "trades_stage"), "the stage is empty after the isolation");
    }
  }
}
