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
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code /health/live} (the process answers), {@code /health/ready} (the writer is healthy when this node's roles
 * include storage, ticks are arriving when they include ingest, the cluster is joined when clustered and no required
 * singleton is without a holder in this node's {@code cluster.view}) and {@code /health} (both). 200 when every check
 * passes, 503 otherwise, always with the checks in the body.
 * The checks are procedures of Vert.x's {@link HealthChecks} ({@code vertx-health-check}), grouped as {@code live/*}
 * and {@code ready/*}, so another verticle can add its own; the body keeps the runtime's shape
 * ({@code checks.writer.status} …, which the dashboard and scripts read) instead of the library's list of
 * {@code {id, status, data}}: see docs/http-and-bridges.md.
 */
final class Health {
  private static final long WRITER_TIMEOUT_MS = 1_000;
  /** A procedure that has not answered by then is DOWN (the library's default is 1 s, the writer's own timeout). */
  private static final long PROCEDURE_TIMEOUT_MS = 2_500;
  static final String LIVE = "live";
  static final String READY = "ready";

  private final Vertx vertx;
  private final HotState state;
  private final MicrosClock clock;
  private final boolean storageExpected;
  private final boolean feedExpected;
  private final long feedStaleMicros;
  private final HealthChecks checks;

  Health(Vertx vertx, HotState state, MicrosClock clock, boolean storageExpected, boolean feedExpected,
         long feedStaleMillis) {
    this.vertx = vertx;
    this.state = state;
    this.clock = clock;
    this.storageExpected = storageExpected;
    this.feedExpected = feedExpected;
    this.feedStaleMicros = feedStaleMillis * 1_000;
    this.checks = HealthChecks.create(vertx)
        .register(LIVE + "/process", promise -> promise.complete(Status.OK()))
        .register(READY + "/writer", PROCEDURE_TIMEOUT_MS, promise -> writer().onComplete(writer -> {
          JsonObject data = writer.result();
          promise.complete(status(!storageExpected || data.getBoolean("ready", false), data));
        }))
        .register(READY + "/feed", PROCEDURE_TIMEOUT_MS, promise -> promise.complete(feed()))
        .register(READY + "/cluster", PROCEDURE_TIMEOUT_MS, promise -> cluster().onComplete(cluster -> {
          JsonObject data = cluster.result();
          promise.complete(status("UP".equals(data.getString("status")), data));
        }))
        // details only: a HALT after a mismatch is the trading state's business, not the process's health
        .register(READY + "/recovery", PROCEDURE_TIMEOUT_MS, promise -> recovery().onComplete(recovery ->
            promise.complete(Status.OK(recovery.result()))));
  }

  /** The registry behind the routes: procedures registered here show up under {@code checks}. */
  HealthChecks checks() {
    return checks;
  }

  void mount(Router router) {
    router.get("/health/live").handler(ctx -> checks.checkStatus(LIVE).onComplete(live -> {
      boolean up = live.succeeded() && Boolean.TRUE.equals(live.result().getUp());
      Api.reply(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN"));
    }));
    router.get("/health/ready").handler(ctx -> checks.checkStatus(READY).onComplete(ready ->
        answer(ctx, ready.result(), null)));
    router.get("/health").handler(ctx -> {
      Future<CheckResult> ready = checks.checkStatus(READY);
      Future<CheckResult> live = checks.checkStatus(LIVE);
      Future.join(ready, live).onComplete(done -> answer(ctx, ready.result(),
          live.result() == null ? new CheckResult().setId(LIVE) : live.result()));
    });
  }

  private Status feed() {
    long sinceTick = clock.nowMicros() - state.lastTickArrivalMicros();
    boolean up = !feedExpected || state.lastTickArrivalMicros() > 0 && sinceTick <= feedStaleMicros;
    return status(up, new JsonObject().put("expected", feedExpected)
        .put("lastTickAgeMillis", state.lastTickArrivalMicros() == 0 ? null : sinceTick / 1_000));
  }

  private static Status status(boolean up, JsonObject data) {
    return up ? Status.OK(data) : Status.KO(data);
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

  /**
   * The runtime's body: {@code {status, checks:{writer, feed, cluster, recovery}}} with each check's data and its
   * {@code status}, and {@code live} beside them on {@code /health}. A procedure that failed or timed out is DOWN with
   * the library's reason in {@code detail}.
   */
  private static void answer(RoutingContext ctx, CheckResult ready, CheckResult live) {
    JsonObject checks = new JsonObject();
    boolean allUp = ready != null && Boolean.TRUE.equals(ready.getUp());
    if (ready != null && ready.getChecks() != null) {
      for (CheckResult check : ready.getChecks()) {
        JsonObject data = check.getData() == null ? new JsonObject() : check.getData().copy();
        if (data.containsKey("procedure-execution-failure")) {
          data = new JsonObject().put("detail", String.valueOf(data.getValue("cause")));
        }
        checks.put(check.getId(), data.put("status", Boolean.TRUE.equals(check.getUp()) ? "UP" : "DOWN"));
      }
    }
    JsonObject health = new JsonObject().put("status", allUp ? "UP" : "DOWN").put("checks", checks);
    if (live != null) {
      boolean liveUp = Boolean.TRUE.equals(live.getUp());
      health.put("live", new JsonObject().put("status", liveUp ? "UP" : "DOWN"));
      allUp &= liveUp;
      health.put("status", allUp ? "UP" : "DOWN");
    }
    Api.reply(ctx, allUp ? 200 : 503, health);
  }
}
