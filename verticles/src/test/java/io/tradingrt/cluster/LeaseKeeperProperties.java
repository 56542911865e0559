package io.tradingrt.cluster;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nodes contending for one lease through a shared compare-and-set cell, on one simulated clock, while they are
 * killed, frozen and cut off at random: never do two of them act at once (the fence), and once the faults are over
 * exactly one acts (failover happens). The cell stands for the Hazelcast map entry; membership as Hazelcast reports
 * it: a node that stopped answering is removed after a random detection delay, a killed one too.
 */
class LeaseKeeperProperties {
  private static final long MS = 1_000_000L;
  private static final long LEASE_MILLIS = 3_000;

  private static final class Node {
    final String id;
    final LeaseKeeper keeper;
    long nextPollNanos;
    boolean killed;
    long frozenUntil = Long.MIN_VALUE;
    long cutOffUntil = Long.MIN_VALUE;
    long silentSince = Long.MIN_VALUE;
    long detectNanos;

    Node(String id, long firstPoll) {
      this.id = id;
      this.keeper = new LeaseKeeper(id, "node-" + id, LEASE_MILLIS);
      this.nextPollNanos = firstPoll;
    }

    boolean frozen(long now) {
      return now < frozenUntil;
    }

    boolean cutOff(long now) {
      return now < cutOffUntil;
    }

    /** Whether the others see this node as a member at {@code now}. */
    boolean member(long now) {
      if (killed) {
        return now < silentSince + detectNanos;
      }
      boolean silent = frozen(now) || cutOff(now);
      return !silent || now < silentSince + detectNanos;
    }
  }

  @Property(tries = 300)
  void neverTwoActAtOnceAndOneActsOnceFaultsEnd(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int nodes) {
    Random random = new Random(seed);
    List<Node> all = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      all.add(new Node(Integer.toString(i), random.nextInt(500) * MS));
    }
    LeaseRecord[] cell = new LeaseRecord[1];
    trace.clear();
    long faultsEnd = 90_000 * MS;
    long end = faultsEnd + 30_000 * MS;
    long nextFault = 5_000 * MS;
    for (long now = 0; now < end; now += 10 * MS) {
      if (now >= nextFault && now < faultsEnd) {
        fault(random, all, now);
        nextFault = now + (1_000 + random.nextInt(8_000)) * MS;
      }
      for (Node node : all) {
        if (node.killed || node.frozen(now) || now < node.nextPollNanos) {
          continue;
        }
        node.nextPollNanos = now + (node.keeper.pollMillis() + random.nextInt(40)) * MS;
        poll(node, cell, all, now);
      }
      long now0 = now;
      long acting = all.stream().filter(n -> !n.killed && n.keeper.acting(now0)).count();
      assertTrue(acting <= 1, "two nodes act at once at " + now / MS + " ms (seed " + seed + "); last steps:\n"
          + String.join("\n", trace.subList(Math.max(0, trace.size() - 25), trace.size())));
    }
    long last = end - 10 * MS;
    assertEquals(1, all.stream().filter(n -> !n.killed && n.keeper.acting(last)).count(),
        "one node acts once the faults are over (seed " + seed + ")");
  }

  private void poll(Node node, LeaseRecord[] cell, List<Node> all, long now) {
    if (node.cutOff(now)) {
      apply(node, node.keeper.unreachable(now), cell, now);
      return;
    }
    LeaseRecord stored = cell[0];
    boolean holderIsMember = stored != null && all.stream()
        .anyMatch(n -> n.id.equals(stored.holderId()) && n.member(now));
    apply(node, node.keeper.decide(stored, holderIsMember, true, now), cell, now);
  }

  private final List<String> trace = new ArrayList<>();

  private void apply(Node node, LeaseKeeper.Decision decision, LeaseRecord[] cell, long now) {
    if (decision.step() != LeaseKeeper.Step.NONE && decision.step() != LeaseKeeper.Step.RENEW) {
      trace.add(now / MS + " ms: node " + node.id + " " + decision.step() + " " + decision.why() + " cell "
          + (cell[0] == null ? "-" : cell[0].encode()));
    }
    switch (decision.step()) {
      case ACQUIRE -> {
        if (same(cell[0], decision.expected())) {
          cell[0] = decision.next();
          node.keeper.acquired(decision.next(), now);
        }
      }
      case RENEW -> {
        if (same(cell[0], decision.expected())) {
          cell[0] = decision.next();
          node.keeper.renewed(decision.next(), now);
        }
      }
      case RELEASE -> {
        if (same(cell[0], decision.expected())) {
          cell[0] = decision.next();
        }
        node.keeper.released();
      }
      case LOST, NONE -> { }
    }
  }

  private static boolean same(LeaseRecord a, LeaseRecord b) {
    return a == null ? b == null : b != null && a.encode().equals(b.encode());
  }

  /** Kills (and replaces), freezes or cuts off a node, but leaves at least one node that is not killed. */
  private void fault(Random random, List<Node> all, long now) {
    Node node = all.get(random.nextInt(all.size()));
    if (node.killed) {
      return;
    }
    long detect = (200 + random.nextInt(4_800)) * MS;
    int kind = random.nextInt(3);
    trace.add(now / MS + " ms: fault " + kind + " on node " + node.id + " detected after " + detect / MS + " ms");
    switch (kind) {
      case 0 -> {
        if (all.stream().filter(n -> !n.killed).count() > 1) {
          node.killed = true;
          node.silentSince = now;
          node.detectNanos = detect;
          all.add(new Node("r" + all.size(), now + random.nextInt(3_000) * MS));
        }
      }
      case 1 -> {
        node.frozenUntil = now + (500 + random.nextInt(15_000)) * MS;
        node.silentSince = now;
        node.detectNanos = detect;
      }
      default -> {
        node.cutOffUntil = now + (500 + random.nextInt(15_000)) * MS;
        node.silentSince = now;
        node.detectNanos = detect;
      }
    }
  }
}
