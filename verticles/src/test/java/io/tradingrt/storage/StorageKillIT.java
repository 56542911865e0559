package io.tradingrt.storage;

import io.tradingrt.testing.RuntimeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 the real jar mid-ingest, ten times on one database file: every order event and fill the writer acknowledged
 * must be there after the kill; the committed ticks of each run are a gap-free prefix of what the feed sent, and the
 * ticks lost per kill (the uncommitted tail) are reported.
 */
class StorageKillIT {
  private static final int RATE = 20_000;
  private static final int FLUSH_MILLIS = 200;

  @Test
  void nothingAcknowledgedIsLostAcrossTenKills(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("kill.duckdb");
    Set<String> ackedFills = new HashSet<>();
    Set<String> ackedEvents = new HashSet<>();
    List<String> report = new ArrayList<>();
    for (int run = 1; run <= 10; run++) {
      String conf = "{\"roles\":[\"storage\",\"portfolio\",\"execution\",\"risk\",\"signal\",\"ingest\"],"
          + "\"ingest\":{\"ticksPerSecond\":" + RATE + ",\"volatilityBps\":20,\"seed\":" + run + "},"
          + "\"execution\":{\"logAcks\":true},"
          + "\"storage\":{\"path\":\"" + db + "\",\"flushMillis\":" + FLUSH_MILLIS + ",\"retention\":{\"tierPath\":\""
          + dir.resolve("tiers") + "\"}}}";
      long killedAt;
      long feedStart;
      try (RuntimeProcess runtime = RuntimeProcess.start("run-" + run, dir, Map.of(), "-conf", conf)) {
        String started = runtime.awaitLine(l -> l.contains("IngestVerticle: ingest: simulated feed"),
            Duration.ofSeconds(60));
        // the log line follows the first planned tick by a moment; runs are seconds apart, so a second of margin
        feedStart = micros(started);
        runtime.awaitLine(l -> l.contains("execution: stored fill/"), Duration.ofSeconds(60));
        Thread.sleep(1_000 + ThreadLocalRandom.current().nextInt(2_000));
        killedAt = Instant.now().toEpochMilli() * 1_000;
        runtime.kill9();
        for (String line : runtime.lines()) {
          int at = line.indexOf("execution: stored ");
          if (at >= 0) {
            String id = line.substring(at + "execution: stored ".length()).trim();
            if (id.startsWith("fill/")) {
              ackedFills.add(id.substring("fill/".length()));
            } else {
              ackedEvents.add(id);
            }
          }
        }
      }
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
        Set<String> fills = strings(c, "SELECT fill_id FROM trades");
        Set<String> events = strings(c, "SELECT client_order_id || '/' || status FROM orders");
        List<String> lostFills = ackedFills.stream().filter(id -> !fills.contains(id)).toList();
        List<String> lostEvents = ackedEvents.stream().filter(id -> !events.contains(id)).toList();
        assertTrue(lostFills.isEmpty(), "run " + run + ": acknowledged fills missing after kill -9: " + lostFills);
        assertTrue(lostEvents.isEmpty(), "run " + run + ": acknowledged order events missing: " + lostEvents);
        long[] ticks = longs(c, "SELECT count(*), coalesce(max(seq), 0) FROM market_ticks WHERE ts >= make_timestamp("
            + (feedStart - 1_000_000) + ")");
        assertEquals(ticks[1], ticks[0], "run " + run + ": committed ticks are a gap-free prefix 1.." + ticks[1]);
        long planned = (killedAt - feedStart) * RATE / 1_000_000;
        report.add(String.format("run %d: %d ticks committed, ~%d planned before the kill, ~%d lost (%.0f ms of feed)",
            run, ticks[0], planned, Math.max(0, planned - ticks[0]), Math.max(0, planned - ticks[0]) * 1000.0 / RATE));
      }
    }
    assertTrue(ackedFills.size() >= 10, "the runs acknowledged fills: " + ackedFills.size());
    System.out.println("StorageKillIT: " + ackedFills.size() + " acknowledged fills and " + ackedEvents.size()
        + " order events, none lost\n  " + String.join("\n  ", report));
  }

  private static long micros(String logLine) {
    Instant at = Instant.parse(logLine.substring(0, logLine.indexOf(' ')));
    return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
  }

  private static Set<String> strings(Connection c, String sql) throws SQLException {
    Set<String> values = new HashSet<>();
    try (var s = c.createStatement(); var r = s.executeQuery(sql)) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }

  private static long[] longs(Connection c, String sql) throws SQLException {
    try (var s = c.createStatement(); var r = s.executeQuery(sql)) {
      r.next();
      return new long[] {r.getLong(1), r.getLong(2)};
    }
  }
}
