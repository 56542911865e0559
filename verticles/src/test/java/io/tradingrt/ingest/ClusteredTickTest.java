package io.tradingrt.ingest;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.codecs.wire.ContractCodecs;
import io.tradingrt.launcher.ClusterSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/** Two Vert.x nodes joined through the shipped cluster.xml (Hazelcast TCP-IP on loopback) in one JVM. */
class ClusteredTickTest {
  /** A cluster of our own: a developer's local cluster or a parallel build must not join this test. */
  private static final Map<String, String> ENV = Map.of("TRT_CLUSTER_NAME", "test-" + java.util.UUID.randomUUID());
  private Vertx a;
  private Vertx b;

  @Test
  void aTickPublishedOnOneNodeIsReceivedDecodedAndEqualOnTheOther() throws Exception {
    a = clustered();
    b = clustered();
    assertEquals(2, ((HazelcastClusterManager) ((io.vertx.core.internal.VertxInternal) a).clusterManager())
        .getNodes().size(), "both nodes in one cluster");
    Tick sent = new Tick("AAPL", 1_700_000_000_000_001L, Fixed.of("189.99"), Fixed.of("190.01"), Fixed.of(300),
        Fixed.of(100), Fixed.of("190.01"), Fixed.of(5), 42);
    CompletableFuture<Tick> single = new CompletableFuture<>();
    CompletableFuture<TickBatch> batch = new CompletableFuture<>();
    var tickConsumer = b.eventBus().<Tick>consumer("test.tick", m -> single.complete(m.body()));
    var batchConsumer = b.eventBus().<TickBatch>consumer(Addresses.MD_TICKS, m -> batch.complete(m.body()));
    Future.all(tickConsumer.completion(), batchConsumer.completion()).await(10, TimeUnit.SECONDS);

    a.eventBus().publish("test.tick", sent);
    a.eventBus().publish(Addresses.MD_TICKS, new TickBatch(List.of(sent, sent)));

    Tick received = single.get(10, TimeUnit.SECONDS);
    assertEquals(sent, received);
    assertNotSame(sent, received, "crossed the wire, so decoded");
    assertEquals(List.of(sent, sent), batch.get(10, TimeUnit.SECONDS).ticks());
  }

  private static Vertx clustered() throws Exception {
    Vertx vertx = Vertx.builder()
        .withClusterManager(new HazelcastClusterManager(ClusterSetup.hazelcastConfig(ENV)))
        .buildClustered().await(60, TimeUnit.SECONDS);
    ContractCodecs.register(vertx);
    return vertx;
  }

  @AfterEach
  void close() throws Exception {
    for (Vertx v : new Vertx[] {b, a}) {
      if (v != null) {
        v.close().await(20, TimeUnit.SECONDS);
      }
    }
  }
}
