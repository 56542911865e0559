package io.tradingrt.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;

/** The browser's event bus at {@code /eventbus/*}: SockJS with the {@link BridgePolicy} permissions. */
public final class SockJsBridge {

  private SockJsBridge() {
  }

  /** A sub-router to mount with {@code router.route("/eventbus/*").subRouter(...)}. */
  public static Router router(Vertx vertx, BridgePolicy policy) {
    BridgeJson.install();
    SockJSBridgeOptions options = policy.permissions(new SockJSBridgeOptions());
    return SockJSHandler.create(vertx).bridge(options, event -> onEvent(event, policy));
  }

  private static void onEvent(BridgeEvent event, BridgePolicy policy) {
    if (event.type() != BridgeEventType.SEND && event.type() != BridgeEventType.PUBLISH) {
      event.complete(true);
      return;
    }
    JsonObject frame = event.getRawMessage();
    BridgePolicy.Verdict verdict = policy.inbound(frame);
    if (!verdict.allowed()) {
      String replyAddress = frame.getString("replyAddress");
      if (replyAddress != null) {
        // the client's request callback gets the reason; the library then adds its generic "rejected"
        event.socket().write(Buffer.buffer(new JsonObject().put("type", "err").put("address", replyAddress)
            .put("failureCode", verdict.status()).put("failureType", "RECIPIENT_FAILURE")
            .put("message", verdict.message()).encode()));
      }
    }
    event.complete(verdict.allowed());
  }
}
