package io.tradingrt.edge;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.RiskControl;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.codecs.json.ContractJsonException;
import io.vertx.core.json.JsonObject;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Hand-written JSON from an edge (REST body, either bridge) into a contract record, validated once for all of them.
 * Fields a person typing an order cannot know (client order id, timestamp) or rarely cares about get defaults; the
 * rest is ContractJson's strict read. Values must also fit what storage holds (DECIMAL(18,8)) and names must be short
 * plain identifiers, so nothing accepted here can later poison the writer, a log line or a page. Every refusal is an
 * {@link InputException} with a stable code.
 */
public final class ContractInput {
  public static final int MAX_ID_LENGTH = 64;
  public static final int MAX_SYMBOL_LENGTH = 32;
  public static final int MAX_TEXT_LENGTH = 256;
  /** Letters, digits and the separators symbols and ids use in practice (BTC-USD, EUR/USD, ES.Z6, ns:id). */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/-]+");

  private ContractInput() {
  }

  public static OrderRequest order(JsonObject json, String defaultStrategy, long nowMicros) {
    exactDecimal(json, "quantity");
    exactDecimal(json, "limitPrice");
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
    OrderRequest order = read(filled, OrderRequest.class, ErrorCode.INVALID_ORDER);
    name("clientOrderId", order.clientOrderId(), MAX_ID_LENGTH);
    name("strategy", order.strategy(), MAX_ID_LENGTH);
    name("symbol", order.symbol(), MAX_SYMBOL_LENGTH);
    storable("quantity", order.quantity());
    if (order.limitPrice() != null) {
      storable("limitPrice", order.limitPrice());
    }
    return order;
  }

  public static RiskControl control(JsonObject json, String defaultReason, long nowMicros) {
    JsonObject filled = json.copy();
    putIfAbsent(filled, "reason", defaultReason);
    putIfAbsent(filled, "tsMicros", nowMicros);
    RiskControl control = read(filled, RiskControl.class, ErrorCode.INVALID_CONTROL);
    if (control.reason().length() > MAX_TEXT_LENGTH) {
      throw new InputException(ErrorCode.TEXT_TOO_LONG, "reason is " + control.reason().length()
          + " characters; at most " + MAX_TEXT_LENGTH + " are kept");
    }
    return control;
  }

  /**
   * Both edges parse the JSON before it gets here, and a JSON number with a fraction or an exponent has become a
   * binary double by then (1E+2 is 100.0, 0.1 is not 0.1): only strings and whole numbers arrive exact.
   */
  private static void exactDecimal(JsonObject json, String field) {
    if (json.getValue(field) instanceof Double || json.getValue(field) instanceof Float) {
      throw new InputException(ErrorCode.MALFORMED_DECIMAL, field
          + " is a JSON number with a fraction or exponent; send decimals as strings such as \"12.5\"");
    }
  }

  private static <T> T read(JsonObject json, Class<T> type, ErrorCode invalidCode) {
    try {
      return ContractJson.read(json.encode(), type);
    } catch (ContractJsonException e) {
      throw new InputException(e.code().equals(ContractJsonException.MALFORMED_DECIMAL) ? ErrorCode.MALFORMED_DECIMAL
          : invalidCode, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new InputException(invalidCode, e.getMessage());
    }
  }

  /** 1 to {@code maxLength} letters, digits or {@code . _ : / -}: the form of every id, name and symbol. */
  public static boolean isName(String value, int maxLength) {
    return value != null && !value.isEmpty() && value.length() <= maxLength && NAME.matcher(value).matches();
  }

  private static void name(String field, String value, int maxLength) {
    if (!isName(value, maxLength)) {
      throw new InputException(ErrorCode.INVALID_NAME, field + " must be 1 to " + maxLength
          + " letters, digits or . _ : / -, got " + (value.length() > maxLength ? value.length() + " characters"
          : "'" + Printable.escape(value) + "'"));
    }
  }

  private static void storable(String field, Fixed value) {
    if (!value.isStorable()) {
      throw new InputException(ErrorCode.VALUE_OUT_OF_RANGE, field + " " + value
          + " is outside what storage holds (at most 9999999999.99999999 in magnitude)");
    }
  }

  private static void putIfAbsent(JsonObject json, String key, Object value) {
    if (json.getValue(key) == null) {
      json.put(key, value);
    }
  }
}
