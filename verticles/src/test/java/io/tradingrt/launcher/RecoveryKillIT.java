package io.tradingrt.launcher;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10's end-to-end proof on the real jar: twenty {@code kill -9} at random moments under the default strategies
 * and a fast feed, then three SIGTERMs; after every restart the rebuilt book is the fold of what storage acknowledged,
 * exactly, the trading state is the one the last acknowledged command set, resting orders still rest, no client order
 * id repeats and no acknowledged fill is missing. Prints a per-cycle table.
 */
class RecoveryKillIT {
  private static final Fixed INITIAL_CASH = Fixed.of("1000000");
  private static final int KILL_CYCLES = 20;
  private static final String STORED = "execution: stored ";
  private static final Pattern STOPPED = Pattern.compile(
      "portfolio: stopped with cash (\\S+) realized (\\S+) fees (\\S+) positions \\[(.*)]");

  /** What the test knows was acknowledged, over all runs so far. */
  private static final class Acknowledged {
    final Set<String> fills = new LinkedHashSet<>();
    final Set<String> orderEvents = new HashSet<>();
    /** Resting orders acknowledged ACCEPTED and not canceled, oldest first. */
    final List<String> resting = new ArrayList<>();
    String state = "ACTIVE";
    String cause;
    int storageFlaps;
    int faultsAtKill;

    /** Reads this run's acknowledgement lines; returns the number of fills acknowledged in it. */
    int collect(List<String> lines) {
      int fillsThisRun = 0;
      for (String line : lines) {
        int at = line.indexOf(STORED);
        if (at < 0) {
          continue;
        }
        String id = line.substring(at + STORED.length()).trim();
        if (id.startsWith("fill/")) {
          fills.add(id.substring("fill/".length()));
          fillsThisRun++;
        } else {
          orderEvents.add(id);
        }
      }
      return fillsThisRun;
    }
  }

