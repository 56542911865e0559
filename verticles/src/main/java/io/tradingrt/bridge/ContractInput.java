package io.tradingrt.bridge;

import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.RiskControl;
import io.tradingrt.codecs.json.ContractJson;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * Hand-written JSON from an edge (REST body, bridge message) into a contract record. Fields a person typing an order
 * cannot know (client order id, timestamp) or rarely cares about get defaults; the rest is ContractJson's strict read,
 * so bad input fails with its one-line message.
 */
public final class ContractInput {

  private ContractInput() {
  }

  public static OrderRequest order(JsonObject json, String defaultStrategy, long nowMicros) {
    JsonObject filled = json.copy();
    if (!filled.containsKey("clientOrderId")) {
      filled.put("clientOrderId", defaultStrategy + "-" + UUID.randomUUID());
    }
    putIfAbsent(filled, "strategy", defaultStrategy);
    putIfAbsent(filled, "type", filled.getValue("limitPrice") != null ? "LIMIT" : "MARKET");
    putIfAbsent(filled, "timeInForce", "GTC");
    putIfAbsent(filled, "reduceOnly", false);
    putIfAbsent(filled, "tsMicros", nowMicros);
    if (!filled.containsKey("limitPrice")) {
      filled.putNull("limitPrice");
    }
    return ContractJson.read(filled.encode(), OrderRequest.class);
  }

  public static RiskControl control(JsonObject json, String defaultReason, long nowMicros) {
    JsonObject filled = json.copy();
    putIfAbsent(filled, "reason", defaultReason);
    putIfAbsent(filled, "tsMicros", nowMicros);
    return ContractJson.read(filled.encode(), RiskControl.class);
  }

  private static void putIfAbsent(JsonObject json, String key, Object value) {
    if (json.getValue(key) == null) {
      json.put(key, value);
    }
  }
}
