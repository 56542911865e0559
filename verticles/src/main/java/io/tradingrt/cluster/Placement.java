package io.tradingrt.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where each strategy should run: every node computes the same answer from the same inputs (the strategies and, for
 * each, the live members that may run it), so no coordinator is needed; the leases then make sure a strategy runs
 * at most once while nodes disagree for a moment. Balanced: each strategy goes to the eligible member with the
 * fewest strategies so far; ties go to the member that ranks highest for that strategy by a fixed hash, so one
 * node joining or leaving moves few strategies.
 */
public final class Placement {

  private Placement() {
  }

  /** @param eligible strategy name → ids of the live members that may run it; the answer maps name → member id */
  public static SortedMap<String, String> assign(Map<String, List<String>> eligible) {
    SortedMap<String, String> placed = new TreeMap<>();
    Map<String, Integer> load = new HashMap<>();
    for (String strategy : new TreeMap<>(eligible).keySet()) {
      List<String> candidates = new ArrayList<>(eligible.get(strategy));
      if (candidates.isEmpty()) {
        continue;
      }
      candidates.sort((a, b) -> {
        int byLoad = Integer.compare(load.getOrDefault(a, 0), load.getOrDefault(b, 0));
        if (byLoad != 0) {
          return byLoad;
        }
        int byRank = Long.compare(rank(strategy, b), rank(strategy, a));
        return byRank != 0 ? byRank : a.compareTo(b);
      });
      String chosen = candidates.get(0);
      placed.put(strategy, chosen);
      load.merge(chosen, 1, Integer::sum);
    }
    return placed;
  }

  /** A fixed, well-mixed number for a (strategy, member) pair (64-bit FNV-1a of both, then a finalizer). */
  static long rank(String strategy, String member) {
    long h = 0xcbf29ce484222325L;
    String key = strategy + '\u0000' + member;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
