package io.tradingrt.http;

import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.edge.ContractInput;
import io.tradingrt.edge.ErrorCode;
import io.tradingrt.edge.Printable;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** The small vocabulary every route uses: parameters, pages, record→JSON through ContractJson, bus queries. */
final class Api {
  static final int MAX_LIMIT = 1000;
  static final int DEFAULT_LIMIT = 100;
  static final long QUERY_TIMEOUT_MS = 5_000;

  private Api() {
  }

  /** A contract record (or a list of them) as Vert.x JSON, written by the one mapper. */
  static Object json(Object value) {
    return Json.decodeValue(ContractJson.write(value));
  }

  static void ok(RoutingContext ctx, Object body) {
    reply(ctx, 200, body);
  }

  static void reply(RoutingContext ctx, int status, Object body) {
    String text = body instanceof JsonObject o ? o.encode()
        : body instanceof JsonArray a ? a.encode() : Json.encode(body);
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(text);
  }

  static String required(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    if (value == null || value.isBlank()) {
      throw new ApiException(ErrorCode.MISSING_PARAMETER, "the query parameter '" + name + "' is required");
    }
    return value.trim();
  }

  static String optional(RoutingContext ctx, String name, String fallback) {
    String value = ctx.request().getParam(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  static long longParam(RoutingContext ctx, String name, long fallback, long min, long max) {
    String value = ctx.request().getParam(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed < min || parsed > max) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ApiException(ErrorCode.INVALID_PARAMETER,
          "the query parameter '" + name + "' must be a whole number from " + min + " to " + max + ", got '"
              + printable(value) + "'");
    }
  }

  /** {@code items} sliced by {@code limit}/{@code offset}, with the page info beside them. */
  static JsonObject page(RoutingContext ctx, List<?> items) {
    int limit = (int) longParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int offset = (int) longParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    List<?> slice = offset >= items.size() ? List.of() : items.subList(offset, Math.min(items.size(), offset + limit));
    JsonObject page = new JsonObject().put("limit", limit).put("offset", offset).put("returned", slice.size())
        .put("total", items.size());
    if (offset + slice.size() < items.size()) {
      page.put("nextOffset", offset + slice.size());
    }
    return new JsonObject().put("items", json(slice)).put("page", page);
  }

  /** Request/reply to a storage reader; no reader running becomes a 503 with a JSON error. */
  static Future<Object> query(EventBus bus, String address, JsonObject params) {
    return bus.request(address, params, new DeliveryOptions().setSendTimeout(QUERY_TIMEOUT_MS))
        .map(message -> (Object) message.body())
        .recover(failure -> Future.failedFuture(ApiErrors.fromBus(failure, "storage (" + address + ")",
            ErrorCode.STORAGE_UNAVAILABLE)));
  }

  /** The latest instant DuckDB's TIMESTAMP holds comfortably: 9999-12-31T23:59:59.999999Z, in epoch µs. */
  static final long MAX_TIME_MICROS = 253_402_300_799_999_999L;

  /**
   * The query parameters a storage reader understands, validated here so that no reader ever sees a value it cannot
   * convert: times as epoch microseconds or ISO-8601 instants, paging within bounds, names as plain identifiers.
   * Other parameters are ignored.
   */
  static JsonObject params(RoutingContext ctx) {
    JsonObject params = new JsonObject();
    for (String name : new String[] {"from", "to"}) {
      if (ctx.request().getParam(name) != null) {
        params.put(name, timeParam(ctx, name));
      }
    }
    for (String name : new String[] {"symbol", "strategy", "status"}) {
      String value = nameParam(ctx, name);
      if (value != null) {
        params.put(name, value);
      }
    }
    if (ctx.request().getParam("limit") != null) {
      params.put("limit", longParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
    }
    if (ctx.request().getParam("offset") != null) {
      params.put("offset", longParam(ctx, "offset", 0, 0, Integer.MAX_VALUE));
    }
    if (ctx.request().getParam("after") != null) {
      params.put("after", longParam(ctx, "after", 0, 0, Long.MAX_VALUE));
    }
    return params;
  }

  /** A time given as epoch microseconds or as an ISO-8601 instant such as {@code 2024-01-02T14:30:00Z}. */
  static long timeParam(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name).trim();
    long micros;
    try {
      if (value.chars().allMatch(c -> c >= '0' && c <= '9') && !value.isEmpty() && value.length() <= 18) {
        micros = Long.parseLong(value);
      } else {
        java.time.Instant instant = java.time.Instant.parse(value);
        micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
      }
    } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
      micros = -1;
    }
    if (micros < 0 || micros > MAX_TIME_MICROS) {
      throw new ApiException(ErrorCode.INVALID_PARAMETER, "the query parameter '" + name
          + "' must be epoch microseconds from 0 to " + MAX_TIME_MICROS + " or an ISO-8601 instant "
          + "(2024-01-02T14:30:00Z), got '" + printable(value) + "'");
    }
    return micros;
  }

  /** A symbol, strategy or status filter: a plain identifier, or null when absent. */
  static String nameParam(RoutingContext ctx, String name) {
    String value = optional(ctx, name, null);
    if (value != null && !ContractInput.isName(value, ContractInput.MAX_ID_LENGTH)) {
      throw new ApiException(ErrorCode.INVALID_PARAMETER, "the query parameter '" + name + "' must be 1 to "
          + ContractInput.MAX_ID_LENGTH + " letters, digits or . _ : / -");
    }
    return value;
  }

  /** Client text echoed in an error: control characters escaped and the length capped. */
  static String printable(String text) {
    String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
    return Printable.escape(shown);
  }

  /** Sends a query's JSON reply on, whatever JSON shape the reader chose. */
  static void relay(RoutingContext ctx, Future<Object> reply) {
    reply.onSuccess(body -> ok(ctx, body instanceof JsonObject || body instanceof JsonArray ? body : json(body)))
        .onFailure(ctx::fail);
  }
}
