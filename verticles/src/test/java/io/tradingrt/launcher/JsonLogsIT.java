package io.tradingrt.launcher;

import io.tradingrt.testing.RuntimeProcess;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code TRT_LOG_FORMAT=json}: every line the real jar writes, from start to SIGTERM, is one JSON object. */
class JsonLogsIT {

  @Test
  void everyLineOfTheRealJarIsAJsonObject(@TempDir Path dir) throws Exception {
    int httpPort = freePort();
    Map<String, String> env = Map.of("TRT_HTTP_PORT", Integer.toString(httpPort),
        "TRT_TCP_BRIDGE_PORT", Integer.toString(freePort()), "TRT_DB_PATH", dir.resolve("rt.duckdb").toString(),
        "TRT_TOKEN", "json-token", "TRT_LOG_FORMAT", "json");
    List<String> lines;
    try (RuntimeProcess runtime = RuntimeProcess.start("json-logs", dir, env)) {
      runtime.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(60));
      runtime.awaitLine(l -> l.contains("execution: fill "), Duration.ofSeconds(20));
      // a client's reason with a newline and quotes: logged, and still one line of valid JSON
      HttpResponse<String> halt = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + httpPort + "/api/risk/halt"))
          .header("Authorization", "Bearer json-token").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"a \\\"quoted\\\"\\nsecond line\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, halt.statusCode(), halt.body());
      runtime.awaitLine(l -> l.contains("quoted"), Duration.ofSeconds(10));
      runtime.terminate(Duration.ofSeconds(10));
      lines = runtime.lines();
    }
    assertTrue(lines.size() > 5, "the runtime logged: " + lines);
    boolean sawHalt = false;
    for (String line : lines) {
      JsonObject record;
      try {
        record = new JsonObject(line);
      } catch (DecodeException e) {
        fail("not a JSON object: " + line);
        return;
      }
      assertTrue(record.fieldNames().containsAll(Set.of("time", "level", "logger", "thread", "message")), line);
      Instant.parse(record.getString("time"));
      assertFalse(record.getString("logger").isEmpty(), line);
      sawHalt |= record.getString("message").contains("a \"quoted\"\nsecond line")
          || record.getString("message").contains("a \"quoted\"\\nsecond line");
    }
    assertTrue(sawHalt, "the operator's reason is in a message, quotes and newline kept inside the string");
  }

  @Test
  void anUnknownFormatEndsTheStartWithOneLine(@TempDir Path dir) throws Exception {
    try (RuntimeProcess runtime = RuntimeProcess.start("json-logs-bad", dir, Map.of("TRT_LOG_FORMAT", "xml",
        "TRT_DB_PATH", dir.resolve("rt.duckdb").toString()))) {
      assertEquals(2, runtime.awaitExit(Duration.ofSeconds(30)));
      assertEquals(List.of("runtime: TRT_LOG_FORMAT must be text or json, not xml"), runtime.lines());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
