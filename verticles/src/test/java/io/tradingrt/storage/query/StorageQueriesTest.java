package io.tradingrt.storage.query;

import static io.tradingrt.storage.StorageFixtures.MONDAY;
import static io.tradingrt.storage.StorageFixtures.SECOND;
import static io.tradingrt.storage.StorageFixtures.fill;
import static io.tradingrt.storage.StorageFixtures.orderEvent;
import static io.tradingrt.storage.StorageFixtures.position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.Tick;
import io.tradingrt.storage.ReferenceBars;
import io.tradingrt.storage.StorageFixtures;
import io.tradingrt.storage.schema.StoredOrderEvent;
import io.tradingrt.storage.writer.StorageWriter;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

class StorageQueriesTest {

  @TempDir
  Path dir;

  private DuckDBConnection database;
  private StorageWriter writer;
  private StorageQueries queries;

  @BeforeEach
  void open() throws Exception {
    database = StorageFixtures.openMigrated(dir.resolve("queries.duckdb"));
    writer = new StorageWriter(database.duplicate(), () -> MONDAY);
    queries = new StorageQueries(database.duplicate());
  }

  @AfterEach
  void close() throws Exception {
    queries.close();
    writer.close();
    database.close();
  }

  @Test
  void latestTicksAreTheNewestFirst() {
    List<Tick> ticks = StorageFixtures.randomTicks(11, 1_000, MONDAY, 100 * SECOND, "AAPL", "MSFT");
    writer.appendTicks(ticks);
    writer.flush();
    List<Tick> expected = ticks.stream().filter(t -> t.symbol().equals("AAPL"))
        .sorted((a, b) -> a.tsMicros() != b.tsMicros() ? Long.compare(b.tsMicros(), a.tsMicros())
            : Long.compare(b.seq(), a.seq()))
        .limit(25).toList();
    assertEquals(expected, queries.latestTicks("AAPL", 25));
  }

  @ParameterizedTest
  @ValueSource(strings = {"5s", "1m", "7m", "1h"})
  void barsFromTicksFollowTheLiveAggregatorDefinition(String timeframe) {
    List<Tick> ticks = StorageFixtures.randomTicks(12, 20_000, MONDAY - 3_600 * SECOND, 7_200 * SECOND,
        "AAPL", "MSFT");
    writer.appendTicks(ticks);
    writer.flush();
    long from = MONDAY - 1_800 * SECOND + 17;
    long to = MONDAY + 1_800 * SECOND;
    assertEquals(ReferenceBars.of(ticks, "AAPL", timeframe, from, to), queries.bars("AAPL", timeframe, from, to));
  }

  @Test
  void aBarWithoutVolumeHasZeroVwap() {
    writer.appendTicks(List.of(StorageFixtures.tick("AAPL", MONDAY, "100", "0", 1),
        StorageFixtures.tick("AAPL", MONDAY, "101", "0", 2)));
    writer.flush();
    var bar = queries.bars("AAPL", "1m", MONDAY, MONDAY + 60 * SECOND).get(0);
    assertEquals(Fixed.ZERO, bar.vwap());
    assertEquals(Fixed.of(100), bar.open(), "same timestamp: the lower seq opens");
    assertEquals(Fixed.of(101), bar.close());
  }

  @Test
  void ordersFilterByStatusAndSymbolAndPage() {
    for (int i = 0; i < 30; i++) {
      String symbol = i % 2 == 0 ? "AAPL" : "MSFT";
      writer.writeOrderEvent(orderEvent("o-" + i, symbol, OrderStatus.SUBMITTED, "0", MONDAY + i));
      if (i % 3 == 0) {
        writer.writeOrderEvent(orderEvent("o-" + i, symbol, OrderStatus.FILLED, "10", MONDAY + i + 100));
      }
    }
    OrderQuery aaplFilled = OrderQuery.all(3).withSymbol("AAPL").withStatus("FILLED");
    List<StoredOrderEvent> first = queries.orders(aaplFilled);
    assertEquals(List.of("o-0", "o-6", "o-12"), first.stream().map(e -> e.event().clientOrderId()).toList());
    List<StoredOrderEvent> next = queries.orders(aaplFilled.after(first.get(2).eventSeq()));
    assertEquals(List.of("o-18", "o-24"), next.stream().map(e -> e.event().clientOrderId()).toList());
    assertEquals(next, queries.orders(aaplFilled.withOffset(3)), "offset and keyset paging agree");
    assertEquals(30, queries.latestOrders(OrderQuery.all(100)).size());
    assertEquals(5, queries.orders(OrderQuery.all(100).withRange(MONDAY, MONDAY + 5)).size());
  }

  @Test
  void tradesPositionsAndPnlSummary() {
    writer.writeFill(fill("f-1", "AAPL", "10", "100", MONDAY));
    writer.writeFill(fill("f-2", "AAPL", "5", "102", MONDAY + 1));
    writer.writeFill(fill("f-3", "MSFT", "1", "300", MONDAY + 2));
    writer.upsertPosition(position("AAPL", "15", "12.5", MONDAY + 3));
    writer.upsertPosition(position("TSLA", "0", "-4", MONDAY + 3));
    assertEquals(List.of("f-2", "f-3"), queries.trades(OrderQuery.all(10).withOffset(1)).stream()
        .map(f -> f.fillId()).toList());
    assertEquals(List.of("AAPL"), queries.positions().stream().map(p -> p.symbol()).toList());
    PnlSummary pnl = queries.pnlSummary();
    assertEquals(Fixed.of("8.5"), pnl.realizedPnl());
    assertEquals(Fixed.of("5"), pnl.unrealizedPnl(), "two positions with 2.5 each");
    assertEquals(Fixed.of("0.15"), pnl.fees());
    assertEquals(Fixed.of("13.35"), pnl.netPnl());
    assertEquals(3, pnl.fills());
    assertEquals(Fixed.of("1810"), pnl.tradedNotional());
    assertEquals(List.of("AAPL", "MSFT", "TSLA"), pnl.bySymbol().stream().map(s -> s.symbol()).toList());
  }

  @Test
  void statsCountEveryTableAndMeasureTheFile() {
    writer.appendTicks(StorageFixtures.randomTicks(13, 500, MONDAY, SECOND, "AAPL"));
    writer.checkpoint();
    StorageStats stats = queries.stats();
    assertEquals(500L, stats.rowCounts().get("market_ticks"));
    assertEquals((long) io.tradingrt.storage.schema.Migrations.fromClasspath().all().size(),
        stats.rowCounts().get("schema_migrations"), "one row per applied migration");
    assertTrue(stats.fileBytes() > 0);
  }
}
