package io.tradingrt.storage.importer;

import static io.tradingrt.storage.StorageFixtures.count;
import static io.tradingrt.storage.StorageFixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tradingrt.storage.StorageFixtures;
import io.tradingrt.storage.database.Checksums;
import io.tradingrt.storage.database.Sql;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.storage.writer.StorageWriter;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

class ImporterTest {

  @TempDir
  Path dir;

  @Test
  void importsTheDocumentedCsvColumns() throws Exception {
    Path csv = dir.resolve("ticks.csv");
    Files.writeString(csv, """
        ts,symbol,bid,ask,bid_size,ask_size,last,last_size,seq
        2024-03-04 09:30:00.000001,AAPL,101.01,101.03,100,200,101.02,5,1
        2024-03-04T09:30:01,MSFT,400.5,400.6,10,20,400.55,0.12345678,2
        """);
    try (DuckDBConnection database = StorageFixtures.openMigrated(dir.resolve("csv.duckdb"))) {
      List<long[]> progress = new ArrayList<>();
      Importer.Result result = new Importer(database).fromCsv(csv,
          (done, total) -> progress.add(new long[] {done, total}));
      assertEquals(2, result.rows());
      assertEquals(2, progress.get(progress.size() - 1)[0]);
      assertEquals("1709544600000001", scalar(database, "SELECT epoch_us(ts) FROM market_ticks WHERE seq = 1"));
      assertEquals("0.12345678", scalar(database, "SELECT last_size FROM market_ticks WHERE symbol = 'MSFT'"));
    }
  }

  @Test
  void aBadCsvImportsNothing() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "ts,symbol,bid,ask,bid_size,ask_size,last,last_size,seq\n"
        + "2024-03-04 09:30:00,AAPL,1,1,1,1,1,1,1\nnot-a-time,AAPL,1,1,1,1,1,1,2\n");
    try (DuckDBConnection database = StorageFixtures.openMigrated(dir.resolve("bad.duckdb"))) {
      StorageException error = assertThrows(StorageException.class,
          () -> new Importer(database).fromCsv(csv, ImportProgress.NONE));
      assertEquals(StorageErrorCode.IMPORT_FAILED, error.code());
      assertEquals(0, count(database, "market_ticks"));
    }
  }

  @Test
  void importsParquetWrittenFromAnotherDatabase() throws Exception {
    Path parquet = dir.resolve("export.parquet");
    Checksums exported;
    try (DuckDBConnection source = StorageFixtures.openMigrated(dir.resolve("source.duckdb"));
         StorageWriter writer = new StorageWriter(source.duplicate(), () -> 0)) {
      writer.appendTicks(StorageFixtures.randomTicks(41, 10_000, StorageFixtures.MONDAY, StorageFixtures.DAY,
          "A", "B"));
      writer.flush();
      Sql.execute(source, "COPY market_ticks TO " + Sql.literal(parquet) + " (FORMAT PARQUET)");
      exported = Checksums.of(source, "market_ticks");
    }
    try (DuckDBConnection target = StorageFixtures.openMigrated(dir.resolve("target.duckdb"))) {
      assertEquals(10_000, new Importer(target).fromParquet(parquet, ImportProgress.NONE).rows());
      assertEquals(exported, Checksums.of(target, "market_ticks"));
    }
  }
}
