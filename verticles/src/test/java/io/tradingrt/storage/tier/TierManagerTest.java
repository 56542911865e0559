package io.tradingrt.storage.tier;

import static io.tradingrt.storage.StorageFixtures.DAY;
import static io.tradingrt.storage.StorageFixtures.MONDAY;
import static io.tradingrt.storage.StorageFixtures.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import io.tradingrt.storage.ReferenceBars;
import io.tradingrt.storage.StorageFixtures;
import io.tradingrt.storage.database.Checksums;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.storage.query.StorageQueries;
import io.tradingrt.storage.writer.StorageWriter;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

class TierManagerTest {

  /** Thursday noon: with hotDays = 1, whole days before Wednesday (Monday, Tuesday) are old. */
  private static final long NOW = MONDAY + 3 * DAY + DAY / 2;
  private static final long HOT_CUTOFF = MONDAY + 2 * DAY;
  private static final List<Tick> TICKS = StorageFixtures.randomTicks(21, 40_000, MONDAY, 4 * DAY,
      "AAPL", "MSFT", "EUR/USD");

  @TempDir
  Path dir;

  private static final class SimulatedCrash extends RuntimeException {
  }

  private Path file() {
    return dir.resolve("tiers.duckdb");
  }

  private Path tierPath() {
    return dir.resolve("tiers");
  }

  private void seed() {
    try (DuckDBConnection database = StorageFixtures.openMigrated(file());
         StorageWriter writer = new StorageWriter(database.duplicate(), () -> NOW)) {
      writer.appendTicks(TICKS);
      writer.appendBars(List.of(new Bar("AAPL", "1m", MONDAY, Fixed.ONE, Fixed.ONE, Fixed.ONE, Fixed.ONE, Fixed.ONE,
          Fixed.ONE, 1), new Bar("AAPL", "1m", NOW, Fixed.ONE, Fixed.ONE, Fixed.ONE, Fixed.ONE, Fixed.ONE,
          Fixed.ONE, 1)));
      writer.flush();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Checksums allTicks(DuckDBConnection connection) throws Exception {
    return Checksums.ofColumns(connection, "all_market_ticks", TierTable.MARKET_TICKS.columns());
  }

  @Test
  void theViewWorksBeforeAnyParquetExists() throws Exception {
    seed();
    try (DuckDBConnection connection = StorageFixtures.openMigrated(file())) {
      new TierManager(connection, tierPath(), () -> NOW).recover();
      assertEquals(TICKS.size(), count(connection, "all_market_ticks"));
    }
  }

  @Test
  void movingOldDaysKeepsEveryRowExactlyOnce() throws Exception {
    seed();
    try (DuckDBConnection connection = StorageFixtures.openMigrated(file())) {
      Checksums before = allTicks(connection);
      List<Tick> barsSource = new ArrayList<>(TICKS);
      var barsBefore = new StorageQueries(connection.duplicate()).bars("EUR/USD", "1h", MONDAY, NOW);
      TierManager tiers = new TierManager(connection, tierPath(), () -> NOW);
      tiers.recover();
      TierManager.Report report = tiers.run(1, 365);
      assertEquals(3, report.moves(), "two tick days and one bar day");
      assertEquals(before, allTicks(connection));
      assertEquals(0, count(connection, "market_ticks WHERE ts < make_timestamp(" + HOT_CUTOFF + ")"));
      assertTrue(count(connection, "market_ticks WHERE ts >= make_timestamp(" + HOT_CUTOFF + ")") > 0,
          "Wednesday and Thursday stay hot");
      assertEquals(2, count(connection, "all_ohlcv_bars"));
      assertEquals(1, count(connection, "ohlcv_bars"));
      assertEquals(3, count(connection, "tier_moves WHERE state = 'DONE'"));
      assertEquals(ReferenceBars.of(barsSource, "EUR/USD", "1h", MONDAY, NOW), barsBefore);
      assertEquals(barsBefore, new StorageQueries(connection.duplicate()).bars("EUR/USD", "1h", MONDAY, NOW),
          "bars span the tiers");
      assertEquals(0, tiers.run(1, 365).moves(), "nothing left to move");
    }
  }

  @ParameterizedTest
  @EnumSource(TierStep.class)
  void aCrashAtAnyStepNeitherLosesNorDuplicatesRows(TierStep crashAt) throws Exception {
    seed();
    Checksums before;
    try (DuckDBConnection connection = StorageFixtures.openMigrated(file())) {
      before = allTicks(connection);
      TierManager crashing = new TierManager(connection, tierPath(), () -> NOW, step -> {
        if (step == crashAt) {
          throw new SimulatedCrash();
        }
      });
      crashing.recover();
      assertThrows(SimulatedCrash.class, () -> crashing.run(1, 365));
      assertEquals(before, allTicks(connection), "between the steps");
    }
    try (DuckDBConnection restarted = StorageFixtures.openMigrated(file())) {
      TierManager tiers = new TierManager(restarted, tierPath(), () -> NOW);
      assertEquals(crashAt == TierStep.AFTER_COMMIT ? 0 : 1, tiers.recover());
      assertEquals(before, allTicks(restarted), "after recovery");
      tiers.run(1, 365);
      assertEquals(before, allTicks(restarted), "after the retried move");
      assertEquals(0, count(restarted, "market_ticks WHERE ts < make_timestamp(" + HOT_CUTOFF + ")"));
      assertEquals(0, count(restarted, "tier_moves WHERE state = 'EXPORTING'"));
    }
  }

  @Test
  void rowsArrivingInAMovedRangeDuringTheMoveAbortItSafely() throws Exception {
    seed();
    try (DuckDBConnection connection = StorageFixtures.openMigrated(file());
         DuckDBConnection other = connection.duplicate()) {
      Tick late = StorageFixtures.tick("AAPL", MONDAY + 5, "100", "1", 999_999);
      StorageWriter lateWriter = new StorageWriter(other, () -> NOW);
      TierManager tiers = new TierManager(connection, tierPath(), () -> NOW, step -> {
        if (step == TierStep.AFTER_PUBLISH) {
          lateWriter.appendTicks(List.of(late));
          lateWriter.flush();
        }
      });
      tiers.recover();
      Checksums before = allTicks(connection);
      StorageException error = assertThrows(StorageException.class,
          () -> tiers.moveDay(TierTable.MARKET_TICKS, java.time.LocalDate.of(2024, 3, 4)));
      assertEquals(StorageErrorCode.TIER_MOVE_FAILED, error.code());
      assertEquals(before.rows() + 1, allTicks(connection).rows());
      assertFalse(TierFiles.parquetFiles(tierPath().resolve("market_ticks")).stream().findAny().isPresent());
    }
  }

  @Test
  void coldPartitionsAreDeleted() throws Exception {
    seed();
    try (DuckDBConnection connection = StorageFixtures.openMigrated(file())) {
      TierManager tiers = new TierManager(connection, tierPath(), () -> NOW);
      tiers.recover();
      tiers.run(1, 365);
      long monday = count(connection, "all_market_ticks WHERE ts < make_timestamp(" + (MONDAY + DAY) + ")");
      assertTrue(monday > 0);
      assertEquals(2, tiers.deleteColdPartitions(2), "Monday of ticks and of bars");
      assertEquals(TICKS.size() - monday, count(connection, "all_market_ticks"));
      assertEquals(1, count(connection, "all_ohlcv_bars"));
      tiers.deleteColdPartitions(0);
      assertEquals(count(connection, "market_ticks"), count(connection, "all_market_ticks"),
          "with no Parquet left the view reads the table alone");
    }
  }
}
