package io.tradingrt.launcher;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.codecs.wire.ContractCodecs;
import io.tradingrt.testing.RuntimeProcess;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real {@code java -jar runtime.jar -cluster} processes: node A runs only the feed, node B only the bar
 * aggregator. Bars can only exist if B received A's ticks, so a bar seen by this test (a third member) proves
 * A → B delivery across processes.
 */
class ClusterJarIT {

  @Test
  void twoJarProcessesFormOneClusterAndTicksFromOneBecomeBarsOnTheOther(@TempDir Path dir) throws Exception {
    String nodeA = "{\"roles\":[\"ingest\"],\"ingest\":{\"ticksPerSecond\":500,\"symbols\":[\"AAA\"]}}";
    String nodeB = "{\"roles\":[\"bars\"],\"bars\":{\"timeframes\":[\"1s\"]}}";
    Vertx probe = null;
    // a cluster of our own: a developer's local cluster or a parallel build must not join this test
    Map<String, String> env = Map.of("TRT_CLUSTER_NAME", "it-" + java.util.UUID.randomUUID());
    try (RuntimeProcess a = RuntimeProcess.start("node-a", dir, env, "-cluster", "-conf", nodeA);
         RuntimeProcess b = RuntimeProcess.start("node-b", dir, env, "-cluster", "-conf", nodeB)) {
      a.awaitLine(l -> l.contains("started roles [ingest]"), Duration.ofSeconds(90));
      b.awaitLine(l -> l.contains("started roles [bars]"), Duration.ofSeconds(90));

      probe = Vertx.builder()
          .withClusterManager(new HazelcastClusterManager(ClusterSetup.hazelcastConfig(env)))
          .buildClustered().await(60, TimeUnit.SECONDS);
      ContractCodecs.register(probe);
      var manager = (HazelcastClusterManager) ((io.vertx.core.internal.VertxInternal) probe).clusterManager();
      assertEquals(3, manager.getNodes().size(), "A, B and the probe are one cluster");

      CompletableFuture<Bar> bar = new CompletableFuture<>();
      CompletableFuture<TickBatch> ticks = new CompletableFuture<>();
      probe.eventBus().<Bar>consumer(Addresses.MD_BARS, m -> bar.complete(m.body())).completion()
          .await(10, TimeUnit.SECONDS);
      probe.eventBus().<TickBatch>consumer(Addresses.MD_TICKS, m -> ticks.complete(m.body())).completion()
          .await(10, TimeUnit.SECONDS);
      assertEquals("AAA", ticks.get(30, TimeUnit.SECONDS).ticks().get(0).symbol());
      Bar received = bar.get(30, TimeUnit.SECONDS);
      assertEquals("AAA", received.symbol());
      assertTrue(received.tradeCount() > 0);

      for (RuntimeProcess node : new RuntimeProcess[] {a, b}) {
        int exit = node.terminate(Duration.ofSeconds(5));
        assertTrue(exit == 143 || exit == 0, "SIGTERM stops the node within 5 s, exit " + exit);
        node.awaitLine(l -> l.contains("runtime: stopped"), Duration.ofSeconds(1));
        assertTrue(node.lines().stream().noneMatch(l -> l.startsWith("\tat ")), "no stack trace:\n" + node.lines());
      }
    } finally {
      if (probe != null) {
        probe.close().await(20, TimeUnit.SECONDS);
      }
    }
  }
}
