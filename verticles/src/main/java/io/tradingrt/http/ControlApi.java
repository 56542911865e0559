package io.tradingrt.http;

import io.tradingrt.edge.ErrorCode;
import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.ControlCommand;
import io.tradingrt.codecs.Headers;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.RiskControl;
import io.tradingrt.codecs.RiskDecision;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.edge.ContractInput;
import io.tradingrt.edge.InputException;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Everything that changes state, each behind {@code Authorization: Bearer <token>}: submitting an order (to risk),
 * canceling one (to execution), flattening a position (to risk) and the operator's halt/reduce/resume/kill (to risk
 * control).
 */
final class ControlApi {
  private static final long ORDER_TIMEOUT_MS = 5_000;
  private static final long BODY_LIMIT_BYTES = 64 * 1024;

  private final HotState state;
  private final EventBus bus;
  private final MicrosClock clock;
  private final byte[] token;

  ControlApi(HotState state, EventBus bus, MicrosClock clock, String token) {
    this.state = state;
    this.bus = bus;
    this.clock = clock;
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  void mount(Router router) {
    // the token and the media type are checked on a route of their own, before any body is read or parsed: vertx-web
    // wants a body handler first on its route, and an unauthenticated client must not make the server parse a form
    router.post("/api/*").handler(this::authorize).handler(ControlApi::jsonOnly);
    router.delete("/api/*").handler(this::authorize);
    Handler<RoutingContext> body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES);
    router.post("/api/orders").handler(body).handler(this::submit);
    router.delete("/api/orders/:id").handler(this::cancel);
    router.post("/api/risk/:command").handler(body).handler(this::control);
    router.post("/api/positions/:symbol/flatten").handler(body).handler(this::flatten);
    router.post("/api/admin/backup").handler(body).handler(this::backup);
  }

  /** A body, when there is one, must be JSON: anything else is refused before it is read. */
  private static void jsonOnly(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    boolean hasBody = ctx.request().getHeader("Transfer-Encoding") != null
        || !"0".equals(ctx.request().getHeader("Content-Length")) && ctx.request().getHeader("Content-Length") != null;
    if (hasBody && (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
      throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
    }
    ctx.next();
  }

  /** Online backup by a storage reader (one consistent transaction); {@code runtime.jar backup DIR} calls this. */
  private void backup(RoutingContext ctx) {
    JsonObject request;
    try {
      request = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      throw new ApiException(ErrorCode.MALFORMED_JSON, "the body must be a JSON object like {\"dir\": \"/backups/x\"}");
    }
    if (request == null || !(request.getValue("dir") instanceof String dir) || dir.isBlank()) {
      throw new ApiException(ErrorCode.MISSING_DIR, "the body needs the backup's name 'dir' (a directory under the "
          + "backup root, storage.backupRoot)");
    }
    bus.<JsonObject>request(Addresses.STORAGE_BACKUP, new JsonObject().put("dir", dir),
            new DeliveryOptions().setSendTimeout(30 * 60_000L))
        .onSuccess(reply -> Api.ok(ctx, reply.body()))
        .onFailure(e -> ctx.fail(backupFailure(e)));
  }

  /** The reader says 400 (a refused path) or 409 (the backup exists); anything else is the storage being unable. */
  private static ApiException backupFailure(Throwable e) {
    if (e instanceof ReplyException reply && (reply.failureCode() == 400 || reply.failureCode() == 409)) {
      return new ApiException(reply.failureCode() == 409 ? ErrorCode.BACKUP_EXISTS : ErrorCode.INVALID_BACKUP_DIR,
          reply.getMessage());
    }
    return ApiErrors.fromBus(e, "storage (backup)", ErrorCode.STORAGE_UNAVAILABLE);
  }

  /** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
  private void authorize(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      throw new ApiException(ErrorCode.MISSING_TOKEN, "this request changes state and needs 'Authorization: Bearer <token>'");
    }
    byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      throw new ApiException(ErrorCode.INVALID_TOKEN, "the bearer token is not valid");
    }
    ctx.next();
  }

  private void submit(RoutingContext ctx) {
    // the edge checks the form only (ContractInput, as the bridges do); what the order means is risk's to judge, so
    // the same bad order gets the same reason code over REST and both bridges
    OrderRequest order = readOrder(ctx.body().asString());
    bus.<RiskDecision>request(Addresses.ORDERS_SUBMIT, order, new DeliveryOptions().setSendTimeout(ORDER_TIMEOUT_MS))
        .onSuccess(reply -> {
          RiskDecision decision = reply.body();
          JsonObject answer = new JsonObject().put("decision", Api.json(decision));
          if (decision.approved()) {
            ctx.response().putHeader("Location", "/api/orders/" + decision.clientOrderId());
            Api.reply(ctx, 201, answer);
          } else {
            ApiErrors.send(ctx, ApiException.denied(decision.reason(), decision.message(), answer));
          }
        })
        .onFailure(failure -> ctx.fail(ApiErrors.fromBus(failure, "risk", ErrorCode.RISK_UNAVAILABLE)));
  }

  /** Malformed JSON is reported with ContractJson's own message, so REST and bridges word it the same way. */
  private OrderRequest readOrder(String text) {
    if (text == null || text.isBlank()) {
      throw new ApiException(ErrorCode.MALFORMED_JSON, "the request body must be an OrderRequest JSON object");
    }
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException | ClassCastException notAnObject) {
      try {
        ContractJson.read(text, OrderRequest.class);
      } catch (IllegalArgumentException e) {
        throw new ApiException(ErrorCode.MALFORMED_JSON, e.getMessage());
      }
      throw new ApiException(ErrorCode.MALFORMED_JSON, "the request body must be an OrderRequest JSON object");
    }
    try {
      return ContractInput.order(json, "manual", clock.nowMicros());
    } catch (InputException e) {
      throw new ApiException(e.code(), e.getMessage());
    }
  }

