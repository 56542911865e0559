package io.tradingrt.storage;

import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.config.StorageSettings;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.codecs.wire.ContractCodecs;
import io.tradingrt.storage.database.DuckDb;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tradingrt.storage.StorageFixtures.MONDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile tester's order of 2e10 shares: its DENIED event and a fill priced at 1e10 cannot be stored in
 * DECIMAL(18,8). Sent on the bus like any producer does, they are quarantined, everything sent with them is
 * committed, and the writer stays ready with failedCommits unchanged 10 s later.
 */
@ExtendWith(VertxExtension.class)
class QuarantineFlowTest {

  @Test
  void recordsThatCanNeverCommitAreQuarantinedAndTheWriterStaysHealthy(Vertx vertx, @TempDir Path dir)
      throws Exception {
    ContractCodecs.register(vertx);
    Path db = dir.resolve("poison.duckdb");
    StorageSettings config = RuntimeSettings.of("{\"storage\": {\"flushMillis\": 50}}").storage().forFile(db);
    String deployment = vertx.deployVerticle(new StorageWriterVerticle(config), new DeploymentOptions()
        .setThreadingModel(ThreadingModel.WORKER)).await(30, TimeUnit.SECONDS);

    OrderEvent denied = new OrderEvent("huge-1", "rest", "AAPL", Side.BUY, OrderType.MARKET, TimeInForce.DAY,
        OrderStatus.DENIED, Fixed.of(20_000_000_000L), null, Fixed.ZERO, Fixed.ZERO, ReasonCode.MAX_NOTIONAL_EXCEEDED,
        "too big", MONDAY);
    Fill pricey = new Fill("pricey-F1", "pricey", "rest", "AAPL", Side.BUY, Fixed.ONE, Fixed.of(10_000_000_000L),
        Fixed.ZERO, MONDAY);
    List<Future<?>> replies = new ArrayList<>();
    DeliveryOptions timeout = new DeliveryOptions().setSendTimeout(20_000);
    for (int i = 0; i < 5; i++) {
      replies.add(vertx.eventBus().request(Addresses.STORAGE_ORDER_EVENTS,
          StorageFixtures.orderEvent("ok-" + i, "MSFT", OrderStatus.ACCEPTED, "0", MONDAY + i), timeout));
      replies.add(vertx.eventBus().request(Addresses.STORAGE_FILLS,
          StorageFixtures.fill("ok-F" + i, "MSFT", "1", "101.5", MONDAY + i), timeout));
    }
    var poisonEvent = vertx.eventBus().request(Addresses.STORAGE_ORDER_EVENTS, denied, timeout);
    var poisonFill = vertx.eventBus().request(Addresses.STORAGE_FILLS, pricey, timeout);
    Future.all(replies).await(30, TimeUnit.SECONDS);
    // acknowledged as kept in quarantine: a producer that retried it would retry forever
    assertEquals("quarantined", poisonEvent.await(30, TimeUnit.SECONDS).headers()
        .get("storage-outcome"));
    assertEquals("quarantined", poisonFill.await(30, TimeUnit.SECONDS).headers()
        .get("storage-outcome"));

    JsonObject first = health(vertx);
    Thread.sleep(10_000);
    JsonObject later = health(vertx);
    assertTrue(later.getBoolean("ready"), later.encode());
    assertEquals(2L, later.getLong("quarantined"), later.encode());
    assertEquals(first.getLong("failedCommits"), later.getLong("failedCommits"), "no retries of the poison: "
        + later.encode());
    assertEquals(0L, later.getLong("failedCommits"), "a rejected record is not a failed commit: " + later.encode());
    vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);

    try (var c = DuckDb.open(db, "256MB", 1)) {
      assertEquals(5, StorageFixtures.count(c, "orders"));
      assertEquals(5, StorageFixtures.count(c, "trades"));
      assertEquals("fill:pricey-F1,order-event:huge-1/DENIED/0/" + MONDAY, StorageFixtures.scalar(c,
          "SELECT string_agg(kind || ':' || record_id, ',' ORDER BY kind) FROM dead_letters"));
      assertTrue(StorageFixtures.scalar(c, "SELECT record_json FROM dead_letters WHERE kind = 'fill'")
          .contains("\"price\":\"10000000000\""));
      assertTrue(StorageFixtures.scalar(c, "SELECT error FROM dead_letters WHERE kind = 'fill'")
          .contains("Conversion Error"));
    }
  }

  private static JsonObject health(Vertx vertx) throws Exception {
    return vertx.eventBus().<JsonObject>request(Addresses.STORAGE_HEALTH, "").await(10, TimeUnit.SECONDS).body();
  }
}
