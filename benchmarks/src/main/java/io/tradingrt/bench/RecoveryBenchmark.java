package io.tradingrt.bench;

import io.tradingrt.book.Portfolio;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.JournalImage;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.codecs.TradingState;
import io.tradingrt.execution.BrokerConfig;
import io.tradingrt.execution.PaperBroker;
import io.tradingrt.risk.InstrumentSpec;
import io.tradingrt.risk.Instruments;
import io.tradingrt.risk.RiskEngine;
import io.tradingrt.risk.RiskLimits;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.journal.JournalRead;
import io.tradingrt.storage.schema.Migrations;
import io.tradingrt.storage.writer.StorageWriter;
import io.tradingrt.time.MicrosClock;
import org.duckdb.DuckDBConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Rebuild time against journal size (run by {@code scripts/bench.sh recovery}): for each size a DuckDB file holds
 * that many journal rows written by the real writer (per order SUBMITTED, ACCEPTED, FILLED and one fill; every 50th
 * order left working), then the start's two steps are timed, three times each, median printed: reading the journal
 * image on the writer's connection, and folding it through the portfolio, the risk engine and the paper broker.
 * System property {@code sizes} (journal rows, default 10000,100000,1000000).
 */
public final class RecoveryBenchmark {
  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOG", "AMZN", "TSLA");
  private static final int CHUNK = 20_000;

  public static void main(String[] args) throws Exception {
    io.tradingrt.launcher.Logging.configure();
    long[] sizes = Arrays.stream(System.getProperty("sizes", "10000,100000,1000000").split(","))
        .mapToLong(Long::parseLong).toArray();
    Path dir = Files.createTempDirectory("recovery-bench");
    System.out.printf("%12s %10s %10s %10s %10s %12s%n", "journal rows", "fills", "read ms", "fold ms", "total ms",
        "µs per row");
    for (long size : sizes) {
      Path file = dir.resolve("journal-" + size + ".duckdb");
      try (DuckDBConnection connection = DuckDb.open(file, "2GB", 2)) {
        Migrations.fromClasspath().apply(connection);
        fill(connection, size);
        long[] read = new long[3];
        long[] fold = new long[3];
        JournalImage image = null;
        for (int i = 0; i < 3; i++) {
          long t0 = System.nanoTime();
          image = JournalRead.image(connection, 1);
          long t1 = System.nanoTime();
          fold(image);
          long t2 = System.nanoTime();
          read[i] = (t1 - t0) / 1_000_000;
          fold[i] = (t2 - t1) / 1_000_000;
        }
        long r = median(read);
        long f = median(fold);
        System.out.printf("%,12d %,10d %,10d %,10d %,10d %12.2f%n", image.entries(), image.fills().size(), r, f,
            r + f, (r + f) * 1_000.0 / image.entries());
      }
    }
  }

  /** The fold each trading role does at start. */
  private static void fold(JournalImage image) {
    MicrosClock clock = MicrosClock.SYSTEM;
    long t0 = System.nanoTime();
    Portfolio portfolio = new Portfolio(Fixed.of(1_000_000_000L));
    portfolio.rebuild(image.fills(), image.peakEquity(), f -> { });
    long t1 = System.nanoTime();
    Map<String, InstrumentSpec> specs = new HashMap<>();
    SYMBOLS.forEach(s -> specs.put(s, new InstrumentSpec(Fixed.of("0.01"), Fixed.ONE, Fixed.ONE,
        Fixed.of(100_000), Fixed.of("0.01"), Fixed.of(1_000_000))));
    RiskEngine risk = new RiskEngine(new Instruments(specs), new RiskLimits(Fixed.ZERO, Fixed.ZERO, Fixed.ZERO,
        Fixed.ZERO, TradingState.HALTED, Fixed.ZERO, TradingState.REDUCING, 0, 0, 1_000_000,
        Fixed.of(1_000_000_000L)), clock);
    List<String> mismatches = risk.rebuild(image);
    long t2 = System.nanoTime();
    if (!mismatches.isEmpty()) {
      throw new IllegalStateException("the benchmark journal is inconsistent: " + mismatches.get(0));
    }
    PaperBroker broker = new PaperBroker(new BrokerConfig(1, 1, Fixed.of("0.01"), 0), clock);
    broker.seen(image.recentOrderIds());
    Map<String, List<Fill>> byOrder = new HashMap<>();
    image.workingOrders().forEach(o -> byOrder.put(o.clientOrderId(), new ArrayList<>()));
    for (Fill fill : image.fills()) {
      List<Fill> its = byOrder.get(fill.clientOrderId());
      if (its != null) {
        its.add(fill);
      }
    }
    image.workingOrders().forEach(o -> broker.resume(o, byOrder.get(o.clientOrderId())));
    long t3 = System.nanoTime();
    if (Boolean.getBoolean("parts")) {
      System.out.printf("    portfolio %d ms, risk %d ms, broker %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
          (t3 - t2) / 1_000_000);
    }
  }

  /** {@code rows} journal rows: 4 per filled order, 2 per working one (SUBMITTED, ACCEPTED). */
  private static void fill(DuckDBConnection connection, long rows) throws java.sql.SQLException {
    Random random = new Random(rows);
    long ts = 1_796_000_000_000_000L;
    try (StorageWriter writer = new StorageWriter(connection.duplicate(), MicrosClock.SYSTEM)) {
      List<OrderEvent> events = new ArrayList<>();
      List<Fill> fills = new ArrayList<>();
      long written = 0;
      for (long n = 0; written < rows; n++) {
        String id = "bench-r1-" + n;
        String symbol = SYMBOLS.get((int) (n % SYMBOLS.size()));
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        Fixed quantity = Fixed.of(1 + random.nextInt(20));
        Fixed price = Fixed.ofRaw((9_000 + random.nextInt(2_000)) * (Fixed.ONE_RAW / 100));
        boolean working = n % 50 == 49;
        ts += 100;
        events.add(event(id, symbol, side, quantity, price, OrderStatus.SUBMITTED, Fixed.ZERO, ts));
        events.add(event(id, symbol, side, quantity, price, OrderStatus.ACCEPTED, Fixed.ZERO, ts));
        written += 2;
        if (!working) {
          fills.add(new Fill(id + "-F1", id, "bench", symbol, side, quantity, price, Fixed.of("0.01"), ts));
          events.add(event(id, symbol, side, quantity, price, OrderStatus.FILLED, quantity, ts));
          written += 2;
        }
        if (events.size() >= CHUNK) {
          writer.writeTradingEvents(events, fills, List.of());
          events.clear();
          fills.clear();
        }
      }
      writer.writeTradingEvents(events, fills, List.of());
    }
  }

  private static OrderEvent event(String id, String symbol, Side side, Fixed quantity, Fixed price,
                                  OrderStatus status, Fixed filled, long ts) {
    return new OrderEvent(id, "bench", symbol, side, OrderType.LIMIT, TimeInForce.GTC, status, quantity, price,
        filled, filled.isZero() ? Fixed.ZERO : price, null, null, ts);
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
