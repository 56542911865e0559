package io.tradingrt.backtest;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.database.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The decimal columns as DuckDB hands them over, to exact fixed-point values. */
class DuckDbTickSourceTest {

  @Test
  void aStoredDecimalOfScaleEightIsItsRawUnitsAndOthersAreParsedExactly() {
    assertEquals(Fixed.of("101.25"), DuckDbTickSource.fixed(new BigDecimal("101.25000000")));
    assertEquals(Fixed.of("-0.00000001"), DuckDbTickSource.fixed(new BigDecimal("-0.00000001")));
    assertEquals(Fixed.of("9999999999.99999999"), DuckDbTickSource.fixed(new BigDecimal("9999999999.99999999")));
    assertEquals(Fixed.of("101.25"), DuckDbTickSource.fixed(new BigDecimal("101.25")), "a foreign Parquet's scale 2");
    assertEquals(Fixed.ZERO, DuckDbTickSource.fixed(null));
    assertThrows(IllegalArgumentException.class, () -> DuckDbTickSource.fixed(new BigDecimal("1.000000001")),
        "nine decimals are refused, never rounded");
  }

  /**
   * A foreign Parquet file: DOUBLE prices, DECIMAL(10,2) sizes, symbols out of order and more than one chunk of rows;
   * the cursor's symbol dictionary and column types must give back exactly what was written, in (ts, seq, symbol)
   * order.
   */
  @Test
  void foreignColumnTypesAndManyChunksReadBackExactlyInOrder(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("foreign.parquet");
    int rows = 5_000; // DuckDB hands over 2,048 rows a chunk
    try (Connection connection = DuckDb.openStreaming(null, "256MB", 1)) {
      Sql.execute(connection, "COPY (SELECT make_timestamp(1704196800000000 + (i // 2) * 1000) AS ts, "
          + "CASE WHEN i % 2 = 0 THEN 'ZZZ' ELSE 'AAA' END AS symbol, "
          + "printf('%d.%02d', 100 + i // 100, i % 100)::DOUBLE AS bid, "
          + "printf('%d.%02d5', 100 + i // 100, i % 100)::DOUBLE AS ask, "
          + "(i % 7 + 0.5)::DECIMAL(10,2) AS bid_size, 2::DECIMAL(10,2) AS ask_size, "
          + "printf('%d.%02d', 101 + i // 100, i % 100)::DOUBLE AS last, 1.25::DECIMAL(10,2) AS last_size, "
          + "(i // 2)::BIGINT AS seq "
          + "FROM range(" + rows + ") t(i)) TO " + Sql.literal(file.toString()) + " (FORMAT PARQUET)");
    }
    List<Tick> read = new ArrayList<>();
    try (DuckDbTickSource source = DuckDbTickSource.parquet(file, TickRange.ALL)) {
      Tick t;
      while ((t = source.next()) != null) {
        read.add(t);
      }
      assertNull(source.next(), "the end stays the end");
    }
    assertEquals(rows, read.size());
    for (int k = 0; k < rows; k++) {
      Tick t = read.get(k);
      int i = k % 2 == 0 ? k + 1 : k - 1; // at one time AAA (odd i) sorts before ZZZ (even i)
      assertEquals(i % 2 == 0 ? "ZZZ" : "AAA", t.symbol(), "row " + k);
      assertEquals(1_704_196_800_000_000L + (i / 2) * 1000L, t.tsMicros(), "row " + k);
      assertEquals(Fixed.of(BigDecimal.valueOf(100).add(BigDecimal.valueOf(i, 2))), t.bid(), "row " + k);
      assertEquals(Fixed.of(new BigDecimal("100.005").add(BigDecimal.valueOf(i, 2))), t.ask(), "row " + k);
      assertEquals(Fixed.of(BigDecimal.valueOf(101).add(BigDecimal.valueOf(i, 2))), t.last(), "row " + k);
      assertEquals(Fixed.of(BigDecimal.valueOf(i % 7).add(new BigDecimal("0.5"))), t.bidSize(), "row " + k);
      assertEquals(Fixed.of("1.25"), t.lastSize(), "row " + k);
      assertEquals(i / 2, t.seq(), "row " + k);
    }
    try (DuckDbTickSource none = DuckDbTickSource.parquet(file, new TickRange(0, Long.MAX_VALUE, Set.of("MSFT")))) {
      assertNull(none.next(), "a symbol the file does not hold reads as no ticks");
    }
  }
}
