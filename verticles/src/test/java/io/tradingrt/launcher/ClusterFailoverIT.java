package io.tradingrt.launcher;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 11's proof on three (four) real {@code java -jar runtime.jar -cluster} processes on loopback: the trading core
 * and the strategies fail over after {@code kill -9} within the goal and lose no acknowledged fill, a frozen trading
 * core accepts no order once another node took over, and a second storage-eligible node opens no second writer
 * while the first is alive. Prints the failover times measured.
 */
class ClusterFailoverIT {
  private static final Fixed INITIAL_CASH = Fixed.of("1000000");
  private static final String INGEST = "{\"ticksPerSecond\":300,\"volatilityBps\":20}";
  private static final String CORE_STARTED = "started roles [portfolio, execution, risk]";
  private static final String ACKED_FILL = "execution: stored fill/";
  private static final long FAILOVER_GOAL_MILLIS = 10_000;
  private static final int CYCLES = 3;
  private static final Pattern CORE_TERM = Pattern.compile("took over trading-core \\(term (\\d+)\\)");
  private static final Pattern TOOK_OVER = Pattern.compile(
      "cluster: \\S+ took over (\\S+(?: \\S+)?) \\(term (\\d+)\\)");
  private static final Pattern STRATEGY_EVENT = Pattern.compile(
      "cluster: \\S+ (took over|gave up|lost) strategy (\\S+?)[ :]");

