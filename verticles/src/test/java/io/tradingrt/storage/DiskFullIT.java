package io.tradingrt.storage;

import io.tradingrt.testing.RuntimeProcess;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The hostile tester's full disk, on the real jar: the database lives on a 40 MB tmpfs that a filler file fills.
 * While the writer cannot commit, orders are refused with STORAGE_UNAVAILABLE, the state is REDUCING and
 * /health/ready is 503 with the cause; once the filler is deleted the runtime recovers by itself (no restart) and
 * every fill it acknowledged or reported is in the trades table after a clean stop.
 */
class DiskFullIT {
  private static final String TOKEN = "disk-full-token";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private int port;

  @Test
  void aFullDiskStopsTradingAndTheRuntimeRecoversByItselfWithoutLosingFills(@TempDir Path dir) throws Exception {
    Path fs = dir.resolve("fs");
    Files.createDirectories(fs);
    mountTmpfs(fs);
    try {
      port = freePort();
      Path db = fs.resolve("runtime.duckdb");
      String conf = "{\"roles\":[\"storage\",\"portfolio\",\"execution\",\"risk\",\"signal\",\"metrics\",\"http\","
          + "\"ingest\"],\"ingest\":{\"ticksPerSecond\":400,\"volatilityBps\":20},"
          + "\"execution\":{\"logAcks\":true},\"http\":{\"port\":" + port + ",\"tcpBridgePort\":" + freePort() + "},"
          + "\"storage\":{\"path\":\"" + db + "\",\"flushMillis\":100,\"checkpointSeconds\":2,"
          + "\"retention\":{\"tierPath\":\"" + dir.resolve("tiers") + "\"}}}";
      List<String> approvedIds = new ArrayList<>();
      long fillsReported;
      long recoveryMillis;
      List<String> lines;
      try (RuntimeProcess runtime = RuntimeProcess.start("disk-full", dir, Map.of("TRT_TOKEN", TOKEN), "-conf", conf)) {
        runtime.awaitLine(l -> l.contains("started roles"), Duration.ofSeconds(90));
        await("ready before the fault", Duration.ofSeconds(30), () -> status("/health/ready") == 200);
        await("a quote to value orders", Duration.ofSeconds(30), () -> order(approvedIds).statusCode() == 201);

        Path filler = fs.resolve("filler");
        new ProcessBuilder("dd", "if=/dev/zero", "of=" + filler, "bs=1M", "count=64").redirectErrorStream(true)
            .start().waitFor();
        await("ready goes 503 with the cause", Duration.ofSeconds(30), () -> {
          HttpResponse<String> ready = get("/health/ready");
          return ready.statusCode() == 503 && ready.body().contains("STORAGE_UNAVAILABLE");
        });
        await("risk goes REDUCING because of storage", Duration.ofSeconds(10), () -> {
          JsonObject risk = new JsonObject(get("/api/risk").body());
          return "REDUCING".equals(risk.getString("state"))
              && "STORAGE_UNAVAILABLE".equals(risk.getJsonObject("lastChange").getString("cause"));
        });
        for (int i = 0; i < 5; i++) {
          HttpResponse<String> refused = order(approvedIds);
          assertEquals(422, refused.statusCode(), refused.body());
          assertTrue(refused.body().contains("\"STORAGE_UNAVAILABLE\""), refused.body());
        }
        Thread.sleep(5_000);
        assertEquals(503, status("/health/ready"), "still unavailable while the disk is full");

        long freed = System.nanoTime();
        Files.delete(filler);
        await("ready again without a restart", Duration.ofSeconds(60), () -> status("/health/ready") == 200);
        recoveryMillis = (System.nanoTime() - freed) / 1_000_000;
        await("trading ACTIVE again", Duration.ofSeconds(10),
            () -> "ACTIVE".equals(new JsonObject(get("/api/risk").body()).getString("state")));
        for (int i = 0; i < 5; i++) {
          HttpResponse<String> approved = order(approvedIds);
          assertEquals(201, approved.statusCode(), approved.body());
        }
        Thread.sleep(3_000);
        fillsReported = new JsonObject(get("/api/metrics/current").body()).getLong("fillsTotal");
        assertNotEquals(-1, runtime.terminate(Duration.ofSeconds(30)), "stopped on SIGTERM");
        lines = runtime.lines();
      }
      // the runtime's own account of the outage, for whoever reads the report
      Files.write(Path.of(System.getProperty("project.root", "."), "verticles", "target", "DiskFullIT-runtime.log"),
          lines);
      Set<String> ackedFills = new HashSet<>();
      for (String line : lines) {
        int at = line.indexOf("execution: stored fill/");
        if (at >= 0) {
          // the id ends at the first blank: the log may append "(N similar lines suppressed …)" to the line
          ackedFills.add(line.substring(at + "execution: stored fill/".length()).trim().split("\\s+", 2)[0]);
        }
      }
      try (var c = DriverManager.getConnection("jdbc:duckdb:" + db); var s = c.createStatement()) {
        Set<String> stored = new HashSet<>();
        Set<String> storedOrders = new HashSet<>();
        try (var r = s.executeQuery("SELECT fill_id, client_order_id FROM trades")) {
          while (r.next()) {
            stored.add(r.getString(1));
            storedOrders.add(r.getString(2));
          }
        }
        List<String> lost = ackedFills.stream().filter(id -> !stored.contains(id)).toList();
        assertTrue(lost.isEmpty(), "acknowledged fills missing: " + lost);
        assertTrue(stored.size() >= fillsReported, stored.size() + " fills stored, " + fillsReported + " reported");
        List<String> manualLost = approvedIds.stream().filter(id -> !storedOrders.contains(id)).toList();
        assertTrue(manualLost.isEmpty(), "fills of approved manual orders missing: " + manualLost);
        System.out.println("DiskFullIT: recovered " + recoveryMillis + " ms after the disk was freed; "
            + ackedFills.size() + " acknowledged fills, " + fillsReported + " reported, " + stored.size()
            + " stored, " + approvedIds.size() + " manual orders approved and filled\n  " + String.join("\n  ",
            lines.stream().filter(l -> l.contains("reopen") || l.contains("succeed again")
                || l.contains("trading state")).toList()));
      }
    } finally {
      new ProcessBuilder("umount", "-l", fs.toString()).inheritIO().start().waitFor();
    }
  }

  /** CI runs as root; elsewhere a machine without root skips, but CI must never skip silently. */
  private static void mountTmpfs(Path at) throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root) {
      if (System.getenv("CI") != null) {
        fail("DiskFullIT needs root to mount a tmpfs, and CI is set: run CI as root");
      }
      Assumptions.abort("needs root to mount a tmpfs");
    }
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", at.toString())
        .redirectErrorStream(true).start();
    String output = new String(mount.getInputStream().readAllBytes());
    assertEquals(0, mount.waitFor(), "mount tmpfs: " + output);
  }

  private HttpResponse<String> order(List<String> approvedIds) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/api/orders")).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"symbol\":\"AAPL\",\"side\":\"BUY\",\"type\":\"MARKET\","
            + "\"quantity\":\"1\",\"strategy\":\"manual\"}")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 201) {
      approvedIds.add(new JsonObject(response.body()).getJsonObject("decision").getString("clientOrderId"));
    }
    return response;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private int status(String path) throws Exception {
    return get(path).statusCode();
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(String what, Duration timeout, Check check) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (check.holds()) {
        return;
      }
      Thread.sleep(200);
    }
    fail("not within " + timeout + ": " + what);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
