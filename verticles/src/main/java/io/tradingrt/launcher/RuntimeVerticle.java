package io.tradingrt.launcher;

import io.tradingrt.codecs.wire.ContractCodecs;
import io.tradingrt.config.RuntimeSettings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

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
  private final RuntimeSettings settings;

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
    Future<Void> chain = Future.succeededFuture();
    for (int stage : toDeploy.stream().map(Roles.Role::stage).distinct().sorted().toList()) {
      List<Roles.Role> together = toDeploy.stream().filter(r -> r.stage() == stage).toList();
      chain = chain.compose(v -> Future.all(together.stream().map(this::deploy).toList()).mapEmpty());
    }
    return chain.onSuccess(v -> LOG.info("runtime: started roles " + toDeploy.stream().map(Roles.Role::name).toList()
        + " on the " + (vertx.isNativeTransportEnabled() ? "epoll" : "NIO") + " transport"));
  }

  private Future<Void> deploy(Roles.Role role) {
    DeploymentOptions options = role.options().apply(settings);
    return vertx.deployVerticle(() -> role.factory().apply(settings), options)
        .recover(t -> Future.failedFuture("role " + role.name() + " failed to start: " + RuntimeHooks.oneLine(t)))
        .map(id -> {
          deployed.push(id);
          return null;
        });
  }

  private Future<Void> stopRoles() {
    Future<Void> chain = Future.succeededFuture();
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
