package io.tradingrt.http;

import io.tradingrt.testing.HostileInput;
import io.tradingrt.testing.RuntimeProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded fuzz of the real jar's edges: 12,000 HTTP requests over every route (hostile paths, queries, bodies, media
 * types, methods, tokens) and 2,500 TCP-bridge frames. No 5xx but a documented 503, every error is the JSON error body
 * without a stack trace or a Java class name, nothing the writer cannot commit gets in (failedCommits unchanged), and
 * afterwards the runtime is healthy and a valid order is accepted. {@code -Dfuzz.seed} reproduces a run.
 */
class EdgeFuzzSoak {
  private static final String TOKEN = "fuzz-token";
  private static final List<String> SENT = new CopyOnWriteArrayList<>();
  private static final int HTTP_REQUESTS = 12_000;
  private static final int BRIDGE_FRAMES = 2_500;
  private static final Set<String> UNAVAILABLE_CODES = Set.of("STORAGE_UNAVAILABLE", "RISK_UNAVAILABLE",
      "EXECUTION_UNAVAILABLE", "METRICS_UNAVAILABLE");
  private static final Pattern LEAK = Pattern.compile(
      "Exception|\\tat |java\\.|javax\\.|io\\.vertx|io\\.tradingrt|com\\.fasterxml|org\\.duckdb|io\\.netty");
  private static final List<String[]> ROUTES = List.of(
      new String[] {"GET", "/health"}, new String[] {"GET", "/health/live"}, new String[] {"GET", "/health/ready"},
      new String[] {"GET", "/metrics"}, new String[] {"GET", "/api/openapi.json"},
      new String[] {"GET", "/api/metrics/current"}, new String[] {"GET", "/api/metrics/history"},
      new String[] {"GET", "/api/metrics/market-data"}, new String[] {"GET", "/api/metrics/strategy"},
      new String[] {"GET", "/api/metrics/execution"}, new String[] {"GET", "/api/metrics/system"},
      new String[] {"GET", "/api/orders"}, new String[] {"GET", "/api/orders/{id}"}, new String[] {"GET", "/api/trades"},
      new String[] {"GET", "/api/positions"}, new String[] {"GET", "/api/bars"}, new String[] {"GET", "/api/pnl"},
      new String[] {"GET", "/api/risk"}, new String[] {"POST", "/api/orders"}, new String[] {"POST", "/api/orders"},
      new String[] {"POST", "/api/orders"}, new String[] {"DELETE", "/api/orders/{id}"},
      new String[] {"POST", "/api/risk/halt"}, new String[] {"POST", "/api/risk/reduce"},
      new String[] {"POST", "/api/risk/resume"}, new String[] {"POST", "/api/risk/resume"},
      new String[] {"POST", "/api/risk/{id}"}, new String[] {"POST", "/api/admin/backup"},
      new String[] {"GET", "/"}, new String[] {"GET", "/app.js"}, new String[] {"GET", "/{id}"},
      new String[] {"GET", "/eventbus/info"}, new String[] {"GET", "/api/{id}"});

