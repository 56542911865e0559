package io.tradingrt.storage;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Side;
import io.tradingrt.time.MicrosClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.tradingrt.storage.StorageFixtures.MONDAY;
import static io.tradingrt.storage.StorageFixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writer thread against a real file: a failing durable write neither stalls it nor stores ticks twice. */
class WriterLoopTest {

  @TempDir
  Path dir;

  @Test
  void aDurableWriteTheDatabaseRefusesIsReportedWithoutDuplicatingCommittedTicks() throws Exception {
    Path file = dir.resolve("loop.duckdb");
    var connection = StorageFixtures.openMigrated(file);
    WriteQueue queue = new WriteQueue(1_000_000);
    WriterLoop loop = new WriterLoop(queue, new StorageWriter(connection, MicrosClock.SYSTEM), connection,
        MicrosClock.SYSTEM, 1_000_000, 60_000, 3_600);
    Thread thread = new Thread(loop, "storage-writer-test");
    thread.start();
    try {
      queue.offer(new WriteQueue.TickRows(StorageFixtures.randomTicks(3, 300, MONDAY, SECOND, "AAPL")));
      // DECIMAL(18,8) holds less than Fixed: this price is a permanent conversion error in DuckDB
      Fill tooLarge = new Fill("big-F1", "big", "s", "AAPL", Side.BUY, Fixed.ONE, Fixed.of(20_000_000_000L),
          Fixed.ZERO, MONDAY);
      CompletableFuture<StorageWriter.TradingWrite> refused = new CompletableFuture<>();
      queue.offer(new WriteQueue.Durable(List.of(), List.of(tooLarge), List.of(), refused));
      ExecutionException failure = assertThrows(ExecutionException.class, () -> refused.get(30, TimeUnit.SECONDS));
      assertTrue(failure.getCause().getMessage().contains("durable write failed"), failure.getCause().getMessage());
      assertFalse(loop.health().ready(), "a refused write shows as not ready");

      CompletableFuture<StorageWriter.TradingWrite> stored = new CompletableFuture<>();
      queue.offer(new WriteQueue.TickRows(StorageFixtures.randomTicks(4, 200, MONDAY + 10 * SECOND, SECOND, "MSFT")));
      queue.offer(new WriteQueue.Durable(List.of(), List.of(StorageFixtures.fill("ok-F1", "AAPL", "1", "101.5",
          MONDAY)), List.of(), stored));
      assertEquals(1, stored.get(30, TimeUnit.SECONDS).newFills(), "the writer goes on after a refusal");
      assertTrue(loop.health().ready(), "and is ready again");
    } finally {
      loop.stop(System.nanoTime() + 3_000_000_000L);
      thread.join(10_000);
    }
    try (var reader = DuckDb.open(file, "256MB", 1); var s = reader.createStatement();
         var r = s.executeQuery("SELECT count(*), count(DISTINCT symbol || seq) FROM market_ticks")) {
      r.next();
      assertEquals(500, r.getLong(1), "every tick stored exactly once");
      assertEquals(500, r.getLong(2));
    }
  }
}
