package io.tradingrt.storage.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Quoting for the few places DuckDB does not accept parameters (file paths in COPY, table names). */
public final class Sql {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Sql() {
  }

  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  public static String literal(Path path) {
    return literal(path.toAbsolutePath().normalize().toString());
  }

  /** Accepts plain identifiers only, so a configured name can never smuggle SQL. */
  public static String ident(String name) {
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain SQL identifier: '" + name + "'");
    }
    return "\"" + name + "\"";
  }

  public static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  public static long update(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    }
  }

  /** Best effort after a failure: the transaction is aborted anyway and the original error matters more. */
  public static void rollbackQuietly(Connection connection) {
    try {
      execute(connection, "ROLLBACK");
    } catch (SQLException ignored) {
      // no transaction was open
    }
  }
}
