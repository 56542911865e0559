package io.tradingrt.storage.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Catalog look-ups. */
public final class Tables {

  private Tables() {
  }

  public static List<String> baseTables(Connection connection) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT table_name FROM duckdb_tables() "
             + "WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal "
             + "AND NOT temporary ORDER BY table_name")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  public static boolean exists(Connection connection, String name) throws SQLException {
    try (var statement = connection.prepareStatement("SELECT count(*) FROM duckdb_tables() "
        + "WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?")) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1) > 0;
      }
    }
  }
}
