package io.tradingrt.metrics;

import io.tradingrt.testing.RuntimeProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/grafana/tradingrt-dashboard.json against the real jar's {@code /metrics}: every series a panel queries exists
 * (the cluster's while this node's {@code cluster.view} answers), the book's gauges carry the figures, and the
 * trading-state series follow an operator's HALT.
 */
class GrafanaDashboardIT {
  private static final Pattern SERIES = Pattern.compile("tradingrt_[a-z_]+");
  private static final Pattern LINE = Pattern.compile("(?m)^(tradingrt_[a-z_]+)(\\{[^}]*})?\\s+(\\S+)$");

  @Test
  void everySeriesTheDashboardQueriesIsScraped(@TempDir Path dir) throws Exception {
    JsonObject dashboard = new JsonObject(Files.readString(
        Path.of(System.getProperty("project.root", "..")).resolve("docs/grafana/tradingrt-dashboard.json")));
    Set<String> queried = new TreeSet<>();
    for (Object panel : dashboard.getJsonArray("panels")) {
      for (Object target : ((JsonObject) panel).getJsonArray("targets", new JsonArray())) {
        Matcher m = SERIES.matcher(((JsonObject) target).getString("expr"));
        while (m.find()) {
          queried.add(m.group());
        }
      }
    }
    assertTrue(queried.size() >= 15, "the dashboard queries: " + queried);
    assertTrue(queried.containsAll(Set.of("tradingrt_cluster_members", "tradingrt_cluster_singleton_held",
        "tradingrt_cluster_view_answered")), "the dashboard shows the cluster: " + queried);

    int port = freePort();
    Map<String, String> env = Map.of("TRT_HTTP_PORT", Integer.toString(port),
        "TRT_TCP_BRIDGE_PORT", Integer.toString(freePort()), "TRT_DB_PATH", dir.resolve("rt.duckdb").toString(),
        "TRT_TOKEN", "grafana-token");
    HttpClient http = HttpClient.newHttpClient();
    try (RuntimeProcess runtime = RuntimeProcess.start("grafana", dir, env)) {
      runtime.awaitLine(l -> l.contains("execution: fill "), Duration.ofSeconds(60));
      Thread.sleep(1_500); // a portfolio snapshot and a metrics sync after the fill
      String metrics = scrape(http, port);
      Set<String> scraped = new TreeSet<>();
      Matcher line = LINE.matcher(metrics);
      while (line.find()) {
        scraped.add(line.group(1));
      }
      Set<String> missing = new TreeSet<>(queried);
      missing.removeAll(scraped);
      // the cluster series but _view_answered exist while this node's cluster.view answers: on a jar without that
      // answerer they are absent by design, and the view and /api/cluster must both say it is not there
      if (value(metrics, "tradingrt_cluster_view_answered", "") == 0.0) {
        assertEquals(503, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cluster"))
            .build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "no view, so /api/cluster is 503");
        missing.removeIf(series -> series.startsWith("tradingrt_cluster_") && !series.endsWith("_view_answered"));
        System.out.println("GrafanaDashboardIT: no cluster.view on this jar; the cluster series are not checked");
      } else {
        assertEquals(1.0, value(metrics, "tradingrt_cluster_members", ""), "a single node is one member");
        assertEquals(0.0, value(metrics, "tradingrt_cluster_missing", ""), "a single node holds what it needs");
      }
      assertEquals(Set.of(), missing, "queried by the dashboard but not on /metrics (scraped: " + scraped + ")");

      assertTrue(value(metrics, "tradingrt_book_equity", "") > 0, "equity");
      assertTrue(value(metrics, "tradingrt_book_fees_total", "") > 0, "fees after a fill");
      assertEquals(1.0, value(metrics, "tradingrt_trading_state", "{state=\"ACTIVE\"}"));
      HttpResponse<String> halt = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
              + "/api/risk/halt")).header("Authorization", "Bearer grafana-token")
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"grafana test\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, halt.statusCode(), halt.body());
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      String after = scrape(http, port);
      while (value(after, "tradingrt_trading_state", "{state=\"HALTED\"}") != 1.0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        after = scrape(http, port);
      }
      assertEquals(1.0, value(after, "tradingrt_trading_state", "{state=\"HALTED\"}"), after);
      assertEquals(0.0, value(after, "tradingrt_trading_state", "{state=\"ACTIVE\"}"));
    }
  }

  private static String scrape(HttpClient http, int port) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static double value(String metrics, String name, String labels) {
    Matcher m = LINE.matcher(metrics);
    while (m.find()) {
      if (m.group(1).equals(name) && (m.group(2) == null ? "" : m.group(2)).equals(labels)) {
        return Double.parseDouble(m.group(3));
      }
    }
    throw new AssertionError(name + labels + " is not on /metrics");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
