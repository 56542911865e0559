package io.tradingrt.http;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code /health/live} (the process answers), {@code /health/ready} (the writer is healthy when this node's roles
 * include storage, ticks are arriving when they include ingest, the cluster is joined when clustered and no required
 * singleton is without a holder in this node's {@code cluster.view}) and {@code /health} (both). 200 when every check
 * passes, 503 otherwise, always with the checks in the body.
 */
final class Health {
  private static final long WRITER_TIMEOUT_MS = 1_000;

  private final Vertx vertx;
  private final HotState state;
  private final MicrosClock clock;
  private final boolean storageExpected;
  private final boolean feedExpected;
  private final long feedStaleMicros;

  Health(Vertx vertx, HotState state, MicrosClock clock, boolean storageExpected, boolean feedExpected,
         long feedStaleMillis) {
    this.vertx = vertx;
    this.state = state;
    this.clock = clock;
    this.storageExpected = storageExpected;
    this.feedExpected = feedExpected;
    this.feedStaleMicros = feedStaleMillis * 1_000;
  }

  void mount(Router router) {
    router.get("/health/live").handler(ctx -> Api.ok(ctx, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(ctx -> ready().onSuccess(checks -> answer(ctx, checks)));
    router.get("/health").handler(ctx -> ready().onSuccess(checks -> {
      checks.put("live", new JsonObject().put("status", "UP"));
      answer(ctx, checks);
    }));
  }

  /** The writer's own health reply, or {@code configured:false} when this node has no storage role. */
  Future<JsonObject> writer() {
    if (!storageExpected) {
      return Future.succeededFuture(new JsonObject().put("configured", false));
    }
    return vertx.eventBus().request(Addresses.STORAGE_HEALTH, new JsonObject(),
            new DeliveryOptions().setSendTimeout(WRITER_TIMEOUT_MS))
        .map(reply -> reply.body() instanceof JsonObject body ? body.copy().put("configured", true)
            : new JsonObject().put("configured", true).put("ready", false).put("detail", "unreadable health reply"))
        .recover(failure -> Future.succeededFuture(new JsonObject().put("configured", true).put("ready", false)
            .put("detail", "the storage writer did not answer: " + failure.getMessage())));
  }

  /** The recovery report of this start, or {@code answered:false} when no risk role answers. */
  private Future<JsonObject> recovery() {
    return vertx.eventBus().<JsonObject>request(Addresses.RISK_RECOVERY, new JsonObject(),
            new DeliveryOptions().setSendTimeout(WRITER_TIMEOUT_MS))
        .map(reply -> {
          JsonObject report = reply.body();
          return new JsonObject().put("answered", true).put("consistent", report.getBoolean("consistent"))
              .put("state", report.getString("state")).put("line", report.getString("line"));
        })
        .otherwise(failure -> new JsonObject().put("answered", false).put("detail", failure.getMessage()));
  }

  /**
   * The cluster check: joined when clustered, and, when this node's {@code cluster.view} answers, its missing required
   * singletons and each singleton's holder. Nobody registered at {@code cluster.view} (a node without the lease
   * manager) is the check as it was; an answerer that times out, fails or answers garbage is DOWN.
   */
  private Future<JsonObject> cluster() {
    boolean joined = !vertx.isClustered() || ((VertxInternal) vertx).clusterManager().isActive();
    JsonObject check = new JsonObject().put("clustered", vertx.isClustered());
    return ClusterView.ask(vertx.eventBus()).map(view -> {
      List<String> missing = ClusterView.missing(view);
      JsonObject holders = new JsonObject(new LinkedHashMap<>(ClusterView.holders(view)));
      check.put("answered", true).put("missing", new JsonArray(missing)).put("holders", holders);
      if (!missing.isEmpty()) {
        check.put("detail", "no node holds the required " + String.join(", ", missing));
      }
      return check.put("status", joined && missing.isEmpty() ? "UP" : "DOWN");
    }).recover(failure -> {
      boolean nobody = failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
      return Future.succeededFuture(check.put("answered", failure instanceof IllegalArgumentException)
          .put("detail", "cluster.view: " + failure.getMessage()).put("status", nobody && joined ? "UP" : "DOWN"));
    });
  }

  private Future<JsonObject> ready() {
    return Future.all(writer(), recovery(), cluster()).map(all -> {
      JsonObject writer = all.resultAt(0);
      JsonObject recovery = all.resultAt(1);
      JsonObject cluster = all.resultAt(2);
      boolean writerUp = !storageExpected || writer.getBoolean("ready", false);
      long sinceTick = clock.nowMicros() - state.lastTickArrivalMicros();
      boolean clusterUp = "UP".equals(cluster.getString("status"));
      boolean feedUp = !feedExpected || state.lastTickArrivalMicros() > 0 && sinceTick <= feedStaleMicros;
      JsonObject checks = new JsonObject()
          .put("writer", writer.put("status", writerUp ? "UP" : "DOWN"))
          .put("feed", new JsonObject().put("expected", feedExpected).put("status", feedUp ? "UP" : "DOWN")
              .put("lastTickAgeMillis", state.lastTickArrivalMicros() == 0 ? null : sinceTick / 1_000))
          .put("cluster", cluster)
          // details only: a HALT after a mismatch is the trading state's business, not the process's health
          .put("recovery", recovery);
      return new JsonObject().put("status", writerUp && feedUp && clusterUp ? "UP" : "DOWN").put("checks", checks);
    });
  }

  private static void answer(RoutingContext ctx, JsonObject health) {
    JsonObject checks = health.getJsonObject("checks");
    if (checks.containsKey("live")) {
      health.put("live", checks.remove("live"));
    }
    Api.reply(ctx, "UP".equals(health.getString("status")) ? 200 : 503, health);
  }
}
