package io.tradingrt.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.testing.RuntimeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.tradingrt.testing.InOrder.assertSameInOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parity with a recorded live session (issue 12, item 6): the real runtime jar runs live on the simulated feed with
 * persistence on — the DuckDB file records its ticks, orders and fills — and is stopped; then {@code runtime.jar
 * backtest --source db} runs the same strategies over the ticks it stored (the stored range and symbols, the same
 * risk, fees, slippage and latency) and must give the same orders and the same fills, in order. The default
 * configuration everywhere except shorter strategy windows, so a session of some seconds holds dozens of orders.
 */
class RecordedSessionParityIT {
  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOG", "AMZN", "TSLA");
  private static final String STRATEGIES = "\"strategies\": ["
      + "{\"name\": \"momentum\", \"type\": \"ma-crossover\", \"symbols\": [\"AAPL\", \"MSFT\", \"GOOG\"], "
      + "\"fast\": 2, \"slow\": 6, \"quantity\": \"10\"},"
      + "{\"name\": \"meanrev\", \"type\": \"mean-reversion\", \"symbols\": [\"AMZN\", \"TSLA\"], \"window\": 10, "
      + "\"entryZ\": \"1\", \"exitZ\": \"0.2\", \"quantity\": \"10\"}]";

  /** One fill as both sides can say it: the n-th order of its strategy (ids differ by design: docs/backtest.md). */
  private static String fill(String strategy, String clientOrderId, String symbol, String side, String quantity,
                             String price, String fee) {
    return strategy + " #" + clientOrderId.substring(clientOrderId.lastIndexOf('-') + 1) + " " + symbol + " " + side
        + " " + quantity + " @ " + price + " fee " + fee;
  }

  @Test
  void aBacktestOverTheTicksALiveSessionStoredGivesItsOrdersAndFills(@TempDir Path dir) throws Exception {
    Path database = dir.resolve("live.duckdb");
    String conf = "{" + STRATEGIES + ", \"storage\": {\"path\": \"" + database + "\", \"memoryLimit\": \"256MB\", "
        + "\"threads\": 1, \"retention\": {\"tierPath\": \"" + dir.resolve("tiers") + "\"}, \"backupRoot\": \""
        + dir.resolve("backups") + "\"}, \"http\": {\"port\": 19630, \"tcpBridgePort\": 19631}}";
    try (RuntimeProcess live = RuntimeProcess.start("live", dir, Map.of(), "-conf", conf)) {
      live.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(60));
      Thread.sleep(25_000);
      int exit = live.terminate(Duration.ofSeconds(60));
      assertTrue(exit == 0 || exit == 143, "the live runtime stops on SIGTERM: exit " + exit);
    }

    long from;
    long to;
    List<String> liveFills = new ArrayList<>();
    List<String> liveOrders = new ArrayList<>();
    long liveDenied;
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + database, readOnly);
         Statement sql = db.createStatement()) {
      try (ResultSet r = sql.executeQuery("SELECT epoch_us(min(ts)), epoch_us(max(ts)), count(*) FROM market_ticks")) {
        r.next();
        from = r.getLong(1);
        to = r.getLong(2) + 1;
        assertTrue(r.getLong(3) > 800, "the session stored its ticks: " + r.getLong(3));
      }
      try (ResultSet r = sql.executeQuery("SELECT strategy, client_order_id, symbol, side, quantity::VARCHAR, "
          + "price::VARCHAR, fee::VARCHAR FROM trades ORDER BY ts, fill_id")) {
        while (r.next()) {
          liveFills.add(fill(r.getString(1), r.getString(2), r.getString(3), r.getString(4), plain(r.getString(5)),
              plain(r.getString(6)), plain(r.getString(7))));
        }
      }
      try (ResultSet r = sql.executeQuery("SELECT strategy, client_order_id, symbol, side, quantity::VARCHAR "
          + "FROM orders WHERE status = 'SUBMITTED' ORDER BY event_seq")) {
        while (r.next()) {
          liveOrders.add(r.getString(1) + " #" + r.getString(2).substring(r.getString(2).lastIndexOf('-') + 1) + " "
              + r.getString(3) + " " + r.getString(4) + " " + plain(r.getString(5)));
        }
      }
      try (ResultSet r = sql.executeQuery("SELECT count(*) FROM orders WHERE status = 'DENIED'")) {
        r.next();
        liveDenied = r.getLong(1);
      }
    }
    assertTrue(liveFills.size() >= 24, "the live session traded: " + liveFills.size() + " fills");
    assertTrue(liveFills.stream().anyMatch(f -> f.startsWith("momentum "))
        && liveFills.stream().anyMatch(f -> f.startsWith("meanrev ")), "both strategies filled live");

    try (RuntimeProcess backtest = RuntimeProcess.start("backtest", dir, Map.of(), "backtest", "--source", "db",
        database.toString(), "--from", Long.toString(from), "--to", Long.toString(to), "--symbols",
        String.join(",", SYMBOLS), "-conf", conf, "--out", "out", "--no-store")) {
      int exit = backtest.awaitExit(Duration.ofSeconds(120));
      assertEquals(0, exit, String.join("\n", backtest.lines()));
    }
    JsonNode report = ContractJson.mapper().readTree(Files.readString(dir.resolve("out/report.json")));
    List<String> backtestFills = new ArrayList<>();
    for (JsonNode f : ContractJson.mapper().readTree(Files.readString(dir.resolve("out/fills.json")))) {
      backtestFills.add(fill(f.get("strategy").asText(), f.get("clientOrderId").asText(), f.get("symbol").asText(),
          f.get("side").asText(), plain(f.get("quantity").asText()), plain(f.get("price").asText()),
          plain(f.get("fee").asText())));
    }
    assertSameInOrder(backtestFills, liveFills, "fills (strategy, order number, symbol, side, quantity, price, fee)");
    JsonNode events = report.get("orderEvents");
    assertEquals(liveOrders.size(), events.path("SUBMITTED").asLong(), "orders submitted: live " + liveOrders);
    assertEquals(liveDenied, events.path("DENIED").asLong(0), "orders denied");
    // every live order is the backtest's order of the same number: the fills name each, and none is left over
    assertEquals(liveOrders.stream().map(o -> o.substring(0, o.indexOf(' ', o.indexOf('#')))).distinct().count(),
        backtestFills.stream().map(f -> f.substring(0, f.indexOf(' ', f.indexOf('#')))).distinct().count(),
        "as many orders filled in the backtest as were submitted live");
  }

  /** {@code 10.00000000} and {@code 10} are the same decimal: compare them without trailing zeros. */
  private static String plain(String decimal) {
    return new java.math.BigDecimal(decimal).stripTrailingZeros().toPlainString();
  }

}
