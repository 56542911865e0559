package io.tradingrt.storage.database;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Row count and an order-independent checksum (Σ hash(row) as HUGEINT) of a relation: proves copies equal. */
public record Checksums(long rows, BigInteger hashSum) {

  /** {@code relation} is a quoted table name or a parenthesised query; every column takes part. */
  public static Checksums of(Connection connection, String relation) throws SQLException {
    return ofColumns(connection, relation, "r");
  }

  /** Checksum over the given column list only, e.g. when Parquet adds hive partition columns. */
  public static Checksums ofColumns(Connection connection, String relation, String columns) throws SQLException {
    String sql = "SELECT count(*), CAST(coalesce(sum(CAST(hash(" + columns + ") AS HUGEINT)), 0) AS VARCHAR) FROM "
        + relation + " AS r";
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return new Checksums(result.getLong(1), new BigInteger(result.getString(2)));
    }
  }

  @Override
  public String toString() {
    return rows + " rows, hash " + hashSum;
  }
}
