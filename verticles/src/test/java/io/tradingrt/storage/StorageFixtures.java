package io.tradingrt.storage;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.codecs.Tick;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.schema.Migrations;
import io.tradingrt.time.MicrosClock;
import org.duckdb.DuckDBConnection;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test data builders and a migrated database per test. */
public final class StorageFixtures {

  public static final long DAY = 86_400_000_000L;
  public static final long SECOND = 1_000_000L;
  /** 2024-03-04 00:00:00 UTC. */
  public static final long MONDAY = 1_709_510_400_000_000L;

  private StorageFixtures() {
  }

  public static DuckDBConnection openMigrated(Path file) {
    DuckDBConnection connection = DuckDb.open(file, "512MB", 2);
    Migrations.fromClasspath().apply(connection);
    return connection;
  }

  public static Tick tick(String symbol, long tsMicros, String last, String size, long seq) {
    Fixed price = Fixed.of(last);
    Fixed spread = Fixed.of("0.01");
    return new Tick(symbol, tsMicros, price.minus(spread), price.plus(spread), Fixed.of(100), Fixed.of(200), price,
        Fixed.of(size), seq);
  }

  /** {@code count} ticks of a few symbols, spread evenly over [start, start + spanMicros), with repeated timestamps. */
  public static List<Tick> randomTicks(long seed, int count, long start, long spanMicros, String... symbols) {
    Random random = new Random(seed);
    List<Tick> ticks = new ArrayList<>(count);
    long step = Math.max(1, spanMicros / count);
    for (int i = 0; i < count; i++) {
      String symbol = symbols[random.nextInt(symbols.length)];
      long ts = start + (i / 2) * step * 2;
      long priceRaw = 10_000_000_000L + random.nextInt(1_000_000_000) - 500_000_000;
      long sizeRaw = random.nextInt(10) == 0 ? 0 : (1 + random.nextInt(5_000)) * 1_000_000L;
      Fixed last = Fixed.ofRaw(priceRaw);
      ticks.add(new Tick(symbol, ts, last.minus(Fixed.of("0.01")), last.plus(Fixed.of("0.01")), Fixed.of(10),
          Fixed.of(20), last, Fixed.ofRaw(sizeRaw), i));
    }
    return ticks;
  }

  public static OrderEvent orderEvent(String clientOrderId, String symbol, OrderStatus status, String filled, long ts) {
    return new OrderEvent(clientOrderId, "momentum", symbol, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, status,
        Fixed.of(10), Fixed.of("101.25"), Fixed.of(filled), filled.equals("0") ? Fixed.ZERO : Fixed.of("101.2"),
        status == OrderStatus.DENIED ? ReasonCode.MAX_NOTIONAL_EXCEEDED : null, null, ts);
  }

  public static Fill fill(String fillId, String symbol, String quantity, String price, long ts) {
    return new Fill(fillId, "o-" + fillId, "momentum", symbol, Side.BUY, Fixed.of(quantity), Fixed.of(price),
        Fixed.of("0.05"), ts);
  }

  public static Position position(String symbol, String quantity, String realized, long ts) {
    return new Position(symbol, Fixed.of(quantity), Fixed.of("100"), Fixed.of(realized), Fixed.of("2.5"),
        Fixed.of("101"), ts);
  }

  public static MicrosClock fixedClock(long micros) {
    return () -> micros;
  }

  public static long count(DuckDBConnection connection, String relation) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery("SELECT count(*) FROM " + relation)) {
      result.next();
      return result.getLong(1);
    }
  }

  public static String scalar(DuckDBConnection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }
}
