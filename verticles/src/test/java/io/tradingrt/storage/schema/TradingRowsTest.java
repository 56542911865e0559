package io.tradingrt.storage.schema;

import io.tradingrt.storage.StorageFixtures;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one written layout of orders and fills is the layout the migrations create, staging tables included. */
class TradingRowsTest {

  @Test
  void theOrderAndFillLayoutsAreTheColumnsOfTheMigratedTablesInOrder(@TempDir Path dir) throws SQLException {
    try (DuckDBConnection db = StorageFixtures.openMigrated(dir.resolve("rows.duckdb"))) {
      assertEquals(TradingRows.ORDER_COLUMNS, columns(db, "orders"));
      assertEquals(TradingRows.ORDER_COLUMNS, columns(db, "orders_stage"), "the appender fills orders_stage");
      assertEquals(TradingRows.FILL_COLUMNS, columns(db, "trades"));
      assertEquals(TradingRows.FILL_COLUMNS, columns(db, "trades_stage"), "the appender fills trades_stage");
    }
  }

  private static List<String> columns(DuckDBConnection db, String table) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement select = db.prepareStatement("SELECT column_name FROM information_schema.columns "
        + "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position")) {
      select.setString(1, table);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
    }
    return names;
  }
}
