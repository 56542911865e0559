package io.tradingrt.storage.database;

import org.duckdb.DuckDBConnection;

import java.nio.file.Path;

/** Run in a second JVM by {@link StorageFaultsTest}: holds a database file open until its stdin closes. */
public final class LockHolder {

  private LockHolder() {
  }

  public static void main(String[] args) throws Exception {
    try (DuckDBConnection connection = DuckDb.open(Path.of(args[0]), "128MB", 1)) {
      System.out.println("READY");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our stdin
      }
    }
  }
}