  @Test
  void hostileHttpAndBridgeTrafficLeavesTheRuntimeHealthyAndStorageClean(@TempDir Path dir) throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    int httpPort = freePort();
    int bridgePort = freePort();
    Map<String, String> env = Map.of("TRT_HTTP_PORT", Integer.toString(httpPort),
        "TRT_TCP_BRIDGE_PORT", Integer.toString(bridgePort), "TRT_DB_PATH", dir.resolve("rt.duckdb").toString(),
        "TRT_TOKEN", TOKEN);
    Vertx vertx = Vertx.vertx();
    HttpClient client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(8));
    try (RuntimeProcess runtime = RuntimeProcess.start("fuzz", dir, env, "-conf",
        "{\"http\":{\"rateLimitPerSecond\":1000000}}")) {
      runtime.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(60));
      runtime.awaitLine(l -> l.contains("execution: fill "), Duration.ofSeconds(20));
      long failedCommitsBefore = writer(client, httpPort).getLong("failedCommits");

      HostileInput input = new HostileInput(seed);
      List<String> violations = new CopyOnWriteArrayList<>();
      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      List<Future<Void>> inFlight = new ArrayList<>();
      int concurrency = Integer.getInteger("fuzz.concurrency", 16);
      for (int i = 0; i < HTTP_REQUESTS; i++) {
        inFlight.add(fuzzOnce(client, httpPort, input, violations, statuses));
        if (inFlight.size() == concurrency) {
          Future.all(inFlight).await(60, TimeUnit.SECONDS);
          inFlight.clear();
        }
      }
      Future.all(inFlight).await(60, TimeUnit.SECONDS);
      int frames = fuzzBridge(bridgePort, input, violations);

      System.out.printf("fuzz (seed %d): %d HTTP requests by status %s; %d bridge frames; %d violations%n", seed,
          HTTP_REQUESTS, new java.util.TreeMap<>(statuses), frames, violations.size());
      if (!violations.isEmpty()) {
        violations.stream().limit(8).forEach(v -> {
          int index = Integer.parseInt(v.substring(0, v.indexOf(' ')));
          System.out.println("stuck " + v + "\n   after " + (index > 0 ? SENT.get(index - 1) : "-"));
        });
        runtime.lines().stream().filter(l -> l.contains("WARN") || l.contains("SEVERE")).limit(40)
            .forEach(l -> System.out.println("runtime: " + l));
      }
      assertTrue(violations.isEmpty(), "seed " + seed + ": " + violations.size() + " violations, first: "
          + violations.subList(0, Math.min(10, violations.size())));
      assertTrue(frames >= 2_000, "frames sent: " + frames);

      assertEquals(200, send(client, httpPort, HttpMethod.GET, "/health/live", null, null, null).status());
      Reply resumed = send(client, httpPort, HttpMethod.POST, "/api/risk/resume", TOKEN, "application/json",
          Buffer.buffer("{\"reason\":\"after the fuzz\"}"));
      assertEquals(200, resumed.status(), resumed.body());
      Thread.sleep(1_100); // past the per-strategy throttle window the fuzz may have used up
      Reply order = send(client, httpPort, HttpMethod.POST, "/api/orders", TOKEN, "application/json",
          Buffer.buffer(reducingOrder(client, httpPort).encode()));
      assertEquals(201, order.status(), order.body());
      backupPathsStayUnderTheRoot(client, httpPort, dir);
      Thread.sleep(2_000); // let the writer commit what the fuzz sent: a poison record would count a failed commit
      assertEquals(failedCommitsBefore, writer(client, httpPort).getLong("failedCommits"), "writer failed commits");
      List<String> lines = runtime.lines();
      for (String fatal : List.of("Unhandled exception", "StackOverflowError", "OutOfMemoryError")) {
        assertTrue(lines.stream().noneMatch(l -> l.contains(fatal)), fatal + " in the log");
      }
      assertTrue(lines.stream().noneMatch(l -> l.startsWith("FORGED")), "a client's newline forged a log line");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static Future<Void> fuzzOnce(HttpClient client, int port, HostileInput input, List<String> violations,
                                       Map<Integer, AtomicInteger> statuses) {
    String[] route = input.pick(ROUTES);
    String path = route[1].replace("{id}", input.pick(HostileInput.PATH_IDS));
    StringBuilder uri = new StringBuilder(path);
    int params = input.random().nextInt(4);
    for (int p = 0; p < params; p++) {
      uri.append(p == 0 ? '?' : '&').append(input.pick(HostileInput.QUERY_NAMES)).append('=')
          .append(input.pick(HostileInput.QUERY_VALUES));
    }
    String method = input.chance(0.05) ? input.pick(List.of("PUT", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO"))
        : route[0];
    String token = input.chance(0.85) ? TOKEN : input.chance(0.5) ? null : "wrong";
    boolean withBody = !method.equals("GET") && !method.equals("HEAD") && input.chance(0.9);
    Buffer body = withBody ? input.body() : null;
    String type = withBody ? input.contentType() : null;
    String request = SENT.size() + " " + method + " " + uri + " [" + type + ", token " + (token != null) + "]";
    SENT.add(request);
    return sendAsync(client, port, HttpMethod.valueOf(method), uri.toString(), token, type, body)
        .timeout(20, TimeUnit.SECONDS)
        .map(reply -> {
          statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
          check(request, method, reply, violations);
          return (Void) null;
        })
        .recover(e -> {
          violations.add(request + " (" + type + ", " + (body == null ? 0 : body.length()) + " bytes): no answer: "
              + e);
          return Future.succeededFuture();
        });
  }

  private static void check(String request, String method, Reply reply, List<String> violations) {
    int status = reply.status();
    if (status >= 500) {
      boolean documented = status == 503 && (request.contains("/health") || UNAVAILABLE_CODES.contains(code(reply)));
      if (!documented) {
        violations.add(request + ": " + status + " " + reply.body());
      }
    }
    if (status >= 400 && !method.equals("HEAD")) {
      if (reply.contentType() == null || !reply.contentType().startsWith("application/json")) {
        violations.add(request + ": " + status + " is not JSON: " + reply.contentType() + " " + reply.body());
      } else if (!request.contains("/health")) {
        try {
          JsonObject error = new JsonObject(reply.body()).getJsonObject("error");
          if (error == null || error.getString("code") == null || error.getInteger("status") != status
              || !(error.getValue("message") instanceof String)) {
            violations.add(request + ": " + status + " without the error body: " + reply.body());
          }
        } catch (RuntimeException e) {
          violations.add(request + ": " + status + " body is not a JSON object: " + reply.body());
        }
      }
      if (LEAK.matcher(reply.body()).find()) {
        violations.add(request + ": " + status + " leaks internals: " + reply.body());
      }
    }
  }

  private static String code(Reply reply) {
    try {
      return new JsonObject(reply.body()).getJsonObject("error").getString("code");
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** Frames over several connections: the guard closes a connection after a broken frame, so reconnect. */
  private static int fuzzBridge(int port, HostileInput input, List<String> violations) throws Exception {
    int sent = 0;
    while (sent < BRIDGE_FRAMES) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(5_000);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        Thread reader = new Thread(() -> drain(in, violations), "fuzz-bridge-reader");
        reader.setDaemon(true);
        reader.start();
        try {
          for (int i = 0; i < 200 && sent < BRIDGE_FRAMES; i++, sent++) {
            if (input.chance(0.03)) {
              byte[] broken = input.brokenPayload();
              out.writeInt(input.chance(0.2) ? 0x7fffffff : broken.length);
              out.write(broken);
              out.flush();
              sent++;
              break;
            }
            byte[] json = input.frame(TOKEN).encode().getBytes(StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
          }
          out.flush();
          Thread.sleep(20);
        } catch (SocketException closedByTheGuard) {
          // a frame the guard refused ends the connection; the next one starts fresh
        }
        socket.shutdownOutput();
        reader.join(5_000);
      }
    }
    return sent;
  }

  private static void drain(DataInputStream in, List<String> violations) {
    try {
      while (true) {
        int length = in.readInt();
        if (length < 0 || length > 1 << 20) {
          violations.add("bridge sent a frame of length " + length);
          return;
        }
        byte[] json = new byte[length];
        in.readFully(json);
        JsonObject frame = new JsonObject(new String(json, StandardCharsets.UTF_8));
        if (!Set.of("message", "err", "pong").contains(frame.getString("type"))) {
          violations.add("bridge sent an unknown frame: " + frame.encode());
        }
        if (LEAK.matcher(frame.encode()).find() && "err".equals(frame.getString("type"))) {
          violations.add("bridge error leaks internals: " + frame.encode());
        }
      }
    } catch (IOException | RuntimeException endOfStream) {
      // the guard or the test closed the connection
    }
  }

  private static JsonObject reducingOrder(HttpClient client, int port) throws Exception {
    JsonObject positions = new JsonObject(send(client, port, HttpMethod.GET, "/api/positions", null, null, null).body());
    String side = "BUY";
    for (Object item : positions.getJsonArray("items")) {
      JsonObject position = (JsonObject) item;
      if ("AAPL".equals(position.getString("symbol"))
          && new java.math.BigDecimal(position.getString("quantity")).signum() > 0) {
        side = "SELL"; // a reducing order is accepted whatever state the fuzz left the limits in
      }
    }
    return new JsonObject().put("symbol", "AAPL").put("side", side).put("quantity", "1");
  }

  private static void backupPathsStayUnderTheRoot(HttpClient client, int port, Path dir) throws Exception {
    for (String outside : List.of("../../etc", "/etc/x", "a/../../b", "x.partial")) {
      Reply refused = send(client, port, HttpMethod.POST, "/api/admin/backup", TOKEN, "application/json",
          Buffer.buffer(new JsonObject().put("dir", outside).encode()));
      assertEquals(400, refused.status(), outside + ": " + refused.body());
    }
    Reply first = send(client, port, HttpMethod.POST, "/api/admin/backup", TOKEN, "application/json",
        Buffer.buffer("{\"dir\":\"after-fuzz\"}"));
    assertEquals(200, first.status(), first.body());
    assertTrue(dir.resolve("data/backups/after-fuzz").toFile().isDirectory(), "the backup is under data/backups");
    Reply again = send(client, port, HttpMethod.POST, "/api/admin/backup", TOKEN, "application/json",
        Buffer.buffer("{\"dir\":\"after-fuzz\"}"));
    assertEquals(409, again.status(), again.body());
  }

  private static JsonObject writer(HttpClient client, int port) throws Exception {
    return new JsonObject(send(client, port, HttpMethod.GET, "/health", null, null, null).body())
        .getJsonObject("checks").getJsonObject("writer");
  }

  private record Reply(int status, String contentType, String body) {
  }

  private static Reply send(HttpClient client, int port, HttpMethod method, String uri, String token, String type,
                            Buffer body) throws Exception {
    return sendAsync(client, port, method, uri, token, type, body).await(30, TimeUnit.SECONDS);
  }

  private static Future<Reply> sendAsync(HttpClient client, int port, HttpMethod method, String uri, String token,
                                         String type, Buffer body) {
    RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(port).setMethod(method).setURI(uri)
        .setTimeout(30_000);
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    if (type != null) {
      options.putHeader("Content-Type", type);
    }
    return client.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.body().map(b -> reply(response, b)));
  }

  private static Reply reply(HttpClientResponse response, Buffer body) {
    return new Reply(response.statusCode(), response.getHeader("Content-Type"), body.toString(StandardCharsets.UTF_8));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
