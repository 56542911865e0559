package io.tradingrt.http;

import io.tradingrt.codecs.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This node's view of the cluster ({@link Addresses#CLUSTER_VIEW}, JSON as in docs/cluster.md), asked on this node
 * only, and the figures the edge reads from it. The readers throw {@link IllegalArgumentException} on a view that does
 * not have the documented shape, so a caller can say so instead of failing somewhere inside a handler.
 */
final class ClusterView {
  /** Like the writer's health: the view is answered from memory by this node's lease manager. */
  static final long TIMEOUT_MS = 1_000;

  private ClusterView() {
  }

  /** The view, or a failed future: no answerer (an old single node), a timeout, or a reply that is not an object. */
  static Future<JsonObject> ask(EventBus bus) {
    // local only: every node answers with its own view, and a clustered request would go to any node's answerer
    return bus.request(Addresses.CLUSTER_VIEW, new JsonObject(),
            new DeliveryOptions().setSendTimeout(TIMEOUT_MS).setLocalOnly(true))
        .compose(reply -> reply.body() instanceof JsonObject view ? Future.succeededFuture(view)
            : Future.failedFuture(new IllegalArgumentException("cluster.view answered with " + (reply.body() == null
                ? "nothing" : reply.body().getClass().getSimpleName()) + ", not a JSON object")));
  }

  /** The required singletons that have no holder. */
  static List<String> missing(JsonObject view) {
    List<String> missing = new ArrayList<>();
    for (Object name : array(view, "missing")) {
      missing.add(text(name, "missing"));
    }
    return missing;
  }

  /** Each singleton's name to its holder's name, {@code null} while nobody holds it; in the view's order. */
  static Map<String, String> holders(JsonObject view) {
    Map<String, String> holders = new LinkedHashMap<>();
    for (JsonObject singleton : objects(view, "singletons")) {
      holders.put(text(singleton.getValue("name"), "singletons[].name"), holderName(singleton));
    }
    return holders;
  }

  /** Each singleton's term (the lease's fencing number), 0 if there never was a holder. */
  static Map<String, Long> terms(JsonObject view) {
    Map<String, Long> terms = new LinkedHashMap<>();
    for (JsonObject singleton : objects(view, "singletons")) {
      terms.put(text(singleton.getValue("name"), "singletons[].name"), number(singleton.getValue("term")));
    }
    return terms;
  }

  static int members(JsonObject view) {
    return array(view, "members").size();
  }

  /** Each member's name to the number of strategies it holds; members holding none are listed with 0. */
  static Map<String, Long> strategiesByNode(JsonObject view) {
    Map<String, Long> byNode = new LinkedHashMap<>();
    for (JsonObject member : objects(view, "members")) {
      byNode.put(text(member.getValue("name"), "members[].name"), 0L);
    }
    for (JsonObject strategy : objects(view, "strategies")) {
      String holder = holderName(strategy);
      if (holder != null) {
        byNode.merge(holder, 1L, Long::sum);
      }
    }
    return byNode;
  }

  /** Strategies that no node runs at the moment. */
  static long strategiesUnplaced(JsonObject view) {
    return objects(view, "strategies").stream().filter(s -> holderName(s) == null).count();
  }

  private static String holderName(JsonObject entry) {
    Object holder = entry.getValue("holder");
    if (holder == null) {
      return null;
    }
    if (!(holder instanceof JsonObject object)) {
      throw new IllegalArgumentException("a holder is not an object or null: " + holder);
    }
    return text(object.getValue("name"), "holder.name");
  }

  private static JsonArray array(JsonObject view, String key) {
    Object value = view.getValue(key);
    if (value == null) {
      return new JsonArray();
    }
    if (!(value instanceof JsonArray array)) {
      throw new IllegalArgumentException("'" + key + "' is not an array");
    }
    return array;
  }

  private static List<JsonObject> objects(JsonObject view, String key) {
    List<JsonObject> objects = new ArrayList<>();
    for (Object entry : array(view, key)) {
      if (!(entry instanceof JsonObject object)) {
        throw new IllegalArgumentException("an entry of '" + key + "' is not an object");
      }
      objects.add(object);
    }
    return objects;
  }

  private static String text(Object value, String what) {
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException("'" + what + "' is not a string");
    }
    return s;
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }
}
