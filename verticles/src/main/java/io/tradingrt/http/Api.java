package io.tradingrt.http;

import io.tradingrt.codecs.json.ContractJson;
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
      throw new ApiException(400, "MISSING_PARAMETER", "the query parameter '" + name + "' is required");
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
      throw new ApiException(400, "INVALID_PARAMETER",
          "the query parameter '" + name + "' must be a whole number from " + min + " to " + max + ", got '"
              + value + "'");
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
            "STORAGE_UNAVAILABLE")));
  }

  /** The query parameters as the JsonObject a storage reader receives, numbers as numbers. */
  static JsonObject params(RoutingContext ctx) {
    JsonObject params = new JsonObject();
    ctx.queryParams().forEach(entry -> {
      String value = entry.getValue();
      try {
        params.put(entry.getKey(), Long.parseLong(value));
      } catch (NumberFormatException notANumber) {
        params.put(entry.getKey(), value);
      }
    });
    return params;
  }

  /** Sends a query's JSON reply on, whatever JSON shape the reader chose. */
  static void relay(RoutingContext ctx, Future<Object> reply) {
    reply.onSuccess(body -> ok(ctx, body instanceof JsonObject || body instanceof JsonArray ? body : json(body)))
        .onFailure(ctx::fail);
  }
}
