package io.tradingrt.bench;

import io.tradingrt.bench.RestLatency.RuntimeProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * CPU the runtime spends streaming the dashboard's addresses to many SockJS clients. The real jar runs in its own
 * process; its CPU (/proc/PID/stat) is measured with no client, with N raw-websocket clients on /eventbus/websocket
 * registered like the dashboard, and with no client again; the difference is the fan-out's cost. Each client counts
 * what it receives, so the figure is only reported next to proof that every client got ~10 metrics.live per second.
 * Usage: {@code java -cp benchmarks.jar io.tradingrt.bench.SockJsFanout [--clients N] [--seconds S] [--settle S]
 * [--runs N] [--deflate true|false] [--ports P]}; {@code --deflate true} (default) offers permessage-deflate, as
 * browsers do; {@code --ports P} runs the runtime's HTTP on P and its TCP bridge on P+1 instead of free ports.
 */
public final class SockJsFanout {
  /** What dashboard-static/app.js registers (its SUBSCRIPTIONS). */
  private static final List<String> ADDRESSES = List.of("metrics.live", "md.bars", "md.quotes", "portfolio.updates",
      "portfolio.strategies", "exec.events", "exec.fills", "risk.state", "risk.limits", "logs.tail");
  private static final String LIVE = "metrics.live";

  public static void main(String[] args) throws Exception {
    int clients = 100;
    int seconds = 30;
    int settle = 10;
    int runs = 3;
    boolean deflate = true;
    JsonObject http = new JsonObject();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--settle" -> settle = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--deflate" -> deflate = Boolean.parseBoolean(args[++i]);
        case "--ports" -> {
          int first = Integer.parseInt(args[++i]);
          http.put("port", first).put("tcpBridgePort", first + 1);
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.out.printf("%d clients (permessage-deflate %s), %s; CPU over %d s per phase after %d s settling, %d runs%n",
        clients, deflate ? "offered" : "off", ADDRESSES, seconds, settle, runs);
    Vertx vertx = Vertx.vertx();
    List<double[]> results = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      try (RuntimeProcess server = RuntimeProcess.start(new JsonObject().put("http", http)
          .put("metrics", new JsonObject().put("liveIntervalMs", 100)))) {
        Thread.sleep(settle * 1_000L);
        double idleBefore = cpuPercent(server, seconds);
        String loadIdle = RuntimeProcess.loadAverage();
        Fanout fanout = Fanout.connect(vertx, server.httpPort(), clients, deflate);
        Thread.sleep(settle * 1_000L);
        fanout.reset();
        long startNanos = System.nanoTime();
        double streaming = cpuPercent(server, seconds);
        double window = (System.nanoTime() - startNanos) / 1e9;
        String loadStreaming = RuntimeProcess.loadAverage();
        Fanout.Counts counts = fanout.counts(window);
        fanout.close();
        Thread.sleep(settle * 1_000L);
        double idleAfter = cpuPercent(server, seconds);
        double extra = streaming - (idleBefore + idleAfter) / 2;
        results.add(new double[] {idleBefore, idleAfter, streaming, extra});
        System.out.printf("run %d: server CPU idle %.2f %% / %.2f %% (before/after), with %d clients %.2f %% of a core"
                + " → fan-out %.2f %% of a core, %.3f %% per client; load average %s (idle), %s (streaming)%n",
            run, idleBefore, idleAfter, clients, streaming, extra, extra / clients, loadIdle, loadStreaming);
        System.out.printf("       delivered %,.0f messages/s in all (per address, over the window: %s); "
                + "metrics.live per client min %.1f, median %.1f, max %.1f /s; errors %d, clients closed early %d%n",
            counts.totalPerSecond, counts.perAddress, counts.liveMin, counts.liveMedian, counts.liveMax,
            counts.errors, counts.closed);
      }
    }
    double[] extras = results.stream().mapToDouble(r -> r[3]).sorted().toArray();
    double median = extras[extras.length / 2];
    System.out.printf("median fan-out CPU %.2f %% of a core (%.3f %% per client) over %d runs: %s%n", median,
        median / clients, runs, Arrays.toString(Arrays.stream(extras).map(e -> Math.round(e * 100) / 100.0).toArray()));
    vertx.close().await(10, TimeUnit.SECONDS);
    System.exit(0);
  }

