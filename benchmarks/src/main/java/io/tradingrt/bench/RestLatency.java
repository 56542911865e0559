package io.tradingrt.bench;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * REST latency of recent-data endpoints at a constant request rate, against the real runtime jar in its own process.
 * Open model: request i is due at start + i/rate and its latency is the response's arrival minus that due time, so a
 * stalled server or a full connection pool counts as latency instead of slowing the generator (coordinated omission).
 * Requests go over at most N keep-alive connections (java.net.http, HTTP/1.1). Also reports the server process's
 * CPU over the measured window (/proc/PID/stat).
 * Usage: {@code java -cp benchmarks.jar io.tradingrt.bench.RestLatency [--rate N] [--warmup S] [--seconds S]
 * [--connections N] [--runs N] [PATH...]}; the jar is {@code -DruntimeJar=} (default verticles/target/runtime.jar).
 */
public final class RestLatency {
  private static final long REQUEST_TIMEOUT_MS = 10_000;

  public static void main(String[] args) throws Exception {
    int rate = 1_000;
    int warmupSeconds = 10;
    int seconds = 30;
    int connections = 8;
    int runs = 3;
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rate" -> rate = Integer.parseInt(args[++i]);
        case "--warmup" -> warmupSeconds = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--connections" -> connections = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> paths.add(args[i]);
      }
    }
    if (paths.isEmpty()) {
      paths = List.of("/api/metrics/market-data?symbol=AAPL", "/api/metrics/current");
    }
    System.out.printf("%d req/s, %d keep-alive connections, %d s warm-up + %d s measured per endpoint, %d runs "
        + "(a fresh runtime process each)%n", rate, connections, warmupSeconds, seconds, runs);
    System.out.printf("%-3s %-38s %7s %8s %8s %8s %9s %9s %6s %8s %9s %s%n", "run", "endpoint", "ok", "p50 µs",
        "p95 µs", "p99 µs", "p99.9 µs", "max µs", "errors", "sent/s", "srv cpu%", "loadavg");
    for (int run = 1; run <= runs; run++) {
      try (RuntimeProcess server = RuntimeProcess.start(new JsonObject()
          .put("http", new JsonObject().put("rateLimitPerSecond", 100_000)))) {
        Pool pool = new Pool(connections);
        for (String path : paths) {
          Result result = measure(pool, path, rate, warmupSeconds, seconds, server);
          Histogram h = result.histogram;
          System.out.printf("%-3d %-38s %7d %8d %8d %8d %9d %9d %6d %8.0f %9.1f %s%n", run, path, h.getTotalCount(),
              h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getValueAtPercentile(99),
              h.getValueAtPercentile(99.9), h.getMaxValue(), result.errorCount(), result.sentPerSecond,
              result.serverCpuPercent, RuntimeProcess.loadAverage());
          if (!result.errors.isEmpty()) {
            System.out.println("    errors: " + result.errors);
          }
        }
      }
    }
    System.exit(0);
  }

  private record Result(Histogram histogram, Map<String, Long> errors, double sentPerSecond,
                        double serverCpuPercent) {
    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static Result measure(Pool pool, String path, int rate, int warmupSeconds, int seconds,
                                RuntimeProcess server) throws InterruptedException {
    Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    AtomicLong outstanding = new AtomicLong();
    long total = (long) rate * (warmupSeconds + seconds);
    long firstMeasured = (long) rate * warmupSeconds;
    long periodNanos = 1_000_000_000L / rate;
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
        .timeout(Duration.ofMillis(REQUEST_TIMEOUT_MS)).build();
    long start = System.nanoTime() + 100_000_000L;
    long cpuBefore = 0;
    long measuredStart = 0;
    for (long i = 0; i < total; i++) {
      long due = start + i * periodNanos;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      if (i == firstMeasured) {
        cpuBefore = server.cpuTicks();
        measuredStart = System.nanoTime();
      }
      boolean measured = i >= firstMeasured;
      outstanding.incrementAndGet();
      pool.submit(request, (status, failure) -> {
        long latencyMicros = (System.nanoTime() - due) / 1_000;
        if (measured) {
          if (failure == null && status == 200) {
            synchronized (histogram) {
              histogram.recordValue(Math.min(latencyMicros, histogram.getHighestTrackableValue()));
            }
          } else {
            String kind = failure == null ? "HTTP " + status : failure.getClass().getSimpleName();
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
          }
        }
        outstanding.decrementAndGet();
      });
    }
    double sentSeconds = (System.nanoTime() - measuredStart) / 1e9;
    long cpuAfter = server.cpuTicks();
    double cpuPercent = 100.0 * (cpuAfter - cpuBefore) / RuntimeProcess.CLK_TCK / sentSeconds;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REQUEST_TIMEOUT_MS * 3);
    while (outstanding.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    if (outstanding.get() > 0) {
      errors.computeIfAbsent("no answer", k -> new LongAdder()).add(outstanding.get());
    }
    Map<String, Long> errorKinds = new TreeMap<>();
    errors.forEach((kind, count) -> errorKinds.put(kind, count.sum()));
    synchronized (histogram) {
      return new Result(histogram.copy(), errorKinds, (total - firstMeasured) / sentSeconds, cpuPercent);
    }
  }

  /**
   * At most {@code connections} requests in flight on one {@link HttpClient} (so it keeps that many keep-alive
   * connections); the rest wait in FIFO order, and that wait counts in their latency as it would in a real pool.
   */
  private static final class Pool {
    private final HttpClient client;
    private final int connections;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    Pool(int connections) {
      this.connections = connections;
      this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .executor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "rest-latency-client");
            thread.setDaemon(true);
            return thread;
          })).build();
    }

    void submit(HttpRequest request, BiConsumer<Integer, Throwable> done) {
      Runnable send = () -> client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
          .whenComplete((response, failure) -> {
            done.accept(response == null ? -1 : response.statusCode(), failure);
            next();
          });
      synchronized (this) {
        if (inFlight == connections) {
          waiting.add(send);
          return;
        }
        inFlight++;
      }
      send.run();
    }

    private void next() {
      Runnable send;
      synchronized (this) {
        send = waiting.poll();
        if (send == null) {
          inFlight--;
          return;
        }
      }
      send.run();
    }
  }

  /**
   * The runtime jar started as a separate process on free ports, with a fresh database in a temporary directory;
   * SIGTERM and cleanup on close. Shared by the end-to-end HTTP benchmarks.
   */
  static final class RuntimeProcess implements AutoCloseable {
    static final int CLK_TCK = 100;

    private final Process process;
    private final Path dir;
    private final int httpPort;

    private RuntimeProcess(Process process, Path dir, int httpPort) {
      this.process = process;
      this.dir = dir;
      this.httpPort = httpPort;
    }

    /** Starts the jar with {@code overrides} merged over the benchmark's own keys and waits until it is ready. */
    static RuntimeProcess start(JsonObject overrides) throws Exception {
      Path dir = Files.createTempDirectory("trt-http-bench");
      int httpPort = freePort();
      JsonObject conf = new JsonObject()
          .put("storage", new JsonObject().put("path", dir.resolve("runtime.duckdb").toString())
              .put("retention", new JsonObject().put("tierPath", dir.resolve("tiers").toString())))
          .put("http", new JsonObject().put("host", "127.0.0.1").put("port", httpPort)
              .put("tcpBridgePort", freePort()))
          .mergeIn(overrides, true);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String jar = System.getProperty("runtimeJar", "verticles/target/runtime.jar");
      Process process = new ProcessBuilder(java, "-jar", jar, "-conf", conf.encode())
          .redirectErrorStream(true).redirectOutput(dir.resolve("runtime.log").toFile()).start();
      // the overrides may name the ports (a shared machine where each user has a range)
      RuntimeProcess runtime = new RuntimeProcess(process, dir, conf.getJsonObject("http").getInteger("port"));
      try {
        runtime.awaitReady();
      } catch (Exception e) {
        runtime.close();
        throw e;
      }
      return runtime;
    }

    int httpPort() {
      return httpPort;
    }

    long pid() {
      return process.pid();
    }

    /** utime + stime of the whole process (every thread), in clock ticks of 1/{@value #CLK_TCK} s. */
    long cpuTicks() {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        // the command name in field 2 may contain spaces; the fields after its closing parenthesis do not
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the runtime's CPU time: is it still running?", e);
      }
    }

    static String loadAverage() {
      try {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
      } catch (IOException e) {
        return "?";
      }
    }

    /** Ready when the feed ticks and a live metrics snapshot exists, so every recent-data endpoint has data. */
    private void awaitReady() throws Exception {
      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the runtime exited with " + process.exitValue() + "; see "
              + dir.resolve("runtime.log") + ":\n" + Files.readString(dir.resolve("runtime.log")));
        }
        if (ok(http, "/health/ready") && ok(http, "/api/metrics/current")) {
          return;
        }
        Thread.sleep(250);
      }
      throw new IllegalStateException("the runtime was not ready within 90 s; see " + dir.resolve("runtime.log"));
    }

    private boolean ok(HttpClient http, String path) {
      try {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(2)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }
  }
}
