package io.tradingrt.config;

import io.tradingrt.codecs.Fixed;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole configuration, typed and validated: one record per section of {@code conf/runtime.json}. Built once, at
 * start, by {@link ConfigLoader}; each role receives the sections it needs. {@code persist} is null by default: a
 * node then persists when it has the {@code storage} role.
 */
public record RuntimeSettings(List<String> roles, Boolean persist, IngestSettings ingest, BarsSettings bars,
                              Map<String, InstrumentSettings> instruments, List<StrategySettings> strategies,
                              RiskSettings risk, ExecutionSettings execution, PortfolioSettings portfolio,
                              StorageSettings storage, HttpSettings http, MetricsSettings metrics,
                              FixSettings fix, VenueSettings venue, ClusterSettings cluster) {
  public RuntimeSettings {
    roles = List.copyOf(roles);
    instruments = Map.copyOf(instruments);
    strategies = List.copyOf(strategies);
    Set<String> names = new HashSet<>();
    for (StrategySettings strategy : strategies) {
      if (!names.add(strategy.name())) {
        throw new IllegalArgumentException("two strategies are named '" + strategy.name() + "'");
      }
    }
  }

  /** The bundled defaults alone: what a node runs with no {@code -conf} and no environment. */
  public static RuntimeSettings defaults() {
    return ConfigLoader.load(Map.of(), Map.of());
  }

  /** The bundled defaults deep-merged with one JSON object (for tests: {@code of("{\"risk\":{…}}")}). */
  public static RuntimeSettings of(String overrideJson) {
    return ConfigLoader.load(ConfigLoader.parse(overrideJson, "override"), Map.of());
  }

  /** Whether orders, fills and positions go to a storage writer (on this node or elsewhere in the cluster). */
  public boolean persists() {
    return persists(false);
  }

  /** In a cluster the writer may run on another node, so {@code persist: null} means true there. */
  public boolean persists(boolean clustered) {
    return persist != null ? persist : clustered || roles.contains("storage");
  }

  /** Risk's starting equity is the portfolio's starting cash. */
  public Fixed initialCash() {
    return portfolio.initialCash();
  }

  public List<String> strategyNames() {
    return strategies.stream().map(StrategySettings::name).toList();
  }

  static RuntimeSettings read(ConfigNode n) {
    Map<String, InstrumentSettings> instruments = new LinkedHashMap<>();
    n.entries("instruments").forEach((symbol, node) -> instruments.put(symbol, node.read(InstrumentSettings::read)));
    return new RuntimeSettings(n.strings("roles"), n.optionalBool("persist"),
        n.object("ingest").read(IngestSettings::read), n.object("bars").read(BarsSettings::read), instruments,
        n.objects("strategies").stream().map(node -> node.read(StrategySettings::read)).toList(),
        n.object("risk").read(RiskSettings::read), n.object("execution").read(ExecutionSettings::read),
        n.object("portfolio").read(PortfolioSettings::read), n.object("storage").read(StorageSettings::read),
        n.object("http").read(HttpSettings::read), n.object("metrics").read(MetricsSettings::read),
        n.object("fix").read(FixSettings::read), n.object("venue").read(VenueSettings::read),
        n.object("cluster").read(ClusterSettings::read));
  }
}
