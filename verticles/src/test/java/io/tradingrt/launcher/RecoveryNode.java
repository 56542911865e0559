package io.tradingrt.launcher;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.testing.RuntimeProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One start of the real jar on a data directory kept across starts, for the recovery tests: the trading roles, the
 * HTTP edge on a free port, a fast feed, acknowledgement lines on, loss limits off (only the test changes the state).
 */
final class RecoveryNode implements AutoCloseable {
  static final String TOKEN = "change-me";
  /** The latest instant the edge accepts as {@code to}: 9999-12-31T23:59:59.999999Z in epoch µs. */
  private static final long END_OF_TIME = 253_402_300_799_999_999L;
  private static final int PAGE = 1_000;

  final RuntimeProcess process;
  final int port;
  final long startedNanos = System.nanoTime();
  /** Seconds from the process start until it served HTTP. */
  double startSeconds;
  /** Reads asked again after a 504. */
  int readRetries;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RecoveryNode(RuntimeProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  static RecoveryNode start(String name, Path dir, long feedSeed) throws Exception {
    int port = freePort();
    String conf = "{\"roles\":[\"storage\",\"portfolio\",\"execution\",\"risk\",\"signal\",\"http\",\"ingest\"],"
        + "\"ingest\":{\"ticksPerSecond\":2000,\"volatilityBps\":20,\"seed\":" + feedSeed + "},"
        + "\"execution\":{\"logAcks\":true},"
        + "\"risk\":{\"dailyLossLimit\":\"0\",\"maxDrawdown\":\"0\"},"
        + "\"http\":{\"port\":" + port + ",\"tcpBridgePort\":" + freePort() + ",\"token\":\"" + TOKEN + "\"},"
        + "\"storage\":{\"path\":\"" + dir.resolve("rt.duckdb") + "\",\"retention\":{\"tierPath\":\""
        + dir.resolve("tiers") + "\"},\"backupRoot\":\"" + dir.resolve("backups") + "\"}}";
    // its own temporary directory, so that what a killed runtime leaves there can be looked at
    Files.createDirectories(temporaryDirectory(dir));
    RecoveryNode node = new RecoveryNode(RuntimeProcess.start(name, dir, Map.of(),
        List.of("-Xmx1g", "-Djava.io.tmpdir=" + temporaryDirectory(dir)), "-conf", conf), port);
    node.process.awaitLine(l -> l.contains("RiskVerticle: recovery: "), Duration.ofSeconds(120));
    node.process.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(60));
    node.startSeconds = node.secondsUp();
    return node;
  }

  /** The {@code java.io.tmpdir} of the runtimes started in {@code dir}. */
  static Path temporaryDirectory(Path dir) {
    return dir.resolve("tmp");
  }

  double secondsUp() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  /**
   * A read; one the storage reader did not answer in time (504, seen when the 2-core machine is loaded) is asked
   * again, a few times, since asking again changes nothing.
   */
  JsonObject get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
    for (int retry = 0; retry < 4 && response.statusCode() == 504; retry++) {
      readRetries++;
      response = send(HttpRequest.newBuilder(uri(path)).GET());
    }
    HttpResponse<String> answer = response;
    assertEquals(200, answer.statusCode(), () -> "GET " + path + ": " + answer.body());
    return new JsonObject(answer.body());
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).DELETE());
  }

  /** Every stored fill, in journal (fold) order, paged from the storage reader. */
  List<Fill> storedFills() throws IOException, InterruptedException {
    return pages("/api/trades?from=0&to=" + END_OF_TIME, item -> ContractJson.read(item.encode(), Fill.class));
  }

  /** Every stored order event, in the order the writer stored them. */
  List<OrderEvent> storedOrderEvents() throws IOException, InterruptedException {
    return pages("/api/orders?from=0&to=" + END_OF_TIME,
        item -> ContractJson.read(item.getJsonObject("event").encode(), OrderEvent.class));
  }

  /** The fills this run published (the HTTP edge's in-memory window of them: what the live book applied). */
  List<String> publishedFillIds() throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (int offset = 0; ; offset += PAGE) {
      JsonObject page = get("/api/trades?limit=" + PAGE + "&offset=" + offset);
      page.getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getString("fillId")));
      if (!page.getJsonObject("page").containsKey("nextOffset")) {
        return ids;
      }
    }
  }

  private <T> List<T> pages(String path, Function<JsonObject, T> read) throws IOException, InterruptedException {
    List<T> rows = new ArrayList<>();
    for (int offset = 0; ; offset += PAGE) {
      JsonArray items = get(path + "&limit=" + PAGE + "&offset=" + offset).getJsonArray("items");
      items.forEach(item -> rows.add(read.apply((JsonObject) item)));
      if (items.size() < PAGE) {
        return rows;
      }
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Kept beside the failsafe reports: the evidence when a check fails. */
  void saveLog(String name) throws IOException {
    Path logs = Path.of("target", "recovery-kill-logs");
    java.nio.file.Files.createDirectories(logs);
    java.nio.file.Files.write(logs.resolve(name + ".log"), process.lines());
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
