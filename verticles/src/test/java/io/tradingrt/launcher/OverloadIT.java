package io.tradingrt.launcher;

import io.tradingrt.testing.RuntimeProcess;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real jar asked for 2,000,000 ticks/s, far beyond what its consumers can take on two cores: it must stay
 * responsive ({@code /health/live} p99 < 100 ms), keep its resident memory under the stated bound, count what the feed
 * drops, keep its log short, and stop on SIGTERM within 5 s. Run with the JVM flags docs/operations recommend
 * ({@code -Xmx1g -XX:MaxGCPauseMillis=50}): the bound is heap + DuckDB's working memory + the JVM's own.
 * {@code -Doverload.seconds} sets the length (60 by default, as in the issue).
 */
class OverloadIT {
  private static final long RSS_BOUND_MB = 2_560;
  private static final long LIVE_P99_BOUND_MS = 100;
  /** Four samples a second (the issue asks for at least one): 240 over the minute, so p99 is not simply the maximum. */
  private static final long SAMPLE_MILLIS = 250;
  private static final Pattern DROPPED = Pattern.compile("(?m)^tradingrt_ingest_dropped_total\\s+([0-9.E]+)");

  @Test
  void twoMillionTicksPerSecondLeaveTheProcessResponsiveBoundedAndStoppable(@TempDir Path dir) throws Exception {
    int seconds = Integer.getInteger("overload.seconds", 60);
    int httpPort = freePort();
    Map<String, String> env = Map.of("TRT_HTTP_PORT", Integer.toString(httpPort),
        "TRT_TCP_BRIDGE_PORT", Integer.toString(freePort()), "TRT_DB_PATH", dir.resolve("rt.duckdb").toString(),
        "TRT_TOKEN", "it-token", "TRT_TICKS_PER_SECOND", "2000000");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (RuntimeProcess runtime = RuntimeProcess.start("overload", dir, env,
        List.of("-Xmx1g", "-XX:MaxGCPauseMillis=50"))) {
      runtime.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(60));
      Thread.sleep(5_000); // past JIT warm-up: the figure is about overload, not the first seconds of a JVM
      http.send(get(httpPort, "/health/live"), HttpResponse.BodyHandlers.discarding()); // and the client's own
      List<Long> liveMillis = new ArrayList<>();
      long maxRssMb = 0;
      long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      while (System.nanoTime() < end) {
        long started = System.nanoTime();
        HttpResponse<String> live = http.send(get(httpPort, "/health/live"), HttpResponse.BodyHandlers.ofString());
        liveMillis.add((System.nanoTime() - started) / 1_000_000);
        assertEquals(200, live.statusCode(), live.body());
        maxRssMb = Math.max(maxRssMb, rssMegabytes(runtime.pid()));
        Thread.sleep(Math.max(0, SAMPLE_MILLIS - (System.nanoTime() - started) / 1_000_000));
      }
      String metrics = http.send(get(httpPort, "/metrics"), HttpResponse.BodyHandlers.ofString()).body();
      Matcher dropped = DROPPED.matcher(metrics);
      assertTrue(dropped.find(), "tradingrt_ingest_dropped_total is exported");
      double droppedTicks = Double.parseDouble(dropped.group(1));

      long stopStarted = System.nanoTime();
      int exit = runtime.terminate(Duration.ofSeconds(5));
      long stopMillis = (System.nanoTime() - stopStarted) / 1_000_000;

      List<Long> sorted = liveMillis.stream().sorted().toList();
      long p50 = sorted.get(sorted.size() / 2);
      long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
      long severe = runtime.lines().stream().filter(l -> l.contains(" SEVERE ")).count();
      runtime.lines().stream().filter(l -> l.contains(" SEVERE ")).map(l -> l.replaceAll("[0-9]+", "N"))
          .distinct().limit(5).forEach(l -> System.out.println("overload: SEVERE kind: " + l));
      System.out.printf("overload: %d s at 2,000,000 ticks/s: /health/live p50 %d ms, p99 %d ms, max %d ms over %d "
              + "samples; max RSS %d MB; %,.0f ticks dropped at the edge; %d log lines (%d SEVERE); SIGTERM exit %d "
              + "after %d ms%n", seconds, p50, p99, sorted.get(sorted.size() - 1), sorted.size(), maxRssMb,
          droppedTicks, runtime.lines().size(), severe, exit, stopMillis);

      assertTrue(exit == 143 || exit == 0, "SIGTERM stops the runtime within 5 s, exit " + exit);
      assertTrue(p99 < LIVE_P99_BOUND_MS, "/health/live p99 " + p99 + " ms: " + liveMillis);
      assertTrue(maxRssMb < RSS_BOUND_MB, "RSS " + maxRssMb + " MB above the " + RSS_BOUND_MB + " MB bound");
      assertTrue(droppedTicks > 0, "the feed drops what consumers cannot take, and counts it");
      assertTrue(runtime.lines().stream().anyMatch(l -> l.contains("dropped in the last 10 s")),
          "the drops are logged");
      assertTrue(severe < 20L * (seconds / 10 + 2) * 3, "repeated SEVERE lines are rate-limited: " + severe);
    }
  }

  private static HttpRequest get(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
        .build();
  }

  private static long rssMegabytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
