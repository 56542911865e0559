package io.tradingrt.http;

import io.tradingrt.edge.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.backends.BackendRegistries;

/** {@code /metrics}: the Prometheus text of the one registry, or a JSON 503 when the runtime runs without metrics. */
final class PrometheusEndpoint {

  private PrometheusEndpoint() {
  }

  static void scrape(RoutingContext ctx) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
      throw new ApiException(ErrorCode.METRICS_DISABLED, "this runtime was started without the Prometheus registry");
    }
    ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(prometheus.scrape());
  }
}
