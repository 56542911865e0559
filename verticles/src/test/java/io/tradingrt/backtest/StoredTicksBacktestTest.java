package io.tradingrt.backtest;

import io.tradingrt.codecs.Tick;
import io.tradingrt.storage.StorageFixtures;
import io.tradingrt.storage.database.Sql;
import io.tradingrt.storage.tier.TierManager;
import io.tradingrt.storage.writer.StorageWriter;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runtime's own stored ticks as a source: read through the view that spans the table and the Parquet tier, in a
 * streaming cursor, they give the same run as the ticks themselves; so do the same ticks as a Parquet file; and a
 * stored run reads back whole.
 */
class StoredTicksBacktestTest {
  private static final long START = BacktestEngineTest.START;
  private static final int TICKS = 30_000;
  private static final long STEP = 6_000_000; // 50 hours: the first day moves to the Parquet tier

  @Test
  void storedTicksAcrossTableAndTierAndParquetFilesRunLikeTheTicksThemselves(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rt.duckdb");
    Path tiers = dir.resolve("tiers");
    List<Tick> ticks = new ArrayList<>();
    try (TickSource source = BacktestEngineTest.generated(TICKS, STEP)) {
      Tick t;
      while ((t = source.next()) != null) {
        ticks.add(t);
      }
    }
    long now = START + 3 * 86_400_000_000L;
    try (DuckDBConnection connection = StorageFixtures.openMigrated(file)) {
      try (StorageWriter writer = new StorageWriter(connection.duplicate(), () -> now)) {
        writer.appendTicks(ticks);
        writer.flush();
      }
      TierManager tier = new TierManager(connection, tiers, () -> now);
      tier.recover();
      assertTrue(tier.run(1, 365).moves() >= 1, "a day moved to Parquet");
      assertTrue(count(connection, "market_ticks") < TICKS, "part of the ticks are only in the tier now");
      Sql.execute(connection, "COPY (SELECT * FROM all_market_ticks) TO " + Sql.literal(dir.resolve("t.parquet"))
          + " (FORMAT PARQUET)");
    }
    BacktestSpec spec = BacktestEngineTest.defaults();
    BacktestResult direct = BacktestEngineTest.run(spec, BacktestEngineTest.generated(TICKS, STEP));
    BacktestResult stored = BacktestEngineTest.run(spec, DuckDbTickSource.stored(file, TickRange.ALL));
    BacktestResult parquet = BacktestEngineTest.run(spec, DuckDbTickSource.parquet(dir.resolve("t.parquet"),
        TickRange.ALL));
    assertTrue(direct.fills().size() > 50, direct.fills().size() + " fills");
    assertEquals(TICKS, stored.ticks());
    assertEquals(direct.fillsHash(), stored.fillsHash(), "db source");
    assertEquals(direct.fillsHash(), parquet.fillsHash(), "parquet source");
    assertEquals(ReportJson.report(direct).replace(direct.source(), "x"),
        ReportJson.report(stored).replace(stored.source(), "x"));

    long from = START + 86_400_000_000L;
    BacktestResult range = BacktestEngineTest.run(spec, DuckDbTickSource.stored(file,
        new TickRange(from, from + 3_600_000_000L, Set.of("AAPL", "TSLA"))));
    long expected = ticks.stream().filter(t -> t.tsMicros() >= from && t.tsMicros() < from + 3_600_000_000L
        && (t.symbol().equals("AAPL") || t.symbol().equals("TSLA"))).count();
    assertEquals(expected, range.ticks(), "an hour of two symbols");

    try (DuckDBConnection connection = StorageFixtures.openMigrated(file)) {
      new BacktestStore(connection).save(new BacktestStore.Run("bt-test", null, now, Long.MIN_VALUE, Long.MAX_VALUE,
          spec.strategies(), 12), stored);
      assertEquals(1, count(connection, "backtest_runs WHERE fills_hash = '" + stored.fillsHash() + "' AND ticks = "
          + TICKS));
      assertEquals(stored.fills().size(), count(connection, "backtest_fills WHERE run_id = 'bt-test'"));
      assertEquals(stored.curve().points().size(), count(connection, "backtest_equity WHERE run_id = 'bt-test'"));
      FillsHash hash = new FillsHash();
      try (var statement = connection.createStatement(); ResultSet r = statement.executeQuery("SELECT fill_id, "
          + "client_order_id, strategy, symbol, side, quantity, price, fee, epoch_us(ts) FROM backtest_fills "
          + "ORDER BY fill_seq")) {
        while (r.next()) {
          hash.add(new io.tradingrt.codecs.Fill(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
              io.tradingrt.codecs.Side.valueOf(r.getString(5)), io.tradingrt.codecs.Fixed.of(r.getBigDecimal(6)),
              io.tradingrt.codecs.Fixed.of(r.getBigDecimal(7)), io.tradingrt.codecs.Fixed.of(r.getBigDecimal(8)),
              r.getLong(9)));
        }
      }
      assertEquals(stored.fillsHash(), hash.hex(), "the stored fills are the run's fills, in order");
    }
  }

  private static long count(DuckDBConnection connection, String from) throws Exception {
    try (var statement = connection.createStatement(); ResultSet r = statement.executeQuery("SELECT count(*) FROM "
        + from)) {
      r.next();
      return r.getLong(1);
    }
  }
}
