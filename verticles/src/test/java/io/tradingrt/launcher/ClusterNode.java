package io.tradingrt.launcher;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.testing.RuntimeProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One member of a test cluster: a real {@code java -jar runtime.jar -cluster} process with its eligible roles, its
 * own directory and fixed HTTP/bridge ports, started again with the same configuration after a kill. Its output is
 * kept per start and saved beside the failsafe reports.
 */
final class ClusterNode implements AutoCloseable {
  static final String TOKEN = "change-me";
  static final List<String> TRADING = List.of("ingest", "bars", "portfolio", "execution", "risk", "signal", "http");
  static final List<String> STORAGE = List.of("storage", "http", "metrics", "bridge");
  /** The latest instant the edge accepts as {@code to}: 9999-12-31T23:59:59.999999Z in epoch µs. */
  static final long END_OF_TIME = 253_402_300_799_999_999L;
  private static final int PAGE = 1_000;
  private static final List<String> JVM = List.of("-Xmx512m", "-Dtrt.it=ClusterFailoverIT");

  final String name;
  final int httpPort;
  final Path dir;
  private final List<String> roles;
  private final Map<String, String> env;
  private final String ingest;
  private final List<RuntimeProcess> runs = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * @param env    the cluster's own name and ports (see {@link #clusterEnv})
   * @param ingest the {@code ingest} section, so every feed-eligible node feeds alike
   */
  ClusterNode(String name, List<String> roles, int httpPort, Path root, Map<String, String> env, String ingest)
      throws IOException {
    this.name = name;
    this.roles = roles;
    this.httpPort = httpPort;
    this.dir = Files.createDirectories(root.resolve(name));
    this.env = env;
    this.ingest = ingest;
  }

  /**
   * A cluster of the test's own: its name (a developer's cluster or a parallel build must not join it) and a
   * Hazelcast port range no other test uses.
   */
  static Map<String, String> clusterEnv(String clusterName, int hazelcastPort) {
    List<String> members = new ArrayList<>();
    for (int port = hazelcastPort; port < hazelcastPort + 6; port++) {
      members.add("127.0.0.1:" + port);
    }
    return Map.of("TRT_CLUSTER_NAME", clusterName + "-" + ProcessHandle.current().pid(),
        "TRT_CLUSTER_PORT", Integer.toString(hazelcastPort), "TRT_CLUSTER_MEMBERS", String.join(",", members));
  }

  Path database() {
    return dir.resolve(name + ".duckdb");
  }

  /**
   * Whether a process holds this node's database file open: DuckDB locks the file for as long as a writer has it,
   * so a read-only open from here fails exactly then. A file that does not exist is held by nobody.
   */
  boolean databaseIsOpen() throws SQLException {
    if (!Files.exists(database())) {
      return false;
    }
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection ignored = DriverManager.getConnection("jdbc:duckdb:" + database(), readOnly)) {
      return false;
    } catch (SQLException e) {
      if (e.getMessage() != null && e.getMessage().contains("lock")) {
        return true;
      }
      throw e;
    }
  }

  private String conf() {
    return "{\"roles\":" + new JsonArray(roles).encode() + ","
        + "\"cluster\":{\"nodeName\":\"" + name + "\",\"minimumMembers\":2},"
        + "\"ingest\":" + ingest + ","
        + "\"execution\":{\"logAcks\":true},"
        // the loss limits would halt trading at random moments; the test wants the book to move
        + "\"risk\":{\"dailyLossLimit\":\"0\",\"maxDrawdown\":\"0\"},"
        + "\"http\":{\"port\":" + httpPort + ",\"tcpBridgePort\":" + (httpPort + 1) + ",\"token\":\"" + TOKEN + "\"},"
        + "\"storage\":{\"path\":\"" + database() + "\",\"memoryLimit\":\"256MB\",\"threads\":1,"
        + "\"retention\":{\"tierPath\":\"" + dir.resolve("tiers") + "\"},\"backupRoot\":\"" + dir.resolve("backups")
        + "\"}}";
  }

  /** Starts this node (again): a fresh process with the same configuration, so a fresh standby. */
  ClusterNode start() throws IOException {
    if (!runs.isEmpty() && current().isAlive()) {
      throw new IllegalStateException(name + " is running");
    }
    runs.add(RuntimeProcess.start(name + "#" + (runs.size() + 1), dir, env, JVM, "-cluster", "-conf", conf()));
    return this;
  }

  RuntimeProcess current() {
    return runs.get(runs.size() - 1);
  }

  List<String> lines() {
    return current().lines();
  }

  /** The output of every run so far, oldest first. */
  List<String> allLines() {
    return runs.stream().flatMap(run -> run.lines().stream()).toList();
  }

  String await(Predicate<String> match, Duration timeout) throws InterruptedException {
    return current().awaitLine(match, timeout);
  }

  /** The first line of the current run logged at or after {@code since} that contains {@code text}. */
  String awaitAfter(Instant since, String text, Duration timeout) throws InterruptedException {
    return await(l -> l.contains(text) && !at(l).isBefore(since), timeout);
  }

  Optional<String> lineAfter(Instant since, String text) {
    return lines().stream().filter(l -> l.contains(text) && !at(l).isBefore(since)).findFirst();
  }

  boolean logged(String text) {
    return lines().stream().anyMatch(l -> l.contains(text));
  }

  /** When a log line was written: its leading ISO instant (the runtime's log format); lines without one: never. */
  static Instant at(String line) {
    int space = line.indexOf(' ');
    if (space < 20) {
      return Instant.MIN;
    }
    try {
      return Instant.parse(line.substring(0, space));
    } catch (DateTimeParseException e) {
      return Instant.MIN;
    }
  }

  long pid() {
    return current().pid();
  }

  Instant kill9() throws InterruptedException {
    Instant at = Instant.now();
    current().kill9();
    return at;
  }

  /** {@code kill -STOP} or {@code kill -CONT} of this node's own process (never anything else). */
  void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid());
  }

  JsonObject get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
    for (int retry = 0; retry < 4 && response.statusCode() == 504; retry++) {
      response = send(HttpRequest.newBuilder(uri(path)).GET());
    }
    HttpResponse<String> answer = response;
    assertEquals(200, answer.statusCode(), () -> name + " GET " + path + ": " + answer.body());
    return new JsonObject(answer.body());
  }

  HttpResponse<String> getRaw(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  HttpResponse<String> post(String path, String json, Duration timeout) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
        .timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Stored fills with {@code tsMicros >= fromMicros}, in journal order, from this node's storage reader. */
  List<Fill> storedFills(long fromMicros) throws IOException, InterruptedException {
    List<Fill> rows = new ArrayList<>();
    for (int offset = 0; ; offset += PAGE) {
      JsonArray items = get("/api/trades?from=" + fromMicros + "&to=" + END_OF_TIME + "&limit=" + PAGE + "&offset="
          + offset).getJsonArray("items");
      items.forEach(item -> rows.add(ContractJson.read(((JsonObject) item).encode(), Fill.class)));
      if (items.size() < PAGE) {
        return rows;
      }
    }
  }

  /** The fills this node's HTTP edge saw published on {@code exec.fills} (its in-memory window). */
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

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  /** Every run's output, kept beside the failsafe reports: the evidence when a check fails. */
  void saveLogs(String test) throws IOException {
    Path logs = Files.createDirectories(Path.of("target", "cluster-failover-logs", test));
    for (int run = 0; run < runs.size(); run++) {
      Files.write(logs.resolve(name + "-" + (run + 1) + ".log"), runs.get(run).lines());
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (RuntimeProcess run : runs) {
      run.close();
    }
  }
}