  /** One failover: what was killed, what moved, and how long each step took after the kill. */
  private record Failover(int cycle, String killed, String survivor, String moved, long leaseMillis,
                          long startedMillis, long firstFillMillis, int foldedFills, String recovery) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%5d  %-6s  %-8s  %-40s  %7d  %11d  %10d  %6s  %s", cycle, killed, survivor,
          moved, leaseMillis, startedMillis, firstFillMillis, foldedFills < 0 ? "-" : Integer.toString(foldedFills),
          recovery);
    }
  }

  private static final String HEADER = String.format(Locale.ROOT, "%5s  %-6s  %-8s  %-40s  %7s  %11s  %10s  %6s  %s",
      "cycle", "killed", "survivor", "moved", "lease", "roles up", "1st fill", "folded", "recovery line");

  @Test
  @Timeout(value = 270, unit = TimeUnit.SECONDS)
  void killingTheTradingCoreOrAStrategyNodeFailsOverAndLosesNoAcknowledgedFill(@TempDir Path root)
      throws Exception {
    Map<String, String> env = ClusterNode.clusterEnv("failover-it", 18701);
    long started = System.nanoTime();
    try (ClusterNode s = new ClusterNode("s", ClusterNode.STORAGE, 18410, root, env, INGEST);
         ClusterNode a = new ClusterNode("a", ClusterNode.TRADING, 18420, root, env, INGEST);
         ClusterNode b = new ClusterNode("b", ClusterNode.TRADING, 18430, root, env, INGEST)) {
      List<ClusterNode> traders = List.of(a, b);
      try {
        // together: with cluster.minimumMembers 2 a lone node can take no lease
        s.start();
        a.start();
        b.start();
        s.await(l -> l.contains("started roles [storage]"), Duration.ofSeconds(120));
        awaitCoreHolder(traders, Duration.ofSeconds(120));
        awaitFill(s, 0, null, Duration.ofSeconds(60));
        List<Failover> failovers = new ArrayList<>();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
          ClusterNode core = coreHolder(traders);
          ClusterNode other = core == a ? b : a;
          awaitBalanced(traders, Duration.ofSeconds(60));
          failovers.add(print(killTradingCore(cycle, s, core, other, traders)));
          core.await(l -> l.contains("took over strategy"), Duration.ofSeconds(90));
          // the restarted node is a standby for the core and got a strategy back by rebalancing: now kill it again
          awaitBalanced(traders, Duration.ofSeconds(60));
          failovers.add(print(killStrategyNode(cycle, s, core, other, traders)));
          core.await(l -> l.contains("took over strategy"), Duration.ofSeconds(90));
        }
        List<Failover> cores = failovers.stream().filter(f -> f.foldedFills() >= 0).toList();
        long medianStarted = cores.stream().mapToLong(Failover::startedMillis).sorted().toArray()[cores.size() / 2];
        long medianFill = cores.stream().mapToLong(Failover::firstFillMillis).sorted().toArray()[cores.size() / 2];
        assertTrue(medianStarted <= FAILOVER_GOAL_MILLIS && medianFill <= FAILOVER_GOAL_MILLIS,
            "median trading-core failover " + medianStarted + " ms to roles started, " + medianFill
                + " ms to the first fill; goal " + FAILOVER_GOAL_MILLIS + " ms");
        long worstCore = failovers.stream().filter(f -> f.foldedFills() >= 0).mapToLong(Failover::startedMillis).max()
            .orElseThrow();
        System.out.println("ClusterFailoverIT: " + failovers.size() + " kill -9 in " + String.format(Locale.ROOT,
            "%.0f s", (System.nanoTime() - started) / 1e9) + " (default lease 3000 ms; times in ms after the kill: "
            + "the lease taken, its roles started, the first fill stored after the kill); worst trading-core "
            + "failover " + worstCore + " ms\n" + HEADER + "\n"
            + String.join("\n", failovers.stream().map(Failover::toString).toList()));
        liveBookEqualsTheFoldOfEveryStoredFill(s, coreHolder(traders));
      } finally {
        for (ClusterNode node : List.of(s, a, b)) {
          node.saveLogs("failover");
        }
      }
    }
  }

  /**
   * Kills the trading-core holder; the survivor must take the lease, rebuild from the journal exactly the fold of the
   * fills stored (every fill acknowledged to the dead core, and every fill it published, among them) and trade on.
   */
  private static Failover killTradingCore(int cycle, ClusterNode s, ClusterNode core, ClusterNode survivor,
                                          List<ClusterNode> traders) throws Exception {
    String where = "cycle " + cycle + ", kill -9 of the trading core " + core.name;
    long termBefore = coreTerm(core);
    Set<String> acked = ackedFills(traders);
    Set<String> published = new LinkedHashSet<>(s.publishedFillIds());
    assertFalse(published.isEmpty(), where + ": trading before the kill");
    Instant killed = core.kill9();
    long killedMicros = micros(killed);

    String took = survivor.awaitAfter(killed, "took over trading-core", Duration.ofSeconds(30));
    String rolesUp = survivor.awaitAfter(killed, CORE_STARTED, Duration.ofSeconds(30));
    long term = Long.parseLong(match(CORE_TERM, took).group(1));
    assertTrue(term > termBefore, where + ": the term grows at a change of holder: " + termBefore + " → " + took);
    assertTrue(took.contains("after " + core.name + " "), where + ": the log names the node that left: " + took);
    String recoveryLine = survivor.awaitAfter(killed, "holds the trading core (term " + term + "); recovery: ",
        Duration.ofSeconds(30));
    // the killed node comes back as a standby while the checks run (its JVM start is most of a cycle's time)
    core.start();

    JsonObject recovery = survivor.get("/api/recovery");
    assertTrue(recovery.getBoolean("consistent"), where + ": " + recovery.encode());
    List<Fill> stored = s.storedFills(0);
    int count = Math.toIntExact(recovery.getLong("fills"));
    assertTrue(stored.size() >= count, where + ": " + stored.size() + " stored, " + count + " folded");
    List<Fill> folded = stored.subList(0, count);
    Set<String> foldedIds = new HashSet<>(folded.stream().map(Fill::fillId).toList());
    assertEquals(List.of(), acked.stream().filter(id -> !foldedIds.contains(id)).toList(),
        where + ": fills acknowledged (stored) before the kill that the new trading core did not fold");
    assertEquals(List.of(), published.stream().filter(id -> !foldedIds.contains(id)).toList(),
        where + ": fills published on exec.fills before the kill that the new trading core did not fold");
    // what was stored after the rebuild read the journal must be the new core's own: nothing the dead core made
    // reached storage after the survivor had rebuilt (it would be a fill missing from the new book)
    List<Fill> later = stored.subList(count, stored.size()).stream().filter(f -> f.tsMicros() < killedMicros).toList();
    assertEquals(List.of(), later, where + ": fills made before the kill but stored after the rebuild");
    FillFold fold = new FillFold(folded, INITIAL_CASH);
    fold.assertAccount(where + ", /api/recovery of " + survivor.name, recovery);
    fold.assertPositions(where + ", /api/recovery of " + survivor.name, recovery.getJsonArray("positions"), true);
    assertTrue(recoveryLine.contains("recovered " + recovery.getJsonArray("positions").size() + " positions"),
        where + ": " + recoveryLine);

    // the view users see (GET /api/cluster, here S's) names the new holder and its term once S's lease poll saw it
    eventually(Duration.ofSeconds(10), () -> {
      JsonObject lease = entry(s.get("/api/cluster"), "singletons", "trading-core");
      assertEquals(survivor.name, holderName(lease), lease.encode());
      assertEquals(term, lease.getLong("term"), lease.encode());
      return true;
    });
    Fill first = awaitFill(s, killedMicros, null, Duration.ofSeconds(30));
    Failover failover = new Failover(cycle, core.name, survivor.name, moved(survivor, killed),
        millis(killed, ClusterNode.at(took)), millis(killed, ClusterNode.at(rolesUp)),
        (first.tsMicros() - killedMicros) / 1_000, count,
        recoveryLine.substring(recoveryLine.indexOf("recovery: ") + "recovery: ".length()));
    // each failover within twice the goal; the goal itself holds for the median of the cycles (checked after them):
    // a single cycle on a starved machine measured 10.2 s, the time Hazelcast took to notice the killed member
    assertTrue(failover.startedMillis() <= 2 * FAILOVER_GOAL_MILLIS, where + ": " + failover);
    assertTrue(failover.firstFillMillis() <= 2 * FAILOVER_GOAL_MILLIS, where + ": " + failover);
    return failover;
  }

  /**
   * Kills the node that holds the trading core's standby and some strategies: the survivor takes those strategies'
   * leases and they trade again there (fills in their name, made after the kill).
   */
  private static Failover killStrategyNode(int cycle, ClusterNode s, ClusterNode victim, ClusterNode survivor,
                                           List<ClusterNode> traders) throws Exception {
    String where = "cycle " + cycle + ", kill -9 of the strategy node " + victim.name;
    Set<String> strategies = strategiesHeld(victim);
    assertFalse(strategies.isEmpty(), where + ": the placement gave it a strategy");
    assertFalse(holdsCore(victim), where + ": it is not the trading core");
    Set<String> acked = ackedFills(traders);
    Instant killed = victim.kill9();
    long killedMicros = micros(killed);
    long leaseMillis = 0;
    long startedMillis = 0;
    long firstFillMillis = 0;
    for (String strategy : strategies) {
      String took = survivor.awaitAfter(killed, "took over strategy " + strategy + " (term", Duration.ofSeconds(30));
      leaseMillis = Math.max(leaseMillis, millis(killed, ClusterNode.at(took)));
      String up = survivor.awaitAfter(killed, "started roles [signal] (strategy " + strategy + ",",
          Duration.ofSeconds(30));
      startedMillis = Math.max(startedMillis, millis(killed, ClusterNode.at(up)));
      Fill fill = awaitFill(s, killedMicros, strategy, Duration.ofSeconds(45));
      firstFillMillis = Math.max(firstFillMillis, (fill.tsMicros() - killedMicros) / 1_000);
    }
    JsonObject view = s.get("/api/cluster");
    for (String strategy : strategies) {
      assertEquals(survivor.name, holderName(entry(view, "strategies", strategy)), where + ": " + view.encode());
    }
    victim.start();
    assertTrue(survivor.lineAfter(killed, "lost trading-core").isEmpty(), where + ": the trading core stays put");
    Set<String> storedIds = new HashSet<>(s.storedFills(0).stream().map(Fill::fillId).toList());
    assertEquals(List.of(), acked.stream().filter(id -> !storedIds.contains(id)).toList(),
        where + ": acknowledged fills missing from storage");
    assertTrue(leaseMillis <= FAILOVER_GOAL_MILLIS && firstFillMillis <= 3 * FAILOVER_GOAL_MILLIS,
        where + ": lease after " + leaseMillis + " ms, first fill after " + firstFillMillis + " ms");
    return new Failover(cycle, victim.name, survivor.name, moved(survivor, killed), leaseMillis, startedMillis,
        firstFillMillis, -1, "");
  }

  /**
   * The end of the cycles: halted, nothing trades, so the live book S's edge shows (the portfolio's snapshot) must be
   * exactly the fold of every fill storage holds, after all the failovers.
   */
  private static void liveBookEqualsTheFoldOfEveryStoredFill(ClusterNode s, ClusterNode core) throws Exception {
    HttpResponse<String> halted = s.post("/api/risk/halt", "{\"reason\":\"ClusterFailoverIT: compare the book\"}",
        Duration.ofSeconds(10));
    assertEquals(200, halted.statusCode(), halted.body());
    long haltedMicros = micros(Instant.now());
    eventually(Duration.ofSeconds(20), () -> {
      FillFold fold = new FillFold(s.storedFills(0), INITIAL_CASH);
      JsonObject pnl = s.get("/api/pnl");
      assertTrue(pnl.getLong("tsMicros", 0L) > haltedMicros + 1_000_000, "a snapshot taken after the halt settled");
      fold.assertAccount("/api/pnl of s after the failovers", pnl);
      fold.assertPositions("/api/positions of s after the failovers",
          s.get("/api/positions?limit=1000").getJsonArray("items"), false);
      return true;
    });
    assertEquals("HALTED", core.get("/api/risk").getString("state"));
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aFrozenTradingCoreAcceptsNoOrderOnceAnotherNodeTookOver(@TempDir Path root) throws Exception {
    Map<String, String> env = ClusterNode.clusterEnv("fencing-it", 18721);
    try (ClusterNode s = new ClusterNode("s", ClusterNode.STORAGE, 18510, root, env, INGEST);
         ClusterNode a = new ClusterNode("a", ClusterNode.TRADING, 18520, root, env, INGEST);
         ClusterNode b = new ClusterNode("b", ClusterNode.TRADING, 18530, root, env, INGEST)) {
      List<ClusterNode> traders = List.of(a, b);
      try {
        // together: with cluster.minimumMembers 2 a lone node can take no lease
        s.start();
        a.start();
        b.start();
        s.await(l -> l.contains("started roles [storage]"), Duration.ofSeconds(120));
        ClusterNode frozen = awaitCoreHolder(traders, Duration.ofSeconds(120));
        ClusterNode other = frozen == a ? b : a;
        awaitFill(s, 0, null, Duration.ofSeconds(60));
        // the very order the fenced node will get is accepted while it holds the lease: refusals below are the fence
        // (asked again with a new id should one come at a moment a loaded machine let its act window lapse)
        int[] tries = {0};
        eventually(Duration.ofSeconds(15), () -> {
          HttpResponse<String> accepted = frozen.post("/api/orders", order("before-" + ++tries[0]),
              Duration.ofSeconds(10));
          assertEquals(201, accepted.statusCode(), accepted.body());
          return true;
        });

        frozen.signal("STOP");
        Instant stopped = Instant.now();
        String took = other.awaitAfter(stopped, "took over trading-core", Duration.ofSeconds(30));
        other.awaitAfter(stopped, CORE_STARTED, Duration.ofSeconds(30));
        Instant takeover = ClusterNode.at(took);
        // frozen past the lease and Hazelcast's 5 s heartbeat timeout: the others removed it, it comes back cut off
        // (a fixed freeze is the scenario, not an assertion)
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), stopped.plusSeconds(12)).toMillis()));
        frozen.signal("CONT");
        Instant resumed = Instant.now();

        List<String> answers = new ArrayList<>();
        List<String> forwarded = new ArrayList<>();
        int refusedByItself = 0;
        for (int n = 1; Instant.now().isBefore(resumed.plusSeconds(8)) && frozen.current().isAlive(); n++) {
          String id = "fence-" + n;
          try {
            HttpResponse<String> answer = frozen.post("/api/orders", order(id), Duration.ofSeconds(3));
            answers.add(id + " " + answer.statusCode() + " " + answer.body());
            if (answer.statusCode() / 100 == 2) {
              forwarded.add(id);
            } else {
              refusedByItself++;
            }
          } catch (IOException e) {
            answers.add(id + " " + e.getClass().getSimpleName());
          }
          Thread.sleep(150);
        }
        int exit = frozen.current().awaitExit(Duration.ofSeconds(45));
        System.out.println("ClusterFailoverIT (fencing): " + frozen.name + " frozen for "
            + millis(stopped, resumed) + " ms; " + other.name + " took over " + millis(stopped, takeover)
            + " ms after the freeze (" + took.substring(took.indexOf("cluster:")) + "); " + frozen.name
            + " exit code " + exit + "; its answers after kill -CONT:\n  " + String.join("\n  ", answers));

        assertTrue(frozen.lineAfter(resumed, "lost trading-core").isPresent()
                || frozen.lineAfter(resumed, "was cut off from the cluster").isPresent(),
            "the resumed node knows it lost the trading core");
        assertTrue(refusedByItself > 0, "the resumed node answered orders (and refused them): " + answers);
        // An order a fenced node's edge answers 2xx would be the fence failing, unless its edge had relayed it to the
        // new holder's risk (possible once Hazelcast merged it back, before it stops): that decision is the new
        // holder's, and the new holder's execution then acknowledges the order in its own log. So a 2xx counts as
        // the new holder's only with that acknowledgement; anything else the frozen node accepted fails the test.
        for (String id : forwarded) {
          assertTrue(other.logged("execution: stored " + id + "/"), id + " was accepted by the fenced node "
              + frozen.name + " itself (the new holder " + other.name + " never executed it): " + answers);
        }
        Optional<String> fillAfter = frozen.lineAfter(takeover, "execution: fill ");
        assertTrue(fillAfter.isEmpty(), "the fenced node filled after the takeover: " + fillAfter);
        assertTrue(exit == ClusterRoles.MERGED_EXIT_CODE || (exit == -1 && frozen.logged("lost trading-core")),
            "the cut-off node stops (exit " + ClusterRoles.MERGED_EXIT_CODE + ") or stays fenced; exit " + exit);
        if (exit == ClusterRoles.MERGED_EXIT_CODE) {
          assertTrue(frozen.logged("is being merged back"), "it says why it stopped");
        }
        Fill fill = awaitFill(s, micros(resumed), null, Duration.ofSeconds(30));
        assertTrue(fill.tsMicros() >= micros(takeover));
        assertTrue(other.lineAfter(takeover, "lost trading-core").isEmpty(), "the new holder keeps the core");
      } finally {
        for (ClusterNode node : List.of(s, a, b)) {
          node.saveLogs("fencing");
        }
      }
    }
  }

  /**
   * A second storage-eligible node waits as a standby and never opens its database while the writer lives. What it
   * can and cannot recover: its file is its own and starts empty when it takes over, because the DuckDB file of the
   * lost writer stays on the lost node; the stored history (ticks, bars, orders, fills, the journal the trading core
   * rebuilds from) before the takeover is not in it. The trading core that kept running keeps its book in memory and
   * goes on; a trading core started after the takeover would rebuild from the standby's journal alone, so from a
   * flat book. Recovering that history needs the old file (copied, or restored from a backup) or replication.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aSecondStorageNodeStandsByAndTakesOverOnlyWhenTheWriterIsGone(@TempDir Path root) throws Exception {
    Map<String, String> env = ClusterNode.clusterEnv("storage-it", 18741);
    try (ClusterNode s = new ClusterNode("s", ClusterNode.STORAGE, 18610, root, env, INGEST);
         ClusterNode t = new ClusterNode("t", ClusterNode.TRADING, 18620, root, env, INGEST);
         ClusterNode s2 = new ClusterNode("s2", List.of("storage", "http"), 18630, root, env, INGEST)) {
      try {
        s.start();
        t.start();
        s2.start();
        // both are eligible and start together: whichever takes the lease first is the writer, the other the standby
        ClusterNode writer = eventually(Duration.ofSeconds(120), () -> {
          List<ClusterNode> writers = List.of(s, s2).stream().filter(n -> n.logged("started roles [storage]"))
              .toList();
          assertEquals(1, writers.size(), "one storage writer");
          return writers.get(0);
        });
        ClusterNode standby = writer == s ? s2 : s;
        t.await(l -> l.contains(CORE_STARTED), Duration.ofSeconds(120));
        awaitFill(writer, 0, null, Duration.ofSeconds(60));
        String up = standby.await(l -> l.contains("runtime: " + standby.name + " started roles [http"),
            Duration.ofSeconds(60));
        assertTrue(up.contains("eligible for [storage"), up);

        // more than three leases beside a live writer: a standby must never take the lease nor open its file
        Instant standbyUntil = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(standbyUntil)) {
          assertFalse(standby.logged("took over storage") || standby.logged("started roles [storage]"),
              standby.name + " took storage while " + writer.name + " holds it");
          // (the launcher's integrity check at start may create the file and close it again: a standby's file
          // exists, but nobody holds it and no writer was started on it)
          assertFalse(standby.logged("storage: writing"), standby.name + " started a writer beside " + writer.name);
          assertFalse(standby.databaseIsOpen(), standby.name + " holds its database open beside " + writer.name);
          Thread.sleep(200);
        }
        assertEquals(200, standby.getRaw("/health/live").statusCode());
        JsonObject risk = t.get("/api/risk");
        assertEquals("ACTIVE", risk.getString("state"), risk.encode());

        Instant killed = writer.kill9();
        long killedMicros = micros(killed);
        // what nobody can store is refused: risk's state goes REDUCING with the reason, then back by itself
        String unavailable = t.awaitAfter(killed, "-> REDUCING (STORAGE_UNAVAILABLE)", Duration.ofSeconds(20));
        String took = standby.awaitAfter(killed, "took over storage", Duration.ofSeconds(30));
        assertTrue(took.contains("after " + writer.name + " "), took);
        String writing = standby.awaitAfter(killed, "started roles [storage]", Duration.ofSeconds(60));
        standby.awaitAfter(killed, "storage: writing " + standby.database(), Duration.ofSeconds(5));
        assertTrue(Files.size(standby.database()) > 0 && standby.databaseIsOpen(),
            standby.name + " writes its own file " + standby.database());
        String recovered = t.awaitAfter(killed, "REDUCING -> ACTIVE (STORAGE_RECOVERED)", Duration.ofSeconds(30));
        eventually(Duration.ofSeconds(20), () -> {
          JsonObject state = t.get("/api/risk");
          assertEquals("ACTIVE", state.getString("state"), state.encode());
          assertEquals("STORAGE_RECOVERED", state.getJsonObject("lastChange").getString("cause"), state.encode());
          return true;
        });
        // trading resumed: a fill made after the state went back to ACTIVE, stored by the new writer
        Fill fill = awaitFill(standby, micros(ClusterNode.at(recovered)), null, Duration.ofSeconds(30));
        // the standby's file begins at its takeover: none of the lost writer's history is in it (what it holds from
        // before its writer started are the records the producers retried while no writer answered)
        List<Fill> all = standby.storedFills(0);
        assertTrue(all.stream().allMatch(f -> f.tsMicros() >= killedMicros),
            standby.name + " holds only what came after " + writer.name + " died");
        long retried = all.stream().filter(f -> f.tsMicros() < micros(ClusterNode.at(writing))).count();
        System.out.println("ClusterFailoverIT (storage): after kill -9 of the writer " + writer.name
            + ": trading refused orders " + millis(killed, ClusterNode.at(unavailable)) + " ms later, "
            + standby.name + " took the lease after " + millis(killed, ClusterNode.at(took)) + " ms and wrote after "
            + millis(killed, ClusterNode.at(writing)) + " ms, trading resumed (STORAGE_RECOVERED) after "
            + millis(killed, ClusterNode.at(recovered)) + " ms, first new fill " + (fill.tsMicros() - killedMicros)
            / 1_000 + " ms after the kill; " + all.size() + " fills in " + standby.name + "'s file, none from "
            + "before the kill, " + retried + " of them made while no writer answered (retried until one did)");
      } finally {
        for (ClusterNode node : List.of(s, t, s2)) {
          node.saveLogs("storage");
        }
      }
    }
  }

  private static Failover print(Failover failover) {
    System.out.println("ClusterFailoverIT: " + failover);
    return failover;
  }

  /** What the survivor took over since the kill, as its log says. */
  private static String moved(ClusterNode survivor, Instant killed) {
    List<String> moved = new ArrayList<>();
    for (String line : survivor.lines()) {
      Matcher m = TOOK_OVER.matcher(line);
      if (m.find() && !ClusterNode.at(line).isBefore(killed)) {
        moved.add(m.group(1).replace("strategy ", "") + "/" + m.group(2));
      }
    }
    return String.join(",", moved);
  }

  /** The lease named {@code name} in one list of a cluster view ({@code singletons} or {@code strategies}). */
  private static JsonObject entry(JsonObject view, String list, String name) {
    return view.getJsonArray(list).stream().map(JsonObject.class::cast).filter(e -> name.equals(e.getString("name")))
        .findFirst().orElseThrow(() -> new AssertionError(name + " is not in the " + list + " of " + view.encode()));
  }

  private static String holderName(JsonObject lease) {
    JsonObject holder = lease.getJsonObject("holder");
    return holder == null ? null : holder.getString("name");
  }

  private static String order(String id) {
    return "{\"clientOrderId\":\"" + id + "\",\"symbol\":\"AAPL\",\"side\":\"BUY\",\"type\":\"MARKET\","
        + "\"quantity\":\"1\"}";
  }

  /** The trading node whose current run holds the trading core with its roles up; fails unless exactly one does. */
  private static ClusterNode coreHolder(List<ClusterNode> traders) {
    List<ClusterNode> holders = traders.stream().filter(n -> n.current().isAlive() && holdsCore(n)).toList();
    assertEquals(1, holders.size(), "one trading-core holder: " + holders.stream().map(n -> n.name).toList());
    return holders.get(0);
  }

  /**
   * From the node's lease lines in order: its roles started and it has not lost or given up the lease since (a lease
   * can change hands while a cluster forms on a loaded machine, so one "lost" line earlier in a run is no verdict).
   */
  private static boolean holdsCore(ClusterNode node) {
    boolean holds = false;
    for (String line : node.lines()) {
      if (line.contains(CORE_STARTED)) {
        holds = true;
      } else if (line.contains("lost trading-core") || line.contains("gave up trading-core")) {
        holds = false;
      }
    }
    return holds;
  }

  private static ClusterNode awaitCoreHolder(List<ClusterNode> traders, Duration timeout) throws Exception {
    return eventually(timeout, () -> coreHolder(traders));
  }

  private static long coreTerm(ClusterNode node) {
    long term = 0;
    for (String line : node.lines()) {
      Matcher m = CORE_TERM.matcher(line);
      if (m.find()) {
        term = Long.parseLong(m.group(1));
      }
    }
    return term;
  }

  /** The strategies the node's current run holds, from its lease lines in order. */
  private static Set<String> strategiesHeld(ClusterNode node) {
    Set<String> held = new TreeSet<>();
    for (String line : node.lines()) {
      Matcher m = STRATEGY_EVENT.matcher(line);
      if (m.find()) {
        if (m.group(1).equals("took over")) {
          held.add(m.group(2));
        } else {
          held.remove(m.group(2));
        }
      }
    }
    return held;
  }

  /** Both strategies placed, one on each trading node (two strategies, two {@code signal} nodes). */
  private static void awaitBalanced(List<ClusterNode> traders, Duration timeout) throws Exception {
    eventually(timeout, () -> {
      for (ClusterNode node : traders) {
        assertEquals(1, strategiesHeld(node).size(), node.name + " holds " + strategiesHeld(node));
      }
      assertNotEquals(strategiesHeld(traders.get(0)), strategiesHeld(traders.get(1)));
      return true;
    });
  }

  /** Every fill id acknowledged (stored, by the writer's reply) in any run of the trading nodes so far. */
  private static Set<String> ackedFills(List<ClusterNode> traders) {
    Set<String> ids = new LinkedHashSet<>();
    for (ClusterNode node : traders) {
      for (String line : node.allLines()) {
        int at = line.indexOf(ACKED_FILL);
        if (at >= 0) {
          ids.add(line.substring(at + ACKED_FILL.length()).trim());
        }
      }
    }
    return ids;
  }

  /** The first fill stored with {@code tsMicros >= fromMicros} (of {@code strategy}, unless null). */
  private static Fill awaitFill(ClusterNode storage, long fromMicros, String strategy, Duration timeout)
      throws Exception {
    return eventually(timeout, () -> {
      Optional<Fill> fill = storage.storedFills(fromMicros).stream()
          .filter(f -> strategy == null || f.strategy().equals(strategy)).findFirst();
      assertTrue(fill.isPresent(), "no fill" + (strategy == null ? "" : " of " + strategy) + " stored in "
          + storage.name + " since " + fromMicros);
      return fill.get();
    });
  }

  /** Retries the check until it passes or the time is up; then its last failure is the test's. */
  private static <T> T eventually(Duration timeout, Callable<T> check) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return check.call();
      } catch (AssertionError | IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      Thread.sleep(100);
    }
  }

  private static Matcher match(Pattern pattern, String line) {
    Matcher m = pattern.matcher(line);
    if (!m.find()) {
      fail(pattern + " in " + line);
    }
    return m;
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  private static long millis(Instant from, Instant to) {
    return Duration.between(from, to).toMillis();
  }
}