  private void cancel(RoutingContext ctx) {
    String id = TradingApi.orderId(ctx);
    OrderEvent known = state.order(id);
    if (known != null && known.status().isTerminal()) {
      throw new ApiException(ErrorCode.ORDER_NOT_OPEN, "the order '" + id + "' is already " + known.status());
    }
    bus.request(Addresses.EXEC_CANCEL, id, new DeliveryOptions().setSendTimeout(ORDER_TIMEOUT_MS))
        .onSuccess(reply -> Api.reply(ctx, 202, new JsonObject().put("clientOrderId", id)
            .put("result", reply.body() == null ? null : Api.json(reply.body()))))
        .onFailure(failure -> ctx.fail(ApiErrors.fromBus(failure, "execution", ErrorCode.EXECUTION_UNAVAILABLE)));
  }

  /**
   * Risk builds a reduce-only market order against its whole position in the symbol and checks it like any order:
   * 202 {@code {orderId, decision}}, a denial as {@code POST /api/orders} answers it, 409 {@code NO_POSITION} when flat.
   */
  private void flatten(RoutingContext ctx) {
    String symbol = ctx.pathParam("symbol");
    if (!state.knowsSymbol(symbol)) {
      throw new ApiException(ErrorCode.UNKNOWN_SYMBOL, "the symbol '" + Api.printable(symbol)
          + "' is not traded on this runtime");
    }
    bus.<RiskDecision>request(Addresses.RISK_FLATTEN, new JsonObject().put("symbol", symbol),
            new DeliveryOptions().setSendTimeout(ORDER_TIMEOUT_MS).addHeader(Headers.ACTOR, actor(ctx)))
        .onSuccess(reply -> {
          RiskDecision decision = reply.body();
          JsonObject answer = new JsonObject().put("orderId", decision.clientOrderId())
              .put("decision", Api.json(decision));
          if (decision.approved()) {
            ctx.response().putHeader("Location", "/api/orders/" + decision.clientOrderId());
            Api.reply(ctx, 202, answer);
          } else {
            ApiErrors.send(ctx, ApiException.denied(decision.reason(), decision.message(), answer));
          }
        })
        .onFailure(failure -> ctx.fail(failure instanceof ReplyException reply && reply.failureCode() == 409
            ? new ApiException(ErrorCode.NO_POSITION, reply.getMessage().replaceFirst("^NO_POSITION: ", ""))
            : ApiErrors.fromBus(failure, "risk", ErrorCode.RISK_UNAVAILABLE)));
  }

  private static String actor(RoutingContext ctx) {
    return "http " + (ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress());
  }

  private void control(RoutingContext ctx) {
    ControlCommand command;
    try {
      command = ControlCommand.valueOf(ctx.pathParam("command").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.UNKNOWN_COMMAND, "risk commands are halt, reduce, resume and kill");
    }
    JsonObject json = new JsonObject();
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text != null && !text.isBlank()) {
      try {
        json = new JsonObject(text);
      } catch (DecodeException | ClassCastException e) {
        throw new ApiException(ErrorCode.MALFORMED_JSON, "the body, when present, must be {\"reason\": \"...\"}");
      }
    }
    RiskControl control;
    try {
      control = ContractInput.control(json.copy().put("command", command.name()), "operator via HTTP",
          clock.nowMicros());
    } catch (InputException e) {
      throw new ApiException(e.code(), e.getMessage());
    }
    bus.<RiskStateChange>request(Addresses.RISK_CONTROL, control, new DeliveryOptions().setSendTimeout(ORDER_TIMEOUT_MS)
            .addHeader(Headers.ACTOR, actor(ctx)))
        .onSuccess(reply -> {
          state.onRiskState(reply.body());
          Api.ok(ctx, Api.json(reply.body()));
        })
        .onFailure(failure -> ctx.fail(ApiErrors.fromBus(failure, "risk", ErrorCode.RISK_UNAVAILABLE)));
  }
}
