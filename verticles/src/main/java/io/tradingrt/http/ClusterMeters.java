package io.tradingrt.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster as Prometheus figures, from this node's {@code cluster.view}: members, each singleton held (1/0) and its
 * term, the required singletons missing, strategies per node and unplaced. Only {@code tradingrt_cluster_view_answered}
 * is always there; the others exist while the view answers and vanish when it stops, so a scrape never shows a
 * holder from a view this node no longer has. Called on the event loop; a scrape only reads the atomics.
 */
final class ClusterMeters {
  private final MeterRegistry registry;
  private final AtomicLong answered = new AtomicLong();
  private final Meter answeredMeter;
  private final Map<Key, Series> series = new HashMap<>();

  /** One series: a meter name and at most one tag. */
  private record Key(String name, String tag, String tagValue) {
    static Key of(String name) {
      return new Key(name, null, null);
    }
  }

  private record Series(Meter meter, AtomicLong value) {
  }

  ClusterMeters(MeterRegistry registry) {
    this.registry = registry;
    answeredMeter = Gauge.builder("tradingrt.cluster.view.answered", answered, AtomicLong::get)
        .description("1 when this node's cluster.view answered at the last poll, 0 otherwise").register(registry);
  }

  /** The latest view; an unreadable one counts as no answer. */
  void onView(JsonObject view) {
    Map<Key, Long> next = new HashMap<>();
    try {
      next.put(Key.of("tradingrt.cluster.members"), (long) ClusterView.members(view));
      next.put(Key.of("tradingrt.cluster.missing"), (long) ClusterView.missing(view).size());
      ClusterView.holders(view).forEach((name, holder) ->
          next.put(new Key("tradingrt.cluster.singleton.held", "singleton", name), holder == null ? 0L : 1L));
      ClusterView.terms(view).forEach((name, term) ->
          next.put(new Key("tradingrt.cluster.singleton.term", "singleton", name), term));
      ClusterView.strategiesByNode(view).forEach((node, count) ->
          next.put(new Key("tradingrt.cluster.strategies.held", "node", node), count));
      next.put(Key.of("tradingrt.cluster.strategies.unplaced"), ClusterView.strategiesUnplaced(view));
    } catch (IllegalArgumentException e) {
      onNoView();
      return;
    }
    answered.set(1);
    series.keySet().removeIf(k -> {
      boolean gone = !next.containsKey(k);
      if (gone) {
        registry.remove(series.get(k).meter());
      }
      return gone;
    });
    next.forEach((k, value) -> series.computeIfAbsent(k, this::register).value().set(value));
  }

  /** No answer: every series drawn from the view goes. */
  void onNoView() {
    answered.set(0);
    series.values().forEach(s -> registry.remove(s.meter()));
    series.clear();
  }

  void close() {
    onNoView();
    registry.remove(answeredMeter);
  }

  private Series register(Key key) {
    AtomicLong value = new AtomicLong();
    Gauge.Builder<AtomicLong> builder = Gauge.builder(key.name(), value, AtomicLong::get)
        .description(DESCRIPTIONS.get(key.name()));
    if (key.tag() != null) {
      builder.tag(key.tag(), key.tagValue());
    }
    return new Series(builder.register(registry), value);
  }

  private static final Map<String, String> DESCRIPTIONS = Map.of(
      "tradingrt.cluster.members", "members in this node's cluster view",
      "tradingrt.cluster.missing", "required singletons without a holder (readiness is DOWN while above 0)",
      "tradingrt.cluster.singleton.held", "1 while some node holds the singleton, 0 while nobody does",
      "tradingrt.cluster.singleton.term", "the singleton lease's fencing number: one more at every change of holder",
      "tradingrt.cluster.strategies.held", "strategies the node runs",
      "tradingrt.cluster.strategies.unplaced", "configured strategies no node runs");
}
