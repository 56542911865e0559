package io.tradingrt.http;

import io.tradingrt.edge.ErrorCode;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Every 4xx and 5xx leaves as {@code {"error":{"code","message","status"}}}, whatever produced it. */
final class ApiErrors {
  private static final Logger LOG = Logger.getLogger(ApiErrors.class.getName());

  private ApiErrors() {
  }

  static void send(RoutingContext ctx, ErrorCode code, String message) {
    send(ctx, new ApiException(code, message));
  }

  static void send(RoutingContext ctx, ApiException e) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.headWritten()) {
      return;
    }
    JsonObject body = new JsonObject().put("error", new JsonObject()
        .put("code", e.code()).put("message", e.getMessage()).put("status", e.status()));
    if (e.extra() != null) {
      body.mergeIn(e.extra());
    }
    response.setStatusCode(e.status()).putHeader("content-type", "application/json").end(body.encode());
  }

  /** The router's failure handler: our own exceptions, vertx-web's status failures, then anything else as a 500. */
  static void onFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      send(ctx, api);
    } else if (failure instanceof HttpException http) {
      send(ctx, forStatus(http.getStatusCode(), http.getPayload()));
    } else if (failure == null) {
      send(ctx, forStatus(ctx.statusCode(), null));
    } else {
      LOG.log(Level.WARNING, "http: " + ctx.request().method() + " " + ctx.request().path() + " failed", failure);
      send(ctx, ErrorCode.INTERNAL_ERROR, "the server failed to answer this request; it has been logged");
    }
  }

  /** Errors the router raises itself (no route, wrong method, body too large) get the same shape. */
  static ApiException forStatus(int status, String detail) {
    return switch (status) {
      case 400 -> new ApiException(ErrorCode.BAD_REQUEST, detail == null ? "the request is malformed" : detail);
      case 401 -> new ApiException(ErrorCode.UNAUTHORIZED, "a bearer token is required");
      case 404 -> new ApiException(ErrorCode.NOT_FOUND, "no resource at this path");
      case 405 -> new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "this path does not accept that method");
      case 413 -> new ApiException(ErrorCode.BODY_TOO_LARGE, "the request body exceeds the size limit");
      case 415 -> new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
      default -> status >= 400 && status < 600
          ? new ApiException(status, status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL_ERROR,
              detail == null ? "the request could not be served" : detail)
          : new ApiException(ErrorCode.INTERNAL_ERROR, "the server failed to answer this request; it has been logged");
    };
  }

  /** Maps a failed bus request to the status a client should see; {@code service} names who did not answer. */
  static ApiException fromBus(Throwable failure, String service, ErrorCode unavailableCode) {
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return new ApiException(unavailableCode, service + " is not running on this runtime");
      }
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return new ApiException(504, unavailableCode, service + " did not answer in time");
      }
      int code = reply.failureCode();
      if (code >= 400 && code < 500) {
        return new ApiException(code, ErrorCode.REJECTED, String.valueOf(reply.getMessage()));
      }
      return new ApiException(ErrorCode.UPSTREAM_FAILED, service + " failed: " + reply.getMessage());
    }
    return new ApiException(ErrorCode.UPSTREAM_FAILED, service + " failed: " + failure.getMessage());
  }
}
