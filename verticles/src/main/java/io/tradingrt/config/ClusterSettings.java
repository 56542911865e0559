package io.tradingrt.config;

import java.util.List;
import java.util.Set;

/**
 * The {@code cluster} section, used with {@code -cluster} only: this node's name in logs and views, the lease that
 * decides which node holds each singleton role, how many members the cluster needs before a lease may be taken or
 * kept (Hazelcast's split-brain protection; 2 for three nodes, so a node cut off alone stops acting), and which
 * singletons a cluster needs to trade (readiness).
 *
 * @param nodeName empty: the host name and the Hazelcast port
 */
public record ClusterSettings(String nodeName, long leaseMillis, long minimumMembers, List<String> required) {
  /** The singletons a node can be eligible for, by the name leases, views and logs use. */
  public static final Set<String> SINGLETONS = Set.of("storage", "trading-core", "ingest", "bars", "metrics");

  public ClusterSettings {
    required = List.copyOf(required);
    if (leaseMillis < 1_000 || leaseMillis > 60_000) {
      throw new IllegalArgumentException("leaseMillis must be 1000 to 60000, got " + leaseMillis);
    }
    if (minimumMembers < 1) {
      throw new IllegalArgumentException("minimumMembers must be at least 1, got " + minimumMembers);
    }
    for (String name : required) {
      if (!SINGLETONS.contains(name)) {
        throw new IllegalArgumentException("required names an unknown singleton '" + name + "' (known: "
            + SINGLETONS.stream().sorted().toList() + ")");
      }
    }
  }

  static ClusterSettings read(ConfigNode n) {
    return new ClusterSettings(n.text("nodeName"), n.integer("leaseMillis"), n.integer("minimumMembers"),
        n.strings("required"));
  }
}