  private record Row(int cycle, String stop, double startSeconds, double seconds, long entries, long folded,
                     long rebuildMillis, int ackedFills, int storedUnacked, int appliedLost) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%5d  %-4s  %7.1f  %6.1f  %8d  %7d  %7d  %10d  %13d  %14d", cycle, stop,
          startSeconds, seconds, entries, folded, rebuildMillis, ackedFills, storedUnacked, appliedLost);
    }
  }

  private static final String HEADER = "cycle  stop  start s   up s  journal  folded  rebuild  acked fills"
      + "  stored-unacked  applied-lost";

  @Test
  void twentyKillsLoseNothingAcknowledged(@TempDir Path dir) throws Exception {
    long seed = Long.getLong("recoveryKill.seed", System.currentTimeMillis());
    System.out.println("RecoveryKillIT: seed " + seed + " (rerun with -DrecoveryKill.seed=" + seed + ")");
    Random random = new Random(seed);
    Acknowledged acked = new Acknowledged();
    List<Row> rows = new ArrayList<>();
    List<String> previousPrefix = List.of();
    Set<String> published = Set.of();
    int ackedLastRun = 0;
    double secondsLastRun = 0;
    double startLastRun = 0;
    int cancels = 0;
    int readRetries = 0;
    int haltedRestarts = 0;
    long started = System.nanoTime();
    for (int cycle = 1; cycle <= KILL_CYCLES + 1; cycle++) {
      try (RecoveryNode node = RecoveryNode.start("kill-" + cycle, dir, cycle)) {
        String where = "cycle " + cycle + " (after kill " + (cycle - 1) + ")";
        Restart restart = checkedRestart("kill-" + cycle, where, node, acked);
        JsonObject recovery = restart.recovery();
        List<Fill> folded = restart.folded();
        List<String> prefix = folded.stream().map(Fill::fillId).toList();
        assertEquals(previousPrefix, prefix.subList(0, Math.min(previousPrefix.size(), prefix.size())),
            where + ": the fills folded at the last start stay the first ones in journal order");
        assertTrue(prefix.size() >= previousPrefix.size(), where + ": no folded fill disappeared");
        List<String> newlyFolded = prefix.subList(previousPrefix.size(), prefix.size());
        int storedUnacked = (int) newlyFolded.stream().filter(id -> !acked.fills.contains(id)).count();
        Set<String> prefixIds = new HashSet<>(prefix);
        int appliedLost = (int) published.stream().filter(id -> !prefixIds.contains(id)).count();
        if (cycle > 1) {
          rows.add(new Row(cycle - 1, "kill", startLastRun, secondsLastRun, recovery.getLong("entries"),
              recovery.getLong("fills"), recovery.getLong("totalMillis"), ackedLastRun, storedUnacked, appliedLost));
        }
        previousPrefix = prefix;
        if (acked.state.equals("HALTED")) {
          haltedRestarts++;
          checkLiveBookWhileHalted(where, node, recovery, new FillFold(folded, INITIAL_CASH));
        }
        if (cycle > KILL_CYCLES) {
          readRetries += node.readRetries;
          break;
        }
        if (acked.state.equals("HALTED")) {
          control(node, "resume", acked);
        }
        if (!acked.resting.isEmpty() && (cycle == 3 || random.nextInt(5) < 2)) {
          cancelRestingFromEarlierRun(where, node, acked, acked.resting.get(random.nextInt(acked.resting.size())));
          cancels++;
        }
        placeResting(node, "rest-" + cycle, acked);
        if (cycle == 2 || random.nextInt(3) == 0) {
          control(node, "halt", acked);
        }
        Thread.sleep(1_500 + random.nextInt(2_000));
        published = new HashSet<>(node.publishedFillIds());
        secondsLastRun = node.secondsUp();
        startLastRun = node.startSeconds;
        node.process.kill9();
        node.saveLog("kill-" + cycle);
        readRetries += node.readRetries;
        ackedLastRun = acked.collect(node.process.lines());
      }
    }
    double total = (System.nanoTime() - started) / 1e9;
    System.out.println("RecoveryKillIT: " + KILL_CYCLES + " kill -9 cycles in " + String.format(Locale.ROOT, "%.0f s",
        total) + ", " + acked.fills.size() + " acknowledged fills, " + acked.orderEvents.size()
        + " acknowledged order events, " + cancels + " cancels after restart, " + haltedRestarts
        + " HALTED restarts, " + acked.storageFlaps + " restarts whose last state change was a storage fault "
        + "clearing (STORAGE_RECOVERED), " + acked.faultsAtKill + " restarts during a storage fault, " + readRetries
        + " reads asked again after a 504\n" + HEADER + "\n"
        + String.join("\n", rows.stream().map(Row::toString).toList()));
    assertTrue(acked.fills.size() >= 20 * KILL_CYCLES, "fills were frequent: " + acked.fills.size());
    // DuckDB's driver unpacks its 72 MB native library into java.io.tmpdir and deletes it only at a clean exit
    try (var left = Files.list(RecoveryNode.temporaryDirectory(dir))) {
      assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("libduckdb"))
          .toList(), KILL_CYCLES + " killed runtimes left no copy of DuckDB's native library behind");
    }
    assertTrue(haltedRestarts >= 1 && cancels >= 1, "halted restarts " + haltedRestarts + ", cancels " + cancels);
  }

  @Test
  void sigtermLosesNothing(@TempDir Path dir) throws Exception {
    Acknowledged acked = new Acknowledged();
    Matcher stopped = null;
    Set<String> lastRunAcked = Set.of();
    Set<String> lastRunPublished = Set.of();
    List<String> report = new ArrayList<>();
    for (int cycle = 1; cycle <= 4; cycle++) {
      try (RecoveryNode node = RecoveryNode.start("term-" + cycle, dir, 100 + cycle)) {
        String where = "cycle " + cycle + " (after SIGTERM " + (cycle - 1) + ")";
        Restart restart = checkedRestart("term-" + cycle, where, node, acked);
        JsonObject recovery = restart.recovery();
        List<Fill> folded = restart.folded();
        if (stopped != null) {
          Set<String> foldedIds = new HashSet<>(folded.stream().map(Fill::fillId).toList());
          assertTrue(foldedIds.containsAll(lastRunAcked), where + ": every fill the last run acknowledged is stored");
          List<String> lost = lastRunPublished.stream().filter(id -> !foldedIds.contains(id)).toList();
          assertEquals(List.of(), lost, where + ": fills the last run published (and applied) but did not store");
          assertEquals(Fixed.of(stopped.group(1)), Fixed.of(recovery.getString("cash")), where + ": cash");
          assertEquals(Fixed.of(stopped.group(2)), Fixed.of(recovery.getString("realizedPnl")), where + ": realized");
          assertEquals(Fixed.of(stopped.group(3)), Fixed.of(recovery.getString("fees")), where + ": fees");
          assertEquals(stoppedPositions(stopped.group(4)), recoveredPositions(recovery.getJsonArray("positions")),
              where + ": the non-flat positions the last run stopped with");
          report.add(String.format(Locale.ROOT, "after SIGTERM %d: %d fills folded, %d acknowledged in the last run, "
                  + "%d published before the stop (all stored), cash %s, %d positions, rebuild %d ms", cycle - 1,
              folded.size(), lastRunAcked.size(), lastRunPublished.size(),
              recovery.getString("cash"), recovery.getJsonArray("positions").size(), recovery.getLong("totalMillis")));
        }
        if (cycle == 4) {
          break;
        }
        node.process.awaitLine(l -> l.contains(STORED + "fill/"), Duration.ofSeconds(30));
        Thread.sleep(2_000);
        lastRunPublished = new HashSet<>(node.publishedFillIds());
        int exit = node.process.terminate(Duration.ofSeconds(30));
        assertTrue(exit == 0 || exit == 143, where + ": SIGTERM stops the runtime, exit " + exit);
        node.saveLog("term-" + cycle);
        String line = node.process.awaitLine(l -> STOPPED.matcher(l).find(), Duration.ofSeconds(5));
        stopped = STOPPED.matcher(line);
        assertTrue(stopped.find());
        lastRunAcked = lastRunFills(node.process.lines());
        acked.collect(node.process.lines());
        assertFalse(lastRunAcked.isEmpty(), where + ": the run acknowledged fills");
      }
    }
    System.out.println("RecoveryKillIT (SIGTERM):\n  " + String.join("\n  ", report));
  }

  /**
   * The checks after every restart; returns the fills the recovery folded (the first {@code fills} stored fills in
   * journal order), which are checked to hold every fill acknowledged so far and to fold to the recovered book.
   */
  /** What a start rebuilt: its recovery report and the stored fills it folded. */
  private record Restart(JsonObject recovery, List<Fill> folded) {
  }

  /** Checks a start against what was acknowledged before it; the start's log is kept either way. */
  private static Restart checkedRestart(String label, String where, RecoveryNode node, Acknowledged acked)
      throws Exception {
    JsonObject recovery = node.get("/api/recovery");
    List<Fill> stored = node.storedFills();
    try {
      return new Restart(recovery, checkRecovery(where, node, recovery, acked, stored));
    } finally {
      node.saveLog(label + "-start");
    }
  }

  private static List<Fill> checkRecovery(String where, RecoveryNode node, JsonObject recovery, Acknowledged acked,
                                          List<Fill> stored) throws Exception {
    assertTrue(recovery.getBoolean("consistent"), where + ": " + recovery.encode());
    assertEquals(new JsonArray(), recovery.getJsonArray("mismatches"), where);
    String cause = recovery.containsKey("lastChange") ? recovery.getJsonObject("lastChange").getString("cause") : null;
    if ("STORAGE_UNAVAILABLE".equals(cause)) {
      // killed during a storage fault: the restarted writer answers, so the state must return to the command's
      acked.faultsAtKill++;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      JsonObject risk = node.get("/api/risk");
      while (!risk.getString("state").equals(acked.state) && System.nanoTime() < deadline) {
        Thread.sleep(200);
        risk = node.get("/api/risk");
      }
      assertEquals(acked.state, risk.getString("state"), where + ": restarted during a storage fault ("
          + recovery.getString("line") + "), the healthy writer must end it: " + risk.encode());
      cause = risk.getJsonObject("lastChange").getString("cause");
    } else {
      assertEquals(acked.state, recovery.getString("state"), where + ": " + recovery.getString("line"));
    }
    // a storage writer too slow to answer its health poll (this machine is loaded) flips REDUCING and back: that
    // leaves the state as the command set it, with STORAGE_RECOVERED as the last cause; it is counted, not hidden
    if ("STORAGE_RECOVERED".equals(cause) && !"STORAGE_RECOVERED".equals(acked.cause)) {
      acked.storageFlaps++;
    } else {
      assertEquals(acked.cause, cause, where + ": the cause of the state: " + recovery.encode());
    }
    assertEquals(acked.state, node.get("/api/risk").getString("state"), where + ": /api/risk");

    int count = Math.toIntExact(recovery.getLong("fills"));
    assertTrue(stored.size() >= count, where + ": " + stored.size() + " stored fills, " + count + " folded");
    List<Fill> folded = stored.subList(0, count);
    Set<String> foldedIds = new HashSet<>(folded.stream().map(Fill::fillId).toList());
    assertEquals(count, foldedIds.size(), where + ": folded fill ids are unique");
    List<String> missing = acked.fills.stream().filter(id -> !foldedIds.contains(id)).toList();
    assertEquals(List.of(), missing, where + ": acknowledged fills missing from the folded journal");

    FillFold fold = new FillFold(folded, INITIAL_CASH);
    fold.assertAccount(where + " /api/recovery", recovery);
    fold.assertPositions(where + " /api/recovery", recovery.getJsonArray("positions"), true);

    List<String> working = recovery.getJsonArray("workingOrders").stream().map(String.class::cast).toList();
    assertTrue(working.containsAll(acked.resting), where + ": resting orders " + acked.resting + " in " + working);
    checkOrderEvents(where, node.storedOrderEvents(), acked);
    return folded;
  }

  /** Events of one client order id agree on what the order is, and no id was submitted twice. */
  private static void checkOrderEvents(String where, List<OrderEvent> events, Acknowledged acked) {
    Map<String, OrderEvent> first = new HashMap<>();
    Set<String> submitted = new HashSet<>();
    Set<String> stored = new HashSet<>();
    for (OrderEvent event : events) {
      stored.add(event.clientOrderId() + "/" + event.status());
      OrderEvent seen = first.putIfAbsent(event.clientOrderId(), event);
      if (seen != null) {
        String what = where + ": order " + event.clientOrderId() + " reused? " + seen + " vs " + event;
        assertEquals(seen.strategy(), event.strategy(), what);
        assertEquals(seen.symbol(), event.symbol(), what);
        assertEquals(seen.side(), event.side(), what);
        assertEquals(seen.quantity(), event.quantity(), what);
      }
      if (event.status() == OrderStatus.SUBMITTED) {
        assertTrue(submitted.add(event.clientOrderId()), where + ": " + event.clientOrderId() + " submitted twice");
      }
    }
    List<String> missing = acked.orderEvents.stream().filter(id -> !stored.contains(id)).toList();
    assertEquals(List.of(), missing, where + ": acknowledged order events missing");
  }

  /** HALTED since the last run: nothing new trades, so the live book must show exactly the fold, once it shows. */
  private static void checkLiveBookWhileHalted(String where, RecoveryNode node, JsonObject recovery, FillFold fold)
      throws Exception {
    long restartedAt = recovery.getLong("tsMicros");
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    JsonObject pnl = node.get("/api/pnl");
    // before its first snapshot the edge relays /api/pnl to storage, which holds the last run's
    while (!pnl.containsKey("cash") || pnl.getLong("tsMicros", 0L) < restartedAt) {
      assertTrue(System.nanoTime() < deadline, where + ": no portfolio snapshot after the restart: " + pnl.encode());
      Thread.sleep(100);
      pnl = node.get("/api/pnl");
    }
    fold.assertAccount(where + " /api/pnl", pnl);
    JsonObject positions = node.get("/api/positions?limit=1000");
    assertTrue(positions.getLong("tsMicros") >= restartedAt, where + ": " + positions.encode());
    fold.assertPositions(where + " /api/positions", positions.getJsonArray("items"), false);
  }

  private static void placeResting(RecoveryNode node, String id, Acknowledged acked) throws Exception {
    HttpResponse<String> placed = node.post("/api/orders", "{\"clientOrderId\":\"" + id + "\",\"symbol\":\"AAPL\","
        + "\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"1\",\"limitPrice\":\"1.00\",\"timeInForce\":\"GTC\"}");
    assertEquals(201, placed.statusCode(), placed.body());
    node.process.awaitLine(l -> l.endsWith(STORED + id + "/ACCEPTED"), Duration.ofSeconds(15));
    acked.resting.add(id);
  }

  /** An order placed before a kill: the restarted broker knows it (result > 0) and cancels it. */
  private static void cancelRestingFromEarlierRun(String where, RecoveryNode node, Acknowledged acked, String id)
      throws Exception {
    HttpResponse<String> canceled = node.delete("/api/orders/" + id);
    assertEquals(202, canceled.statusCode(), canceled.body());
    assertTrue(new JsonObject(canceled.body()).getInteger("result") > 0,
        where + ": the restarted broker knows the resting order " + id + ": " + canceled.body());
    node.process.awaitLine(l -> l.endsWith(STORED + id + "/CANCELED"), Duration.ofSeconds(15));
    acked.resting.remove(id);
  }

  /** HALT or RESUME: acknowledged (journaled) when the 200 arrives. */
  private static void control(RecoveryNode node, String command, Acknowledged acked) throws Exception {
    HttpResponse<String> answer = node.post("/api/risk/" + command, "{\"reason\":\"RecoveryKillIT " + command + "\"}");
    assertEquals(200, answer.statusCode(), answer.body());
    acked.state = command.equals("halt") ? "HALTED" : "ACTIVE";
    acked.cause = command.toUpperCase(Locale.ROOT);
    assertEquals(acked.state, new JsonObject(answer.body()).getString("to"), answer.body());
  }

  private static Set<String> lastRunFills(List<String> lines) {
    Set<String> ids = new HashSet<>();
    for (String line : lines) {
      int at = line.indexOf(STORED + "fill/");
      if (at >= 0) {
        ids.add(line.substring(at + STORED.length() + "fill/".length()).trim());
      }
    }
    return ids;
  }

  /** "AAPL 10 @ 101.32, MSFT -10 @ 117.6" as symbol → [quantity, avgPrice]. */
  private static Map<String, List<Fixed>> stoppedPositions(String list) {
    Map<String, List<Fixed>> positions = new HashMap<>();
    if (list.isBlank()) {
      return positions;
    }
    for (String entry : list.split(", ")) {
      String[] parts = entry.trim().split(" ");
      assertEquals(4, parts.length, entry);
      positions.put(parts[0], List.of(Fixed.of(parts[1]), Fixed.of(parts[3])));
    }
    return positions;
  }

  private static Map<String, List<Fixed>> recoveredPositions(JsonArray positions) {
    Map<String, List<Fixed>> bySymbol = new HashMap<>();
    positions.forEach(p -> {
      JsonObject position = (JsonObject) p;
      bySymbol.put(position.getString("symbol"), List.of(Fixed.of(position.getString("quantity")),
          Fixed.of(position.getString("avgPrice"))));
    });
    return bySymbol;
  }
}
