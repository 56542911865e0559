package io.tradingrt.backtest;

import io.tradingrt.codecs.Fixed;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
