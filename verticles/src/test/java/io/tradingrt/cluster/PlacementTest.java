package io.tradingrt.cluster;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every node computes the placement alone, so it must be the same answer for the same inputs, and balanced. */
class PlacementTest {

  @Property(tries = 300)
  void eachStrategyOnceOnAnEligibleMemberBalancedAndOrderFree(@ForAll @IntRange(min = 1, max = 40) int strategies,
                                                              @ForAll @IntRange(min = 1, max = 6) int members,
                                                              @ForAll long seed) {
    Random random = new Random(seed);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      ids.add(Long.toHexString(random.nextLong()));
    }
    Map<String, List<String>> everyone = new LinkedHashMap<>();
    for (int s = 0; s < strategies; s++) {
      everyone.put("strategy-" + s, ids);
    }
    Map<String, String> placed = Placement.assign(everyone);
    assertEquals(everyone.keySet(), placed.keySet(), "every strategy is placed once");
    Map<String, Integer> load = new HashMap<>();
    ids.forEach(id -> load.put(id, 0));
    placed.values().forEach(id -> load.merge(id, 1, Integer::sum));
    int max = Collections.max(load.values());
    int min = Collections.min(load.values());
    assertTrue(max - min <= 1, "balanced: " + load);

    Map<String, List<String>> shuffled = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(everyone.keySet());
    Collections.shuffle(names, random);
    for (String name : names) {
      List<String> its = new ArrayList<>(everyone.get(name));
      Collections.shuffle(its, random);
      shuffled.put(name, its);
    }
    assertEquals(placed, Placement.assign(shuffled), "the same answer whatever order the inputs come in");
  }

  @Property(tries = 200)
  void aStrategyGoesOnlyToAMemberThatMayRunIt(@ForAll long seed) {
    Random random = new Random(seed);
    List<String> ids = List.of("a", "b", "c");
    Map<String, List<String>> eligible = new HashMap<>();
    for (int s = 0; s < 12; s++) {
      List<String> its = new ArrayList<>();
      for (String id : ids) {
        if (random.nextBoolean()) {
          its.add(id);
        }
      }
      eligible.put("s" + s, its);
    }
    Map<String, String> placed = Placement.assign(eligible);
    eligible.forEach((name, its) -> {
      if (its.isEmpty()) {
        assertTrue(!placed.containsKey(name), name + " has nowhere to run");
      } else {
        assertTrue(its.contains(placed.get(name)), name + " placed on " + placed.get(name) + ", not in " + its);
      }
    });
  }
}