  /** The server's CPU over the next {@code seconds}, in % of one core. */
  private static double cpuPercent(RuntimeProcess server, int seconds) throws InterruptedException {
    long before = server.cpuTicks();
    long start = System.nanoTime();
    Thread.sleep(seconds * 1_000L);
    long ticks = server.cpuTicks() - before;
    return 100.0 * ticks / RuntimeProcess.CLK_TCK / ((System.nanoTime() - start) / 1e9);
  }

  /** N websocket clients of the bridge protocol: register, ping every 5 s like the dashboard, count what arrives. */
  private static final class Fanout {
    private final WebSocketClient client;
    private final List<WebSocket> sockets;
    private final AtomicLong[] live;
    private final Map<String, LongAdder> perAddress = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final long pinger;
    private final Vertx vertx;

    private record Counts(double totalPerSecond, Map<String, Long> perAddress, double liveMin, double liveMedian,
                          double liveMax, long errors, long closed) {
    }

    private Fanout(Vertx vertx, WebSocketClient client, List<WebSocket> sockets, AtomicLong[] live) {
      this.vertx = vertx;
      this.client = client;
      this.sockets = sockets;
      this.live = live;
      String ping = new JsonObject().put("type", "ping").encode();
      this.pinger = vertx.setPeriodic(5_000, id -> sockets.forEach(s -> s.writeTextMessage(ping)));
    }

    static Fanout connect(Vertx vertx, int port, int clients, boolean deflate) throws Exception {
      WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
          .setMaxConnections(clients + 10).setTryUsePerMessageCompression(deflate));
      AtomicLong[] live = new AtomicLong[clients];
      List<WebSocket> sockets = new ArrayList<>();
      Fanout fanout = new Fanout(vertx, client, sockets, live);
      for (int i = 0; i < clients; i++) {
        AtomicLong liveCount = live[i] = new AtomicLong();
        WebSocket socket = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
            .setURI("/eventbus/websocket")).await(30, TimeUnit.SECONDS);
        socket.handler(data -> fanout.onFrame(new JsonObject(data), liveCount));
        socket.closeHandler(v -> fanout.closed.increment());
        for (String address : ADDRESSES) {
          socket.writeTextMessage(new JsonObject().put("type", "register").put("address", address).encode())
              .await(10, TimeUnit.SECONDS);
        }
        sockets.add(socket);
      }
      return fanout;
    }

    private void onFrame(JsonObject frame, AtomicLong liveCount) {
      if ("err".equals(frame.getString("type"))) {
        errors.increment();
        return;
      }
      String address = frame.getString("address");
      perAddress.computeIfAbsent(address, a -> new LongAdder()).increment();
      if (LIVE.equals(address)) {
        liveCount.incrementAndGet();
      }
    }

    void reset() {
      perAddress.values().forEach(LongAdder::reset);
      Arrays.stream(live).forEach(count -> count.set(0));
      errors.reset();
    }

    Counts counts(double seconds) {
      Map<String, Long> byAddress = new TreeMap<>();
      perAddress.forEach((address, count) -> byAddress.put(address, count.sum()));
      double total = byAddress.values().stream().mapToLong(Long::longValue).sum() / seconds;
      double[] rates = Arrays.stream(live).mapToDouble(count -> count.get() / seconds).sorted().toArray();
      return new Counts(total, byAddress, rates[0], rates[rates.length / 2], rates[rates.length - 1], errors.sum(),
          closed.sum());
    }

    void close() throws Exception {
      vertx.cancelTimer(pinger);
      Future.all(sockets.stream().map(WebSocket::close).toList()).await(10, TimeUnit.SECONDS);
      client.close().await(10, TimeUnit.SECONDS);
    }
  }
}
