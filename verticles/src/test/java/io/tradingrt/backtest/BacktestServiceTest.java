package io.tradingrt.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingrt.config.ConfigLoader;
import io.tradingrt.storage.schema.Migrations;
import io.tradingrt.testing.ReplayTicks;
import io.tradingrt.time.MicrosClock;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API's service without Vert.x, on a real DuckDB file: a run reads a recording, is stored by the "writer"
 * before it is DONE, and reads back (report, curve, fills) from the database alone, as after a restart.
 */
class BacktestServiceTest {
  private static final BacktestSpec CONFIGURED = BacktestSpec.of(ConfigLoader.load(Map.of(), Map.of()));
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  /** Reads on duplicates, writes on the one connection: the shape of the storage role's readers and writer. */
  private record FileDatabase(DuckDBConnection writer) implements BacktestService.Database {
    @Override
    public <T> T read(Function<DuckDBConnection, T> query) {
      try (DuckDBConnection reader = (DuckDBConnection) writer.duplicate()) {
        return query.apply(reader);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public synchronized void write(String name, Consumer<DuckDBConnection> work) {
      work.accept(writer);
    }
  }

  private BacktestService service(DuckDBConnection connection, Path root) {
    BacktestRuns runs = new BacktestRuns(executor, 1, 10, MicrosClock.SYSTEM, 250_000, v -> { });
    return new BacktestService(CONFIGURED, root, new FileDatabase(connection), new LocalSweepRunner(2), runs);
  }

  private static Map<String, Object> awaitDone(BacktestService service, String id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Map<String, Object> run = service.get(id).orElseThrow();
    while ("RUNNING".equals(run.get("status")) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      run = service.get(id).orElseThrow();
    }
    assertEquals("DONE", run.get("status"), run.toString());
    return run;
  }

  @Test
  void aRunIsStoredBeforeItIsDoneAndReadsBackFromTheDatabase(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("backtest-data");
    Path csv = ReplayTicks.write(root.resolve("day.csv"), 20_000);
    BacktestResult direct;
    try (TickSource source = new CsvTickSource(csv, TickRange.ALL)) {
      direct = new BacktestEngine(CONFIGURED).run(source, BacktestEngine.Progress.NONE);
    }
    try (DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:"
        + dir.resolve("rt.duckdb"))) {
      Migrations.fromClasspath().apply(connection);
      BacktestService service = service(connection, root);
      String id = (String) service.start("{\"source\": {\"kind\": \"csv\", \"path\": \"day.csv\"}}").get("runId");
      JsonNode report = (JsonNode) awaitDone(service, id).get("report");
      assertEquals(direct.fillsHash(), report.get("fillsHash").asText(), "the service runs the engine as is");
      assertEquals(20_000, report.get("ticks").asLong());

      BacktestService restarted = service(connection, root);
      Map<String, Object> stored = restarted.get(id).orElseThrow();
      assertEquals(direct.fillsHash(), stored.get("fillsHash"));
      assertEquals(direct.fillsHash(), ((JsonNode) stored.get("report")).get("fillsHash").asText());
      assertEquals(List.of(id), restarted.list(10).stream().map(m -> m.get("runId")).toList());
      List<?> points = (List<?>) restarted.equity(id).orElseThrow().get("points");
      assertEquals(direct.curve().points(), points);
      Map<String, Object> fills = restarted.fills(id, 0, 10_000).orElseThrow();
      assertEquals((long) direct.fills().size(), fills.get("total"));
      assertEquals(direct.fills(), fills.get("items"));
      assertTrue(restarted.get("bt-unknown").isEmpty() && restarted.equity("bt-unknown").isEmpty()
          && restarted.fills("bt-unknown", 0, 10).isEmpty());
    }
  }

  @Test
  void aSweepStoresEachRunWithItsSweepId(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("backtest-data");
    ReplayTicks.write(root.resolve("day.csv"), 10_000);
    try (DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:"
        + dir.resolve("rt.duckdb"))) {
      Migrations.fromClasspath().apply(connection);
      BacktestService service = service(connection, root);
      String id = (String) service.start("{\"source\": {\"kind\": \"csv\", \"path\": \"day.csv\"}, \"sweep\": "
          + "{\"momentum\": {\"fast\": [3, 5, 8]}}}").get("runId");
      JsonNode ranking = (JsonNode) awaitDone(service, id).get("report");
      assertEquals(3, ranking.get("runs").size());
      for (JsonNode run : ranking.get("runs")) {
        Map<String, Object> stored = service.get(run.get("runId").asText()).orElseThrow();
        assertEquals(id, stored.get("sweepId"));
        assertEquals(run.get("fillsHash").asText(), stored.get("fillsHash"));
      }
      List<Object> listed = service.list(10).stream().map(m -> m.get("runId")).toList();
      assertEquals(4, listed.size(), "the sweep and its three runs: " + listed);
    }
  }
}
