package io.tradingrt.launcher;

import io.tradingrt.cluster.LeaseKeeper;
import io.tradingrt.cluster.LeaseRecord;
import io.tradingrt.cluster.Placement;
import io.tradingrt.codecs.Addresses;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.config.StrategySettings;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Which node runs what, in a cluster: every singleton this node is eligible for (storage, the trading core, the
 * feed, bars, metrics) and every configured strategy is a lease in the Hazelcast map {@link #LEASES}; this node
 * polls its leases on a thread of its own, takes what is free, renews what it holds, starts the roles of a lease
 * it got and stops them when it loses or gives it up. Strategies are placed by {@link Placement} over the nodes
 * with the {@code signal} role; a node gives up a strategy the placement moved elsewhere. The decisions are made by
 * {@link LeaseKeeper}; this class does the I/O (compare-and-set on the map, deploy and undeploy) and keeps the view
 * answered on {@link Addresses#CLUSTER_VIEW}. Design and guarantees: docs/cluster.md.
 */
final class ClusterRoles {
  private static final Logger LOG = Logger.getLogger(ClusterRoles.class.getName());
  static final String LEASES = "trt.leases";
  static final String MEMBERS = "trt.members";
  private static final String STRATEGY = "strategy:";
  /** A lease whose roles failed to start is given up and not tried again on this node for this long. */
  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** One lease this node is eligible for, and the roles it runs while it holds it. */
  private final class Slot {
    final String key;
    final List<Roles.Role> roles;
    final StrategySettings strategy;
    final LeaseKeeper keeper;
    final List<String> deployments = new ArrayList<>();
    boolean starting;
    boolean paused;
    long retryAfterNanos;
    long freeSinceNanos = -1;

    Slot(String key, List<Roles.Role> roles, StrategySettings strategy) {
      this.key = key;
      this.roles = roles;
      this.strategy = strategy;
      this.keeper = new LeaseKeeper(selfId, selfName, settings.cluster().leaseMillis());
    }

    String label() {
      return strategy == null ? key : "strategy " + strategy.name();
    }
  }

  private final Vertx vertx;
  private final RuntimeSettings settings;
  private final HazelcastClusterManager manager;
  private final String selfId;
  private final String selfName;
  private final IMap<String, String> leases;
  private final IMap<String, String> members;
  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final ScheduledExecutorService loop;
  private final long joinedAtMillis = System.currentTimeMillis();
  private volatile JsonObject view;
  private volatile boolean stopping;
  private Future<Void> stopped;
  private final Map<String, Long> lastFailureLog = new HashMap<>();
  /** The last renewals' compare-and-set round trips, for the view: what a lease costs on this network. */
  private final long[] writeMicros = new long[64];
  private int writes;

  ClusterRoles(Vertx vertx, RuntimeSettings settings, HazelcastClusterManager manager) {
    this.vertx = vertx;
    this.settings = settings;
    this.manager = manager;
    HazelcastInstance hazelcast = manager.getHazelcastInstance();
    this.selfId = manager.getNodeId();
    this.selfName = nodeName(settings, hazelcast);
    this.leases = hazelcast.getMap(LEASES);
    this.members = hazelcast.getMap(MEMBERS);
    Set<String> roles = Set.copyOf(settings.roles());
    for (var singleton : Roles.SINGLETONS.entrySet()) {
      List<Roles.Role> its = Roles.ORDER.stream()
          .filter(r -> singleton.getValue().contains(r.name()) && roles.contains(r.name())).toList();
      if (!its.isEmpty()) {
        slots.put(singleton.getKey(), new Slot(singleton.getKey(), its, null));
      }
    }
    if (roles.contains("signal")) {
      for (StrategySettings strategy : settings.strategies()) {
        slots.put(STRATEGY + strategy.name(), new Slot(STRATEGY + strategy.name(), List.of(Roles.named("signal")),
            strategy));
      }
    }
    this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "trt-cluster-leases");
      t.setDaemon(true);
      return t;
    });
    this.view = buildView(Set.of(), Map.of(), Map.of());
  }

  /** This node's name: {@code cluster.nodeName}, or the host name and the Hazelcast port. */
  private static String nodeName(RuntimeSettings settings, HazelcastInstance hazelcast) {
    if (!settings.cluster().nodeName().isBlank()) {
      return settings.cluster().nodeName().trim();
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "node";
    }
    return host + ":" + hazelcast.getCluster().getLocalMember().getAddress().getPort();
  }

  String selfName() {
    return selfName;
  }

  /** The lease names this node may hold. */
  List<String> eligible() {
    return List.copyOf(slots.keySet());
  }

  JsonObject view() {
    return view;
  }

  /** Registers this node as a member and starts polling; the roles start as their leases are taken. */
  Future<Void> start() {
    manager.getHazelcastInstance().getLifecycleService().addLifecycleListener(event -> {
      if (event.getState() == LifecycleEvent.LifecycleState.MERGING) {
        mergedBack();
      }
    });
    Promise<Void> started = Promise.promise();
    loop.execute(() -> {
      try {
        JsonObject info = new JsonObject().put("name", selfName).put("roles", new JsonArray(settings.roles()))
            .put("strategies", new JsonArray(settings.roles().contains("signal") ? settings.strategyNames()
                : List.of()))
            .put("joinedAt", joinedAtMillis);
        members.set(selfId, info.encode());
        started.complete();
      } catch (RuntimeException e) {
        started.fail("cluster: cannot register this node: " + RuntimeHooks.oneLine(e));
        return;
      }
      long every = slots.values().stream().findFirst().map(s -> s.keeper.pollMillis())
          .orElse(settings.cluster().leaseMillis() / 6);
      loop.scheduleWithFixedDelay(this::pollSafely, 0, every, TimeUnit.MILLISECONDS);
    });
    return started.future();
  }

  private void pollSafely() {
    try {
      poll();
    } catch (RuntimeException e) {
      rateLimited("poll", "cluster: lease poll failed: " + RuntimeHooks.oneLine(e));
    }
  }

  private void poll() {
    if (stopping) {
      return;
    }
    Set<String> live = new HashSet<>(manager.getNodes());
    Map<String, JsonObject> infos = new HashMap<>();
    try {
      for (var entry : members.entrySet()) {
        if (live.contains(entry.getKey())) {
          infos.put(entry.getKey(), new JsonObject(entry.getValue()));
        } else if (!entry.getKey().equals(selfId)) {
          members.delete(entry.getKey());
        }
      }
    } catch (RuntimeException e) {
      rateLimited("members", "cluster: cannot read the members: " + RuntimeHooks.oneLine(e));
    }
    Map<String, String> placed = placement(infos);
    Map<String, LeaseRecord> stored = new HashMap<>();
    boolean readable = true;
    try {
      leases.entrySet().forEach(e -> stored.put(e.getKey(), LeaseRecord.decode(e.getValue())));
    } catch (RuntimeException e) {
      readable = false;
      rateLimited("leases", "cluster: cannot read the leases: " + RuntimeHooks.oneLine(e));
    }
    for (Slot slot : slots.values()) {
      try {
        if (readable) {
          step(slot, stored.get(slot.key), live, placed);
        } else {
          act(slot, slot.keeper.unreachable(System.nanoTime()), System.nanoTime());
        }
      } catch (RuntimeException e) {
        // a failed compare-and-set is not an answer: the holder's time runs out and it stops acting by itself
        rateLimited(slot.key, "cluster: lease " + slot.key + ": " + RuntimeHooks.oneLine(e));
      }
      noticePause(slot);
    }
    view = buildView(live, infos, readAgain(stored));
  }

  private Map<String, LeaseRecord> readAgain(Map<String, LeaseRecord> before) {
    Map<String, LeaseRecord> after = new HashMap<>(before);
    for (Slot slot : slots.values()) {
      if (slot.keeper.held() != null) {
        after.put(slot.key, slot.keeper.held());
      }
    }
    return after;
  }

  /** Strategy name → the member that should run it, computed alike on every node. */
  private Map<String, String> placement(Map<String, JsonObject> infos) {
    Map<String, List<String>> eligible = new HashMap<>();
    infos.forEach((id, info) -> {
      if (info.getJsonArray("roles", new JsonArray()).contains("signal")) {
        info.getJsonArray("strategies", new JsonArray()).forEach(name ->
            eligible.computeIfAbsent(String.valueOf(name), k -> new ArrayList<>()).add(id));
      }
    });
    return Placement.assign(eligible);
  }

  private void step(Slot slot, LeaseRecord stored, Set<String> live, Map<String, String> placed) {
    long now = System.nanoTime();
    boolean holderIsMember = stored != null && live.contains(stored.holderId());
    boolean backingOff = now - slot.retryAfterNanos < 0;
    boolean wanted = !backingOff && (slot.strategy == null
        || selfId.equals(placed.get(slot.strategy.name())) || !placed.containsKey(slot.strategy.name()));
    if (stored == null || stored.released() || !holderIsMember) {
      if (slot.freeSinceNanos < 0) {
        slot.freeSinceNanos = now;
      }
    } else if (!stored.holderId().equals(selfId)) {
      slot.freeSinceNanos = -1;
    }
    act(slot, slot.keeper.decide(stored, holderIsMember, wanted, now), now);
  }

  /** Logs once when a holder's time runs out (it is fenced, its roles wait) and once when it acts again. */
  private void noticePause(Slot slot) {
    boolean acting = slot.keeper.acting(System.nanoTime());
    boolean holding = slot.keeper.held() != null;
    if (holding && !acting && !slot.paused) {
      slot.paused = true;
      LOG.warning(() -> "cluster: " + selfName + " paused " + slot.label() + ": its lease was not renewed in time, so "
          + "it acts on nothing until a renewal succeeds");
    } else if (slot.paused && (acting || !holding)) {
      slot.paused = false;
      if (acting) {
        LOG.warning(() -> "cluster: " + selfName + " acts again on " + slot.label() + ": the lease was renewed");
      }
    }
  }

  private void act(Slot slot, LeaseKeeper.Decision decision, long now) {
    switch (decision.step()) {
      case NONE -> { }
      case ACQUIRE -> {
        boolean taken = decision.expected() == null
            ? leases.putIfAbsent(slot.key, decision.next().encode()) == null
            : leases.replace(slot.key, decision.expected().encode(), decision.next().encode());
        if (taken) {
          slot.keeper.acquired(decision.next(), now);
          long waited = slot.freeSinceNanos < 0 ? 0 : (now - slot.freeSinceNanos) / 1_000_000;
          slot.freeSinceNanos = -1;
          LOG.warning(() -> "cluster: " + selfName + " took over " + slot.label() + " (term " + decision.next().term()
              + ") " + decision.why() + (waited > 0 ? ", " + waited + " ms after it was free" : "")
              + "; starting roles " + slot.roles.stream().map(Roles.Role::name).toList());
          startRoles(slot, decision.next().term());
        }
      }
      case RENEW -> {
        boolean renewed = leases.replace(slot.key, decision.expected().encode(), decision.next().encode());
        writeMicros[writes++ % writeMicros.length] = (System.nanoTime() - now) / 1_000;
        if (renewed) {
          slot.keeper.renewed(decision.next(), now);
        }
      }
      case RELEASE -> {
        stopRoles(slot);
        leases.replace(slot.key, decision.expected().encode(), decision.next().encode());
        slot.keeper.released();
        LOG.info(() -> "cluster: " + selfName + " gave up " + slot.label() + " (term " + decision.expected().term()
            + "): " + decision.why());
      }
      case LOST -> {
        LOG.warning(() -> "cluster: " + selfName + " lost " + slot.label() + ": " + decision.why()
            + "; stopping roles " + slot.roles.stream().map(Roles.Role::name).toList());
        stopRoles(slot);
      }
    }
  }

  /** Deploys the slot's roles in start order; if the lease was lost meanwhile, they are stopped again. */
  private void startRoles(Slot slot, long term) {
    slot.starting = true;
    Future<Void> chain = Future.succeededFuture();
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    Roles.RoleContext context = new Roles.RoleContext(settings, settings.persists(true),
        () -> slot.keeper.acting(System.nanoTime()),
        slot.strategy == null ? settings.strategies() : List.of(slot.strategy));
    for (int stage : slot.roles.stream().map(Roles.Role::stage).distinct().sorted().toList()) {
      List<Roles.Role> together = slot.roles.stream().filter(r -> r.stage() == stage).toList();
      chain = chain.compose(v -> Future.all(together.stream().map(role -> vertx.deployVerticle(
              () -> role.factory().apply(context), role.options().apply(settings))
          .recover(t -> Future.failedFuture("role " + role.name() + " failed to start: " + RuntimeHooks.oneLine(t)))
          .onSuccess(ids::add)).toList()).mapEmpty());
    }
    chain.onComplete(result -> loop.execute(() -> {
      slot.starting = false;
      slot.deployments.addAll(ids);
      LeaseRecord held = slot.keeper.held();
      if (result.failed()) {
        LOG.severe(() -> "cluster: " + selfName + " could not start " + slot.label() + ": " + result.cause().getMessage()
            + "; giving it up for " + TimeUnit.NANOSECONDS.toSeconds(RETRY_NANOS) + " s");
        slot.retryAfterNanos = System.nanoTime() + RETRY_NANOS;
        stopRoles(slot);
      } else if (held == null || held.term() != term || stopping) {
        stopRoles(slot);
      } else {
        LOG.info(() -> "runtime: started roles " + slot.roles.stream().map(Roles.Role::name).toList() + " ("
            + slot.label() + ", term " + term + ")");
        if (slot.key.equals("trading-core")) {
          reportRecovery(term);
        }
      }
    }));
  }

  /** The line operators look for after a failover: who took over, and what the journal gave back. */
  private void reportRecovery(long term) {
    vertx.eventBus().<JsonObject>request(Addresses.RISK_RECOVERY, new JsonObject(),
            new DeliveryOptions().setSendTimeout(5_000))
        .onSuccess(reply -> LOG.info(() -> "cluster: " + selfName + " holds the trading core (term " + term + "); "
            + reply.body().getString("line", "")));
  }

  /** Undeploys the slot's roles in reverse start order and waits (this thread is the lease loop's own). */
  private void stopRoles(Slot slot) {
    List<String> ids = new ArrayList<>(slot.deployments);
    slot.deployments.clear();
    Collections.reverse(ids);
    for (String id : ids) {
      try {
        vertx.undeploy(id).await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warning(() -> "cluster: stopping a role of " + slot.label() + " failed: " + RuntimeHooks.oneLine(e));
      }
    }
  }

  /**
   * This node was cut off (frozen, partitioned) and the others went on without it; Hazelcast now merges it back. Its
   * leases are someone else's by now and Vert.x's view of the others' consumers on this node cannot be trusted after
   * a merge, so the node stops, with exit code {@value #MERGED_EXIT_CODE}: a supervisor (systemd, Kubernetes)
   * starts it again as a fresh standby. Fail-stop, rather than a node that looks alive and routes nowhere.
   */
  private void mergedBack() {
    if (stopping) {
      return;
    }
    stopping = true;
    slots.values().forEach(slot -> slot.keeper.released());
    LOG.severe(() -> "cluster: " + selfName + " was cut off from the cluster and is being merged back; its leases "
        + "belong to others by now, so it stops (exit code " + MERGED_EXIT_CODE + ") and should be started again");
    Thread exit = new Thread(() -> System.exit(MERGED_EXIT_CODE), "trt-cluster-exit");
    exit.setDaemon(false);
    exit.start();
  }

  /** The exit code of a node that was cut off from the cluster and stopped itself. */
  static final int MERGED_EXIT_CODE = 4;

  /** SIGTERM: stop polling, stop the roles (feeds first), give every lease up so a standby takes over at once. */
  synchronized Future<Void> stop() {
    if (stopped != null) {
      return stopped;
    }
    Promise<Void> done = Promise.promise();
    stopping = true;
    loop.execute(() -> {
      List<Slot> reverse = new ArrayList<>(slots.values());
      reverse.sort((a, b) -> Integer.compare(stageOf(b), stageOf(a)));
      for (Slot slot : reverse) {
        stopRoles(slot);
        LeaseRecord held = slot.keeper.held();
        if (held != null) {
          try {
            leases.replace(slot.key, held.encode(), held.release().encode());
          } catch (RuntimeException e) {
            LOG.warning(() -> "cluster: could not give up " + slot.label() + ": " + RuntimeHooks.oneLine(e));
          }
          slot.keeper.released();
        }
      }
      try {
        members.delete(selfId);
      } catch (RuntimeException ignored) {
        // the others remove a member that left
      }
      done.complete();
    });
    stopped = done.future().eventually(() -> {
      loop.shutdownNow();
      return Future.succeededFuture();
    });
    return stopped;
  }

  private static int stageOf(Slot slot) {
    return slot.roles.stream().mapToInt(Roles.Role::stage).min().orElse(0);
  }

  private JsonObject buildView(Set<String> live, Map<String, JsonObject> infos, Map<String, LeaseRecord> stored) {
    Map<String, JsonObject> shown = new LinkedHashMap<>();
    new TreeSet<>(infos.keySet()).forEach(id -> shown.put(id, infos.get(id)));
    if (!shown.containsKey(selfId)) {
      shown.put(selfId, new JsonObject().put("name", selfName).put("roles", new JsonArray(settings.roles()))
          .put("strategies", new JsonArray(settings.strategyNames())).put("joinedAt", joinedAtMillis));
    }
    Map<String, List<String>> holds = new HashMap<>();
    stored.forEach((key, lease) -> {
      if (lease != null && !lease.released() && (live.contains(lease.holderId()) || lease.holderId().equals(selfId))) {
        holds.computeIfAbsent(lease.holderId(), k -> new ArrayList<>()).add(key);
      }
    });
    JsonArray memberList = new JsonArray();
    shown.forEach((id, info) -> memberList.add(new JsonObject().put("id", id).put("name", info.getString("name"))
        .put("roles", info.getJsonArray("roles")).put("holds", new JsonArray(sorted(holds.get(id))))
        .put("joinedAt", Instant.ofEpochMilli(info.getLong("joinedAt", 0L)).toString())));
    JsonArray singletons = new JsonArray();
    JsonArray missing = new JsonArray();
    for (var singleton : Roles.SINGLETONS.entrySet()) {
      List<String> eligible = new ArrayList<>();
      shown.forEach((id, info) -> {
        if (singleton.getValue().stream().anyMatch(info.getJsonArray("roles", new JsonArray())::contains)) {
          eligible.add(info.getString("name"));
        }
      });
      boolean required = settings.cluster().required().contains(singleton.getKey());
      if (eligible.isEmpty() && !required && !stored.containsKey(singleton.getKey())) {
        continue;
      }
      JsonObject entry = lease(singleton.getKey(), stored.get(singleton.getKey()), live, shown)
          .put("roles", new JsonArray(singleton.getValue())).put("required", required)
          .put("eligible", new JsonArray(eligible));
      singletons.add(entry);
      if (required && entry.getValue("holder") == null) {
        missing.add(singleton.getKey());
      }
    }
    JsonArray strategies = new JsonArray();
    Map<String, List<String>> strategyEligible = new java.util.TreeMap<>();
    shown.forEach((id, info) -> {
      if (info.getJsonArray("roles", new JsonArray()).contains("signal")) {
        info.getJsonArray("strategies", new JsonArray()).forEach(name -> strategyEligible
            .computeIfAbsent(String.valueOf(name), k -> new ArrayList<>()).add(info.getString("name")));
      }
    });
    strategyEligible.forEach((name, eligible) -> strategies.add(lease(STRATEGY + name, stored.get(STRATEGY + name),
        live, shown).put("name", name).put("eligible", new JsonArray(eligible))));
    return new JsonObject().put("clustered", true)
        .put("node", new JsonObject().put("id", selfId).put("name", selfName)
            .put("leaseWriteMicrosP50", median(writeMicros, Math.min(writes, writeMicros.length))))
        .put("members", memberList).put("singletons", singletons).put("strategies", strategies)
        .put("missing", missing).put("leaseMillis", settings.cluster().leaseMillis());
  }

  private JsonObject lease(String key, LeaseRecord record, Set<String> live, Map<String, JsonObject> shown) {
    boolean held = record != null && !record.released()
        && (live.contains(record.holderId()) || record.holderId().equals(selfId));
    JsonObject holder = !held ? null : new JsonObject().put("id", record.holderId()).put("name",
        shown.containsKey(record.holderId()) ? shown.get(record.holderId()).getString("name") : record.holderName());
    return new JsonObject().put("name", key).put("holder", holder).put("term", record == null ? 0 : record.term())
        .put("since", record == null ? null : Instant.ofEpochMilli(record.sinceMillis()).toString());
  }

  private static Long median(long[] values, int count) {
    if (count == 0) {
      return null;
    }
    long[] copy = java.util.Arrays.copyOf(values, count);
    java.util.Arrays.sort(copy);
    return copy[count / 2];
  }

  private static List<String> sorted(List<String> list) {
    if (list == null) {
      return List.of();
    }
    List<String> copy = new ArrayList<>(list);
    Collections.sort(copy);
    return copy;
  }

  private void rateLimited(String kind, String line) {
    long now = System.nanoTime();
    Long last = lastFailureLog.get(kind);
    if (last == null || now - last > TimeUnit.SECONDS.toNanos(10)) {
      lastFailureLog.put(kind, now);
      LOG.warning(line);
    }
  }
}
