package io.tradingrt.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
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
    return SockJSHandler.create(vertx).bridge(options,
        event -> policy.onEvent(event, err -> event.socket().write(Buffer.buffer(err.encode()))));
  }
}
