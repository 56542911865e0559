package io.tradingrt.http;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.edge.ContractInput;
import io.tradingrt.edge.ErrorCode;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Backtests on the running runtime (docs/backtest.md): {@code POST /api/backtests} (token, checked by
 * {@link ControlApi}'s route before the body is read) starts one and answers 202 with its id; the GETs list the runs
 * and show one, its equity curve and its fills. The service answering {@code backtest.*} runs beside the storage
 * role; this edge checks the form (a JSON object, ids as names) and maps the service's answers to codes.
 */
final class BacktestApi {
  private static final long BODY_LIMIT_BYTES = 64 * 1024;
  private static final long TIMEOUT_MS = 30_000;

  private final EventBus bus;

  BacktestApi(EventBus bus) {
    this.bus = bus;
  }

  void mount(Router router) {
    router.post("/api/backtests").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES))
        .handler(this::start);
    router.get("/api/backtests").handler(ctx -> ask(ctx, Addresses.BACKTEST_LIST, new JsonObject().put("limit",
        (int) Api.longParam(ctx, "limit", 50, 1, 200)), 200));
    router.get("/api/backtests/:id").handler(ctx -> ask(ctx, Addresses.BACKTEST_GET, id(ctx), 200));
    router.get("/api/backtests/:id/equity").handler(ctx -> ask(ctx, Addresses.BACKTEST_EQUITY, id(ctx), 200));
    router.get("/api/backtests/:id/fills").handler(ctx -> ask(ctx, Addresses.BACKTEST_FILLS, id(ctx)
        .put("offset", Api.longParam(ctx, "offset", 0, 0, Integer.MAX_VALUE))
        .put("limit", (int) Api.longParam(ctx, "limit", 1000, 1, 10_000)), 200));
  }

  private void start(RoutingContext ctx) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    JsonObject request;
    try {
      request = text == null || text.isBlank() ? new JsonObject() : new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new ApiException(ErrorCode.MALFORMED_JSON, "the body must be a JSON object such as {\"from\": "
          + "\"2024-01-02\", \"to\": \"2024-01-03\"} (docs/backtest.md)");
    }
    bus.<JsonObject>request(Addresses.BACKTEST_START, request, new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .onSuccess(reply -> {
          String runId = reply.body().getString("runId");
          ctx.response().putHeader("Location", "/api/backtests/" + runId);
          Api.reply(ctx, 202, reply.body());
        })
        .onFailure(e -> {
          ApiException refusal = failure(e);
          if (ErrorCode.BACKTESTS_BUSY.code().equals(refusal.code())) {
            ctx.response().putHeader("Retry-After", "5");
          }
          ctx.fail(refusal);
        });
  }

  private static JsonObject id(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!ContractInput.isName(id, ContractInput.MAX_ID_LENGTH)) {
      throw new ApiException(ErrorCode.INVALID_PARAMETER, "a backtest id is 1 to " + ContractInput.MAX_ID_LENGTH
          + " letters, digits or . _ : / -");
    }
    return new JsonObject().put("id", id);
  }

  private void ask(RoutingContext ctx, String address, JsonObject params, int status) {
    bus.<JsonObject>request(address, params, new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .onSuccess(reply -> Api.reply(ctx, status, reply.body()))
        .onFailure(e -> ctx.fail(failure(e)));
  }

  /** The service's 400/404/429 keep their meaning with a backtest code; no service is a 503. */
  private static ApiException failure(Throwable e) {
    if (e instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      ErrorCode code = switch (reply.failureCode()) {
        case 400 -> ErrorCode.INVALID_BACKTEST;
        case 404 -> ErrorCode.UNKNOWN_BACKTEST;
        case 429 -> ErrorCode.BACKTESTS_BUSY;
        default -> null;
      };
      if (code != null) {
        return new ApiException(code, reply.getMessage());
      }
    }
    if (e instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return new ApiException(ErrorCode.BACKTEST_UNAVAILABLE, "no backtest service is running: it runs with the "
          + "storage role and needs at least one configured strategy");
    }
    return ApiErrors.fromBus(e, "the backtest service", ErrorCode.BACKTEST_UNAVAILABLE);
  }
}
