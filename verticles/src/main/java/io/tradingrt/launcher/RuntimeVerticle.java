package io.tradingrt.launcher;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.wire.ContractCodecs;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.storage.StorageWriterVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Deploys the configured roles in dependency order, stage by stage (storage first, feeds last; see {@link Roles}),
 * and undeploys them in reverse, so on
 * SIGTERM the feeds stop before the strategies and the writer flushes last. Vert.x undeploys child deployments all
 * at once before a parent's {@code stop()}, so the ordered stop is requested first, on {@link #STOP_ROLES}, by the
 * launcher's shutdown hook.
 */
public final class RuntimeVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(RuntimeVerticle.class.getName());

  /** Local-only address: undeploy the roles one by one in reverse start order, reply when done. */
  public static final String STOP_ROLES = "runtime.stop-roles";

  private final Deque<String> deployed = new ArrayDeque<>();
  /** In one process, the order path's roles on one event loop; null in a cluster. */
  private SharedLoop sharedLoop;
  private final RuntimeSettings settings;
  private ClusterRoles cluster;

  public RuntimeVerticle(RuntimeSettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    ContractCodecs.register(vertx);
    Set<String> wanted = Set.copyOf(settings.roles());
    for (String role : wanted) {
      if (Roles.ORDER.stream().noneMatch(r -> r.name().equals(role))) {
        return Future.failedFuture("unknown role '" + role + "' in roles (known: "
            + Roles.ORDER.stream().map(Roles.Role::name).toList() + ")");
      }
    }
    List<Roles.Role> toDeploy = Roles.ORDER.stream().filter(r -> wanted.contains(r.name())).toList();
    vertx.eventBus().<Object>localConsumer(STOP_ROLES, m -> stopRoles().onComplete(v -> m.reply(true)));
    OrderPathWarmup.startIfTrading(settings);
    if (vertx.isClustered()) {
      return startClustered(wanted, toDeploy);
    }
    JsonObject single = singleNodeView(toDeploy);
    vertx.eventBus().<Object>localConsumer(Addresses.CLUSTER_VIEW, m -> m.reply(single));
    return deployInStages(toDeploy, Roles.RoleContext.single(settings), true)
        .onSuccess(v -> LOG.info("runtime: started roles " + toDeploy.stream().map(Roles.Role::name).toList()
            + " on the " + transport() + " transport" + sharedLine()));
  }

  /**
   * In a cluster the roles listed are the roles this node is eligible for: {@code http} and {@code bridge} start at
   * once, every other role when this node takes its lease ({@link ClusterRoles}).
   */
  private Future<?> startClustered(Set<String> wanted, List<Roles.Role> toDeploy) {
    List<String> core = Roles.SINGLETONS.get("trading-core");
    if (core.stream().anyMatch(wanted::contains) && !wanted.containsAll(core)) {
      return Future.failedFuture("in a cluster the trading core runs as one: list " + String.join(", ", core)
          + " together (missing: " + core.stream().filter(r -> !wanted.contains(r)).toList() + ")");
    }
    var manager = (io.vertx.spi.cluster.hazelcast.HazelcastClusterManager)
        ((io.vertx.core.internal.VertxInternal) vertx).clusterManager();
    cluster = new ClusterRoles(vertx, settings, manager);
    vertx.eventBus().<Object>localConsumer(Addresses.CLUSTER_VIEW, m -> m.reply(cluster.view()));
    List<Roles.Role> everywhere = toDeploy.stream()
        .filter(r -> Roles.singletonOf(r.name()) == null && !r.name().equals("signal")).toList();
    Roles.RoleContext context = new Roles.RoleContext(settings, settings.persists(true), () -> true, List.of());
    return deployInStages(everywhere, context, false).compose(v -> cluster.start())
        .onSuccess(v -> LOG.info("runtime: " + cluster.selfName() + " started roles "
            + everywhere.stream().map(Roles.Role::name).toList() + " on the " + transport()
            + " transport; eligible for " + cluster.eligible()));
  }

  /** @param shareLoop whether the order path's roles of a stage ({@link Roles#ORDER_PATH}) share one event loop */
  private Future<Void> deployInStages(List<Roles.Role> toDeploy, Roles.RoleContext context, boolean shareLoop) {
    Future<Void> chain = Future.succeededFuture();
    for (int stage : toDeploy.stream().map(Roles.Role::stage).distinct().sorted().toList()) {
      List<Roles.Role> together = toDeploy.stream().filter(r -> r.stage() == stage).toList();
      List<Roles.Role> shared = shareLoop ? together.stream().filter(r -> Roles.ORDER_PATH.contains(r.name())).toList()
          : List.of();
      chain = chain.compose(v -> {
        List<Future<Void>> starts = new java.util.ArrayList<>();
        together.stream().filter(r -> shared.size() < 2 || !shared.contains(r))
            .forEach(r -> starts.add(deploy(r, context)));
        if (shared.size() >= 2) {
          starts.add(deployShared(shared, context).compose(done -> ticksToStorageAfterTheOrderPath()));
        }
        return Future.all(starts).mapEmpty();
      });
    }
    return chain;
  }

  /** The order path's roles as one deployment on one event loop; each part keeps its own failure message. */
  private Future<Void> deployShared(List<Roles.Role> roles, Roles.RoleContext context) {
    List<String> names = roles.stream().map(Roles.Role::name).toList();
    SharedLoop loop = new SharedLoop(names, roles.stream()
        .<io.vertx.core.Deployable>map(r -> r.factory().apply(context)).toList());
    return vertx.deployVerticle(loop, new DeploymentOptions())
        .map(id -> {
          sharedLoop = loop;
          deployed.push(id);
          return null;
        });
  }

  /**
   * The storage writer's ticks consumer registers again, after the shared loop's: a tick batch then wakes the order
   * path's thread first ({@link StorageWriterVerticle#REJOIN_TICKS}); without a storage role here, nothing to do.
   */
  private Future<Void> ticksToStorageAfterTheOrderPath() {
    return vertx.eventBus().request(StorageWriterVerticle.REJOIN_TICKS, "").<Void>mapEmpty()
        .recover(e -> e instanceof io.vertx.core.eventbus.ReplyException r
            && r.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS ? Future.succeededFuture()
            : Future.failedFuture("storage could not take ticks again: " + RuntimeHooks.oneLine(e)));
  }

  private String sharedLine() {
    return sharedLoop == null ? "" : "; " + String.join(", ", sharedLoop.names()) + " share one event loop";
  }

  private String transport() {
    return vertx.isNativeTransportEnabled() ? "epoll" : "NIO";
  }

  /** Without a cluster this process is the whole cluster: one member holding every role it runs, term 1. */
  private JsonObject singleNodeView(List<Roles.Role> roles) {
    String since = Instant.now().toString();
    JsonObject node = new JsonObject().put("id", "local").put("name", "local");
    Set<String> names = roles.stream().map(Roles.Role::name).collect(java.util.stream.Collectors.toSet());
    JsonArray holds = new JsonArray();
    JsonArray singletons = new JsonArray();
    JsonArray missing = new JsonArray();
    Roles.SINGLETONS.forEach((name, its) -> {
      boolean held = its.stream().anyMatch(names::contains);
      boolean required = settings.cluster().required().contains(name);
      if (held) {
        holds.add(name);
      } else if (required) {
        missing.add(name);
      }
      if (held || required) {
        singletons.add(new JsonObject().put("name", name).put("roles", new JsonArray(its)).put("required", required)
            .put("holder", held ? node.copy() : null).put("term", held ? 1 : 0).put("since", held ? since : null)
            .put("eligible", new JsonArray(held ? List.of("local") : List.of())));
      }
    });
    JsonArray strategies = new JsonArray();
    if (names.contains("signal")) {
      settings.strategyNames().forEach(name -> {
        holds.add("strategy:" + name);
        strategies.add(new JsonObject().put("name", name).put("holder", node.copy()).put("term", 1)
            .put("since", since).put("eligible", new JsonArray(List.of("local"))));
      });
    }
    JsonObject member = node.copy().put("roles", new JsonArray(settings.roles())).put("holds", holds)
        .put("joinedAt", since);
    return new JsonObject().put("clustered", false).put("node", node).put("members", new JsonArray().add(member))
        .put("singletons", singletons).put("strategies", strategies).put("missing", missing)
        .put("leaseMillis", settings.cluster().leaseMillis());
  }

  private Future<Void> deploy(Roles.Role role, Roles.RoleContext context) {
    DeploymentOptions options = role.options().apply(settings);
    return vertx.deployVerticle(() -> role.factory().apply(context), options)
        .recover(t -> Future.failedFuture("role " + role.name() + " failed to start: " + RuntimeHooks.oneLine(t)))
        .map(id -> {
          deployed.push(id);
          return null;
        });
  }

  private Future<Void> stopRoles() {
    Future<Void> chain = cluster == null ? Future.succeededFuture() : cluster.stop();
    while (!deployed.isEmpty()) {
      String id = deployed.pop();
      chain = chain.eventually(() -> vertx.undeploy(id).otherwiseEmpty());
    }
    return chain;
  }

  @Override
  public Future<?> stop() {
    return stopRoles();
  }
}
