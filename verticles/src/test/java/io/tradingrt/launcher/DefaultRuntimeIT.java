package io.tradingrt.launcher;

import io.tradingrt.testing.RuntimeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README command 1 as a user runs it: the real jar on its embedded defaults (only ports and the file moved out of
 * the way) trades, logs fills and portfolio lines, answers HTTP, and on SIGTERM stops feeds first and storage last
 * within 5 s.
 */
class DefaultRuntimeIT {

  @Test
  void theDefaultRuntimeTradesServesAndStopsInOrder(@TempDir Path dir) throws Exception {
    int httpPort = freePort();
    Map<String, String> env = Map.of("TRT_HTTP_PORT", Integer.toString(httpPort),
        "TRT_TCP_BRIDGE_PORT", Integer.toString(freePort()), "TRT_DB_PATH", dir.resolve("rt.duckdb").toString(),
        "TRT_TOKEN", "it-token");
    try (RuntimeProcess runtime = RuntimeProcess.start("default", dir, env)) {
      runtime.awaitLine(l -> l.contains("runtime: started roles [storage, portfolio, execution, risk, signal, bars, "
          + "metrics, http, bridge, ingest]"), Duration.ofSeconds(60));
      runtime.awaitLine(l -> l.contains("execution: fill "), Duration.ofSeconds(10));
      runtime.awaitLine(l -> l.contains("portfolio: equity "), Duration.ofSeconds(10));

      HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + httpPort + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ready.statusCode(), ready.body());

      int exit = runtime.terminate(Duration.ofSeconds(5));
      assertTrue(exit == 143 || exit == 0, "SIGTERM stops the runtime within 5 s, exit " + exit);
      runtime.awaitLine(l -> l.contains("runtime: stopped"), Duration.ofSeconds(1));
      List<String> lines = runtime.lines();
      int ingestStopped = indexOf(lines, "ingest: stopped after");
      int storageClosed = indexOf(lines, "storage: closed");
      assertTrue(ingestStopped >= 0 && storageClosed > ingestStopped,
          "the feed stops before the writer closes:\n" + String.join("\n", lines));
      assertTrue(lines.stream().noneMatch(l -> l.startsWith("\tat ")), "no stack trace:\n" + String.join("\n", lines));
    }
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
