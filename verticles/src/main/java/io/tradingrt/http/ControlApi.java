package io.tradingrt.http;

import io.vertx.core.eventbus.ReplyException;
import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.ControlCommand;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.RiskControl;
import io.tradingrt.codecs.RiskDecision;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.bridge.ContractInput;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * Everything that changes state, each behind {@code Authorization: Bearer <token>}: submitting an order (to risk),
 * canceling one (to execution) and the operator's halt/reduce/resume/kill (to risk control).
 */
final class ControlApi {
  private static final long ORDER_TIMEOUT_MS = 5_000;
  private static final long BODY_LIMIT_BYTES = 64 * 1024;

  private final HotState state;
  private final EventBus bus;
  private final MicrosClock clock;
  private final byte[] token;
  private final Set<String> configuredSymbols;

  ControlApi(HotState state, EventBus bus, MicrosClock clock, String token, Set<String> configuredSymbols) {
    this.state = state;
    this.bus = bus;
    this.clock = clock;
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.configuredSymbols = configuredSymbols;
  }

  void mount(Router router) {
    // vertx-web wants the body handler first on a route; 64 KiB bounds what an unauthenticated client can send
    Handler<RoutingContext> body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES);
    router.post("/api/orders").handler(body).handler(this::authorize).handler(this::submit);
    router.delete("/api/orders/:id").handler(this::authorize).handler(this::cancel);
    router.post("/api/risk/:command").handler(body).handler(this::authorize).handler(this::control);
    router.post("/api/admin/backup").handler(body).handler(this::authorize).handler(this::backup);
  }

  /** Online backup by a storage reader (one consistent transaction); {@code runtime.jar backup DIR} calls this. */
  private void backup(RoutingContext ctx) {
    JsonObject request;
    try {
      request = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      throw new ApiException(400, "MALFORMED_JSON", "the body must be a JSON object like {\"dir\": \"/backups/x\"}");
    }
    if (request == null || request.getString("dir") == null || request.getString("dir").isBlank()) {
      throw new ApiException(400, "MISSING_DIR", "the body needs the target directory 'dir'");
    }
    bus.<JsonObject>request(Addresses.STORAGE_BACKUP, new JsonObject().put("dir", request.getString("dir")),
            new DeliveryOptions().setSendTimeout(30 * 60_000L))
        .onSuccess(reply -> Api.ok(ctx, reply.body()))
        .onFailure(e -> ctx.fail(new ApiException(e instanceof ReplyException r && r.failureCode() == 400 ? 400 : 503,
            "BACKUP_FAILED", e.getMessage())));
  }

  /** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
  private void authorize(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      throw new ApiException(401, "MISSING_TOKEN", "this request changes state and needs 'Authorization: Bearer <token>'");
    }
    byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      throw new ApiException(401, "INVALID_TOKEN", "the bearer token is not valid");
    }
    ctx.next();
  }

  private void submit(RoutingContext ctx) {
    OrderRequest order = readOrder(ctx.body().asString());
    if (!order.quantity().isPositive()) {
      throw new ApiException(422, "INVALID_QUANTITY", "quantity must be positive, got " + order.quantity());
    }
    if (order.limitPrice() != null && !order.limitPrice().isPositive()) {
      throw new ApiException(422, "INVALID_PRICE", "limitPrice must be positive, got " + order.limitPrice());
    }
    if (!configuredSymbols.isEmpty() && !configuredSymbols.contains(order.symbol())) {
      throw new ApiException(422, "UNKNOWN_SYMBOL", "the symbol '" + order.symbol() + "' is not traded on this runtime");
    }
    bus.<RiskDecision>request(Addresses.ORDERS_SUBMIT, order, new DeliveryOptions().setSendTimeout(ORDER_TIMEOUT_MS))
        .onSuccess(reply -> {
          RiskDecision decision = reply.body();
          JsonObject answer = new JsonObject().put("decision", Api.json(decision));
          if (decision.approved()) {
            ctx.response().putHeader("Location", "/api/orders/" + decision.clientOrderId());
            Api.reply(ctx, 201, answer);
          } else {
            ApiErrors.send(ctx, new ApiException(422, decision.reason().name(), decision.message(), answer));
          }
        })
        .onFailure(failure -> ctx.fail(ApiErrors.fromBus(failure, "risk", "RISK_UNAVAILABLE")));
  }

  /** Malformed JSON is reported with ContractJson's own message, so REST and bridges word it the same way. */
  private OrderRequest readOrder(String text) {
    if (text == null || text.isBlank()) {
      throw new ApiException(400, "MALFORMED_JSON", "the request body must be an OrderRequest JSON object");
    }
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException | ClassCastException notAnObject) {
      try {
        ContractJson.read(text, OrderRequest.class);
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, "MALFORMED_JSON", e.getMessage());
      }
      throw new ApiException(400, "MALFORMED_JSON", "the request body must be an OrderRequest JSON object");
    }
    try {
      return ContractInput.order(json, "manual", clock.nowMicros());
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "INVALID_ORDER", e.getMessage());
    }
  }

  private void cancel(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    OrderEvent known = state.order(id);
    if (known != null && known.status().isTerminal()) {
      throw new ApiException(409, "ORDER_NOT_OPEN", "the order '" + id + "' is already " + known.status());
    }
    bus.request(Addresses.EXEC_CANCEL, id, new DeliveryOptions().setSendTimeout(ORDER_TIMEOUT_MS))
        .onSuccess(reply -> Api.reply(ctx, 202, new JsonObject().put("clientOrderId", id)
            .put("result", reply.body() == null ? null : Api.json(reply.body()))))
        .onFailure(failure -> ctx.fail(ApiErrors.fromBus(failure, "execution", "EXECUTION_UNAVAILABLE")));
  }

  private void control(RoutingContext ctx) {
    ControlCommand command;
    try {
      command = ControlCommand.valueOf(ctx.pathParam("command").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, "UNKNOWN_COMMAND", "risk commands are halt, reduce, resume and kill");
    }
    String reason = "operator via HTTP";
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text != null && !text.isBlank()) {
      try {
        reason = new JsonObject(text).getString("reason", reason);
      } catch (DecodeException | ClassCastException e) {
        throw new ApiException(400, "MALFORMED_JSON", "the body, when present, must be {\"reason\": \"...\"}");
      }
    }
    RiskControl control = new RiskControl(command, reason, clock.nowMicros());
    bus.<RiskStateChange>request(Addresses.RISK_CONTROL, control, new DeliveryOptions().setSendTimeout(ORDER_TIMEOUT_MS))
        .onSuccess(reply -> {
          state.onRiskState(reply.body());
          Api.ok(ctx, Api.json(reply.body()));
        })
        .onFailure(failure -> ctx.fail(ApiErrors.fromBus(failure, "risk", "RISK_UNAVAILABLE")));
  }
}
