package io.tradingrt.storage.database;

import java.sql.SQLException;

/**
 * Tells a record DuckDB can never store from a fault of the database itself. DuckDB's JDBC driver throws plain
 * {@link SQLException}s whose message starts with the error type ("Conversion Error: …", "IO Error: …"), so the type
 * prefix is the only stable signal.
 */
public final class WriteFaults {

  /** Error types that depend on the row's values: retrying the same row fails the same way forever. */
  private static final String[] RECORD_ERRORS = {"Conversion Error", "Constraint Error", "Invalid Input Error",
      "Out of Range Error", "Mismatch Type Error"};

  private WriteFaults() {
  }

  public static StorageErrorCode classify(SQLException error) {
    return classify(error.getMessage());
  }

  public static StorageErrorCode classify(String message) {
    if (message == null) {
      return StorageErrorCode.WRITE_FAILED;
    }
    if (message.contains("database has been invalidated") || message.contains("FATAL Error")) {
      return StorageErrorCode.DATABASE_INVALIDATED;
    }
    for (String type : RECORD_ERRORS) {
      // the type leads the message, possibly after a wrapper such as "TransactionContext Error: Failed to commit: "
      if (message.startsWith(type) || message.contains(": " + type + ":")) {
        return StorageErrorCode.RECORD_REJECTED;
      }
    }
    return StorageErrorCode.WRITE_FAILED;
  }
}
