package io.tradingrt.backtest;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.ingest.SimulatedFeed;
import io.tradingrt.launcher.RuntimeConfig;
import io.tradingrt.launcher.RuntimeVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.tradingrt.testing.InOrder.assertSameInOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parity with live: one CSV recording replayed through the deployed live roles (ingest → signal → risk → execution →
 * portfolio, over the event bus, on the system clock) and through the backtest engine in data time give the same
 * orders and the same fills (strategy, symbol, side, quantity, price), in the same order. Client order ids and
 * timestamps differ by design: live ids name the session, live times are wall-clock.
 */
@ExtendWith(VertxExtension.class)
class LiveParityTest {
  private static final int TICKS = 800;
  private static final String CONF = "{\"strategies\": ["
      + "{\"name\": \"momentum\", \"type\": \"ma-crossover\", \"symbols\": [\"AAPL\", \"MSFT\", \"GOOG\"], "
      + "\"fast\": 2, \"slow\": 6, \"quantity\": \"10\"},"
      + "{\"name\": \"meanrev\", \"type\": \"mean-reversion\", \"symbols\": [\"AMZN\", \"TSLA\"], \"window\": 10, "
      + "\"entryZ\": \"1\", \"exitZ\": \"0.2\", \"quantity\": \"10\"}]}";

  @Test
  void theSameRecordingGivesTheSameOrdersAndFillsLiveAndInTheBacktest(Vertx vertx, @TempDir Path dir)
      throws Exception {
    assertParity(vertx, dir, new JsonObject());
  }

  /**
   * With the broker's latency set (5 ms, as a venue's round trip might be), live accepts each order on a timer of the
   * system clock and the backtest at its due time in data time; both meet the same quote, since a symbol's next quote
   * comes 200 ms later, so the orders and fills are still the same.
   */
  @Test
  void withTheBrokersLatencySetAsLiveHadItTheOrdersAndFillsAreStillTheSame(Vertx vertx, @TempDir Path dir)
      throws Exception {
    assertParity(vertx, dir, new JsonObject().put("execution", new JsonObject().put("latencyMicros", 5_000)));
  }

  private static void assertParity(Vertx vertx, Path dir, JsonObject extra) throws Exception {
    Path csv = dir.resolve("session.csv");
    writeRecording(csv);
    // ticks paced at 50/s, one per batch, ten symbols taking turns (five no strategy trades): an order usually
    // reaches the broker before its symbol's next quote, 200 ms later; one that stalls longer still meets the quote
    // of its own tick's time (the broker's rule for late orders: docs/backtest.md, parity)
    JsonObject live = new JsonObject(CONF).mergeIn(extra).put("roles", List.of("portfolio", "execution", "risk", "signal", "ingest"))
        .put("persist", false).put("ingest", new JsonObject().put("feed", "csv").put("csvPath", csv.toString())
            .put("ticksPerSecond", 50).put("batchSize", 1).put("symbols", SYMBOLS));
    RuntimeSettings settings = RuntimeConfig.load(live, Map.of());
    assertEquals(extra.getJsonObject("execution", new JsonObject()).getLong("latencyMicros", 0L),
        settings.execution().latencyMicros(), "the broker's latency, live and in the backtest (BacktestSpec.of)");

    List<Fill> liveFills = new CopyOnWriteArrayList<>();
    List<OrderEvent> liveOrders = new CopyOnWriteArrayList<>();
    AtomicLong ticks = new AtomicLong();
    var bus = vertx.eventBus();
    bus.<Fill>consumer(Addresses.EXEC_FILLS, m -> liveFills.add(m.body()));
    bus.<OrderEvent>consumer(Addresses.EXEC_EVENTS, m -> {
      if (m.body().status() == OrderStatus.SUBMITTED || m.body().status() == OrderStatus.DENIED) {
        liveOrders.add(m.body());
      }
    });
    bus.<TickBatch>consumer(Addresses.MD_TICKS, m -> ticks.addAndGet(m.body().ticks().size()));
    vertx.deployVerticle(new RuntimeVerticle(settings)).await(30, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (ticks.get() < TICKS && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(TICKS, ticks.get(), "the live runtime replayed the whole recording");
    Thread.sleep(500); // the last order's round trip

    BacktestResult backtest;
    try (TickSource source = new CsvTickSource(csv, TickRange.ALL)) {
      backtest = new BacktestEngine(BacktestSpec.of(settings)).run(source, BacktestEngine.Progress.NONE);
    }
    assertTrue(backtest.fills().size() >= 20, "the recording makes both strategies trade: " + backtest.fills().size());
    assertTrue(backtest.fills().stream().map(Fill::strategy).distinct().count() == 2, "both strategies filled");
    assertSameInOrder(fills(backtest.fills()), fills(liveFills), "fills (strategy, symbol, side, quantity, price)");
    assertEquals(backtest.orderEvents().getOrDefault(OrderStatus.SUBMITTED, 0L),
        liveOrders.stream().filter(o -> o.status() == OrderStatus.SUBMITTED).count(), "orders submitted");
    assertEquals(backtest.orderEvents().getOrDefault(OrderStatus.DENIED, 0L),
        liveOrders.stream().filter(o -> o.status() == OrderStatus.DENIED).count(), "orders denied");
  }


  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOG", "AMZN", "TSLA", "F1", "F2", "F3", "F4",
      "F5");

  private static List<String> fills(List<Fill> fills) {
    return fills.stream().map(f -> f.strategy() + " " + f.symbol() + " " + f.side() + " " + f.quantity() + " @ "
        + f.price() + " fee " + f.fee()).toList();
  }

  /** A recording of the simulated feed: 10 ms apart in data time, the ten symbols taking turns. */
  private static void writeRecording(Path csv) throws IOException {
    SimulatedFeed feed = new SimulatedFeed(SYMBOLS, 7, io.tradingrt.codecs.Fixed.of(100), 20, 2);
    try (Writer out = Files.newBufferedWriter(csv)) {
      out.write("ts,symbol,bid,ask,bid_size,ask_size,last,last_size,seq\n");
      for (int i = 0; i < TICKS; i++) {
        Tick t = feed.next(1_704_196_800_000_000L + i * 10_000L);
        out.write(t.tsMicros() + "," + t.symbol() + "," + t.bid() + "," + t.ask() + "," + t.bidSize() + ","
            + t.askSize() + "," + t.last() + "," + t.lastSize() + "," + t.seq() + "\n");
      }
    }
  }
}
