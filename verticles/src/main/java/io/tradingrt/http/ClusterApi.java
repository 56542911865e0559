package io.tradingrt.http;

import io.tradingrt.edge.ErrorCode;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.web.Router;

/** {@code GET /api/cluster}: this node's {@code cluster.view} as it answered (docs/cluster.md); 503 when none does. */
final class ClusterApi {
  private final EventBus bus;

  ClusterApi(EventBus bus) {
    this.bus = bus;
  }

  void mount(Router router) {
    router.get("/api/cluster").handler(ctx -> ClusterView.ask(bus)
        .onSuccess(view -> Api.ok(ctx, view))
        .onFailure(e -> ctx.fail(e instanceof IllegalArgumentException
            ? new ApiException(ErrorCode.UPSTREAM_FAILED, e.getMessage())
            : ApiErrors.fromBus(e, "the lease manager (cluster.view)", ErrorCode.CLUSTER_UNAVAILABLE))));
  }
}
