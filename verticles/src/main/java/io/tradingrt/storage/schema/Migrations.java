package io.tradingrt.storage.schema;

import io.tradingrt.storage.database.Sql;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.storage.database.Tables;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the pending schema migrations, each in its own transaction together with its {@code schema_migrations}
 * row, so a crash leaves the schema at a whole version. An applied migration whose file has since changed is an
 * error: history is never rewritten, a fix is a new version.
 */
public final class Migrations {

  static final String RESOURCE_DIR = "db/migrations/";

  private final List<Migration> migrations;

  Migrations(List<Migration> migrations) {
    this.migrations = List.copyOf(migrations);
    for (int i = 0; i < this.migrations.size(); i++) {
      if (this.migrations.get(i).version() != i + 1) {
        throw new IllegalStateException("migrations must be numbered 1, 2, 3… without gaps; found "
            + this.migrations.get(i).version() + " at position " + (i + 1));
      }
    }
  }

  /** The migrations listed, in order, in {@code db/migrations/index.txt} on the classpath. */
  public static Migrations fromClasspath() {
    List<Migration> list = new ArrayList<>();
    for (String line : resource("index.txt").split("\\R")) {
      String fileName = line.strip();
      if (!fileName.isEmpty() && !fileName.startsWith("#")) {
        list.add(Migration.of(fileName, resource(fileName)));
      }
    }
    return new Migrations(list);
  }

  public List<Migration> all() {
    return migrations;
  }

  public int latestVersion() {
    return migrations.size();
  }

  /** Brings the schema to the latest version; returns the versions applied now. */
  public List<Integer> apply(Connection connection) {
    return applyUpTo(connection, latestVersion());
  }

  public List<Integer> applyUpTo(Connection connection, int targetVersion) {
    if (targetVersion > latestVersion()) {
      throw new StorageException(StorageErrorCode.MIGRATION_FAILED, "schema version " + targetVersion
          + " is newer than this runtime knows (" + latestVersion() + "): use a newer runtime");
    }
    try {
      Sql.execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
          + "name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL, checksum VARCHAR NOT NULL)");
      Map<Integer, String> applied = applied(connection);
      verifyHistory(applied);
      List<Integer> done = new ArrayList<>();
      for (Migration migration : migrations) {
        if (migration.version() <= targetVersion && !applied.containsKey(migration.version())) {
          applyOne(connection, migration);
          done.add(migration.version());
        }
      }
      return done;
    } catch (SQLException e) {
      throw new StorageException(StorageErrorCode.MIGRATION_FAILED, "schema migration failed: " + e.getMessage(), e);
    }
  }

  /** The highest applied version, 0 for an empty database. */
  public static int currentVersion(Connection connection) {
    try {
      if (!Tables.exists(connection, "schema_migrations")) {
        return 0;
      }
      try (Statement statement = connection.createStatement();
           ResultSet result = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_migrations")) {
        result.next();
        return result.getInt(1);
      }
    } catch (SQLException e) {
      throw new StorageException(StorageErrorCode.QUERY_FAILED, "cannot read the schema version: " + e.getMessage(), e);
    }
  }

  private void verifyHistory(Map<Integer, String> applied) {
    for (Map.Entry<Integer, String> entry : applied.entrySet()) {
      int version = entry.getKey();
      if (version > latestVersion()) {
        throw new StorageException(StorageErrorCode.MIGRATION_FAILED, "database schema version " + version
            + " is newer than this runtime knows (" + latestVersion() + "): use a newer runtime");
      }
      Migration known = migrations.get(version - 1);
      if (!known.checksum().equals(entry.getValue())) {
        throw new StorageException(StorageErrorCode.MIGRATION_CHECKSUM_MISMATCH, "migration V" + version + "__"
            + known.name() + " was changed after it was applied; add a new migration instead of editing it");
      }
    }
  }

  private static Map<Integer, String> applied(Connection connection) throws SQLException {
    Map<Integer, String> applied = new HashMap<>();
    try (Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery("SELECT version, checksum FROM schema_migrations")) {
      while (result.next()) {
        applied.put(result.getInt(1), result.getString(2));
      }
    }
    return applied;
  }

  private static void applyOne(Connection connection, Migration migration) throws SQLException {
    Sql.execute(connection, "BEGIN");
    try {
      Sql.execute(connection, migration.sql());
      try (PreparedStatement record = connection.prepareStatement(
          "INSERT INTO schema_migrations VALUES (?, ?, current_timestamp::TIMESTAMP, ?)")) {
        record.setInt(1, migration.version());
        record.setString(2, migration.name());
        record.setString(3, migration.checksum());
        record.executeUpdate();
      }
      Sql.execute(connection, "COMMIT");
    } catch (SQLException e) {
      Sql.rollbackQuietly(connection);
      throw new SQLException("V" + migration.version() + "__" + migration.name() + ": " + e.getMessage(), e);
    }
  }

  private static String resource(String fileName) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + fileName)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + RESOURCE_DIR + fileName);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE_DIR + fileName, e);
    }
  }
}
