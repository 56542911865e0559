package io.tradingrt.bridge;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Headers;
import io.tradingrt.edge.ContractInput;
import io.tradingrt.edge.ErrorCode;
import io.tradingrt.edge.InputException;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BaseBridgeEvent;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one permission model of both bridges. Outbound: the live addresses a dashboard or client needs (never raw
 * md.ticks). Inbound: only risk control and order submission, and only with the token in the message headers
 * ({@code {"headers":{"token":"..."}}}); the body becomes the contract record before it reaches the bus.
 */
public final class BridgePolicy {
  public static final List<String> OUTBOUND = List.of(Addresses.METRICS_LIVE, Addresses.MD_BARS,
      Addresses.MD_QUOTES, Addresses.EXEC_EVENTS, Addresses.EXEC_FILLS, Addresses.PORTFOLIO_UPDATES,
      Addresses.RISK_STATE, Addresses.PORTFOLIO_STRATEGIES, Addresses.RISK_LIMITS, Addresses.LOGS_TAIL);
  public static final List<String> INBOUND = List.of(Addresses.RISK_CONTROL, Addresses.ORDERS_SUBMIT);
  public static final String TOKEN_HEADER = "token";

  /** What to do with one inbound message: pass it on, or refuse it with a status and a sentence. */
  public record Verdict(boolean allowed, int status, String message) {
    static final Verdict ALLOW = new Verdict(true, 200, "");

    static Verdict refuse(int status, String message) {
      return new Verdict(false, status, message);
    }
  }

  private final byte[] token;
  private final MicrosClock clock;

  public BridgePolicy(String token, MicrosClock clock) {
    if (token == null || token.isBlank()) {
      // a blank token would let any client halt trading or submit orders through a bridge
      throw new IllegalArgumentException("http.token must not be blank: the bridges accept control messages with it");
    }
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
  }

  /** Options for either bridge: the permitted lists above; everything else is denied by the library. */
  public <T extends BridgeOptions> T permissions(T options) {
    OUTBOUND.forEach(address -> options.addOutboundPermitted(new PermittedOptions().setAddress(address)));
    INBOUND.forEach(address -> options.addInboundPermitted(new PermittedOptions().setAddress(address)));
    return options;
  }

  /**
   * The one bridge event handler of both bridges: what is not a send or publish passes (the permitted lists already
   * apply), the rest goes through {@link #inbound}; a refused request is told why through {@code tellClient}, which
   * frames an {@code err} message for its transport, before the library adds its own refusal.
   */
  public void onEvent(BaseBridgeEvent event, Consumer<JsonObject> tellClient) {
    if (event.type() != BridgeEventType.SEND && event.type() != BridgeEventType.PUBLISH) {
      event.complete(true);
      return;
    }
    JsonObject frame = event.getRawMessage();
    Verdict verdict = inbound(frame);
    if (!verdict.allowed() && frame.getValue("replyAddress") instanceof String replyAddress) {
      tellClient.accept(new JsonObject().put("type", "err").put("address", replyAddress)
          .put("failureCode", verdict.status()).put("failureType", "RECIPIENT_FAILURE")
          .put("message", verdict.message()));
    }
    event.complete(verdict.allowed());
  }

  /**
   * Checks a send/publish frame and rewrites it in place: the token header is removed (it must not travel on the bus)
   * and the JSON body is replaced by the record. Addresses outside {@link #INBOUND} pass untouched so the library
   * answers them with its own {@code access_denied}.
   */
  public Verdict inbound(JsonObject frame) {
    // SockJS frames reach this hook unvalidated: a non-string address or non-object headers must not throw
    if (!(frame.getValue("address") instanceof String address) || !INBOUND.contains(address)) {
      return Verdict.ALLOW;
    }
    Object rawHeaders = frame.getValue("headers");
    if (rawHeaders != null && !(rawHeaders instanceof JsonObject)) {
      return Verdict.refuse(ErrorCode.INVALID_FRAME.status(), ErrorCode.INVALID_FRAME.code()
          + ": headers must be a JSON object");
    }
    JsonObject headers = (JsonObject) rawHeaders;
    Object given = headers == null ? null : headers.remove(TOKEN_HEADER);
    if (headers != null) {
      // tracing headers come from the tick that caused an order; a client must not forge latency figures
      headers.remove(Headers.CORRELATION_ID);
      headers.remove(Headers.TICK_MICROS);
      headers.remove(Headers.INGEST_MICROS);
      headers.remove(Headers.BROKER_MICROS);
    }
    if (address.equals(Addresses.RISK_CONTROL)) {
      // who sent a command is journaled: the bridge names itself, whatever the client claims
      JsonObject named = headers == null ? new JsonObject() : headers;
      named.put(Headers.ACTOR, "event-bus bridge");
      frame.put("headers", named);
    }
    if (given == null || !MessageDigest.isEqual(given.toString().getBytes(StandardCharsets.UTF_8), token)) {
      return Verdict.refuse(401, "access_denied: " + address + " needs the token in the message headers");
    }
    if (!(frame.getValue("body") instanceof JsonObject body)) {
      return Verdict.refuse(400, "invalid body: " + address + " takes a JSON object");
    }
    try {
      Object record = address.equals(Addresses.RISK_CONTROL)
          ? ContractInput.control(body, "operator via bridge", clock.nowMicros())
          : ContractInput.order(body, "bridge", clock.nowMicros());
      // the bridges read the body from this same frame after the hook, so the record is what goes on the bus
      frame.put("body", record);
      return Verdict.ALLOW;
    } catch (InputException e) {
      return Verdict.refuse(e.status(), e.code().code() + ": " + e.getMessage());
    }
  }
}
