package io.tradingrt.launcher;

import io.tradingrt.backtest.BacktestSpec;
import io.tradingrt.backtest.ClusterSweepRunner;
import io.tradingrt.backtest.LocalSweepRunner;
import io.tradingrt.backtest.Recordings;
import io.tradingrt.backtest.Sweep;
import io.tradingrt.backtest.SweepGrid;
import io.tradingrt.backtest.TickData;
import io.tradingrt.backtest.TickRange;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.testing.RuntimeProcess;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sweeps across nodes (issue 12, item 5): three real {@code runtime.jar -cluster} processes holding only the
 * {@code backtest} role, and this test as a member without roles sending the sweep's jobs through
 * {@link ClusterSweepRunner}. The grid spreads over the nodes, ranks exactly as the local sweep does, and still
 * completes when one of the nodes is killed in the middle of a sweep. Hazelcast ports 19620–19625, no other test's.
 */
class ClusterSweepIT {
  private static final String GRID = "{\"momentum\": {\"fast\": [2, 3, 4, 5], \"slow\": [10, 20]}, "
      + "\"meanrev\": {\"entryZ\": [\"1\", \"1.5\"]}}";

  @Test
  void aGridSpreadOverBacktestNodesRanksAsTheLocalSweepAndSurvivesANodeKilledMidway(@TempDir Path dir)
      throws Exception {
    Map<String, String> env = ClusterNode.clusterEnv("sweep-it", 19620);
    TickData data = new TickData("csv", Recordings.csv(dir.resolve("ticks.csv"), 60_000, 10_000).toString(),
        new TickRange(Long.MIN_VALUE, Long.MAX_VALUE, Set.of()));
    BacktestSpec spec = BacktestSpec.of(RuntimeSettings.of("{\"ingest\":{\"volatilityBps\":20}}"));
    List<SweepGrid.ParameterSet> sets = SweepGrid.parse(GRID);
    assertEquals(16, sets.size());

    Map<String, RuntimeProcess> nodes = new HashMap<>();
    Vertx member = null;
    try {
      for (String name : List.of("bt-1", "bt-2", "bt-3")) {
        String conf = "{\"roles\": [\"backtest\"], \"cluster\": {\"nodeName\": \"" + name + "\"}}";
        nodes.put(name, RuntimeProcess.start(name, dir, env, List.of("-Xmx384m"), "-cluster", "-conf", conf));
      }
      for (var node : nodes.entrySet()) {
        node.getValue().awaitLine(l -> l.contains("backtest: " + node.getKey() + " runs sweep jobs"),
            Duration.ofSeconds(120));
        node.getValue().awaitLine(l -> l.contains("started roles [backtest]"), Duration.ofSeconds(60));
      }
      member = Vertx.builder().withClusterManager(new HazelcastClusterManager(ClusterSetup.hazelcastConfig(env)))
          .buildClustered().await(120, TimeUnit.SECONDS);
      var manager = (HazelcastClusterManager) ((io.vertx.core.internal.VertxInternal) member).clusterManager();
      assertEquals(4, manager.getNodes().size(), "three backtest nodes and this member are one cluster");

      List<Sweep.Run> local = new LocalSweepRunner(2).run(spec, sets, data::open, (d, of, t) -> { });
      List<Sweep.Run> spread = new ClusterSweepRunner(member, data, 6, 600_000, 3).run(spec, sets, data::open,
          (d, of, t) -> { });
      assertSameRanking(local, spread);
      Set<String> ran = Set.copyOf(spread.stream().map(Sweep.Run::node).toList());
      assertTrue(ran.size() >= 2 && Set.of("bt-1", "bt-2", "bt-3").containsAll(ran),
          "the sets ran on more than one backtest node: " + ran);

      // again, killing bt-3 once a few sets are done: it leaves the cluster, and the jobs it took are sent again (the
      // outcome time-out is far above any run's, so only its leaving or a missing "taken" answer can resend them)
      AtomicBoolean killed = new AtomicBoolean();
      List<String> resent = new java.util.concurrent.CopyOnWriteArrayList<>();
      Logger runnerLog = Logger.getLogger(ClusterSweepRunner.class.getName());
      Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
          resent.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
      };
      runnerLog.addHandler(capture);
      RuntimeProcess victim = nodes.get("bt-3");
      List<Sweep.Run> survived = new ClusterSweepRunner(member, data, 6, 600_000, 3).run(spec, sets, data::open,
          (done, of, ticks) -> {
            if (done >= 3 && killed.compareAndSet(false, true)) {
              new Thread(() -> {
                try {
                  victim.kill9();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }, "kill-bt-3").start();
            }
          });
      assertTrue(killed.get(), "bt-3 was killed during the sweep");
      assertFalse(victim.isAlive());
      // a job bt-3 had taken is sent again when it leaves the cluster; one sent to it in its last moments, before
      // it could say it took it, is sent again when that answer does not come (seen on a loaded CI machine, where
      // bt-3 had no job taken at the instant it died): either way bt-3's work is run elsewhere
      assertTrue(resent.stream().anyMatch(l -> l.contains("is sent again (its node left the cluster)")
              || l.contains("is sent again (no node said it took the job in time)")),
          "the jobs sent to bt-3 were sent again: " + resent);
      assertSameRanking(local, survived);
      runnerLog.removeHandler(capture);
      List<String> after = new ArrayList<>(survived.stream().map(Sweep.Run::node).toList());
      assertTrue(after.contains("bt-1") && after.contains("bt-2"), "the survivors ran sets: " + after);
    } finally {
      if (member != null) {
        member.close().await(30, TimeUnit.SECONDS);
      }
      for (RuntimeProcess node : nodes.values()) {
        node.close();
      }
    }
  }

  /** The same sets in the same ranks with equal results: each run is deterministic wherever it ran. */
  private static void assertSameRanking(List<Sweep.Run> local, List<Sweep.Run> spread) {
    assertEquals(local.stream().map(r -> r.parameters().label()).toList(),
        spread.stream().map(r -> r.parameters().label()).toList(), "the ranking");
    for (int i = 0; i < local.size(); i++) {
      assertEquals(local.get(i).result(), spread.get(i).result(), "rank " + (i + 1) + " ran on "
          + spread.get(i).node());
    }
  }
}
