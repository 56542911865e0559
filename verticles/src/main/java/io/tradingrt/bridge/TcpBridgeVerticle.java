package io.tradingrt.bridge;

import io.tradingrt.time.MicrosClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.eventbus.bridge.tcp.BridgeEvent;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;

import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * The event bus for other languages on {@code tcpBridgePort}: 4-byte big-endian length + UTF-8 JSON frames, the same
 * permissions, token rule and JSON records as the SockJS bridge.
 */
public final class TcpBridgeVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(TcpBridgeVerticle.class.getName());

  private TcpEventBusBridge bridge;

  @Override
  public Future<?> start() {
    String host = config().getString("host", "127.0.0.1");
    int port = config().getInteger("tcpBridgePort", 7000);
    BridgePolicy policy = new BridgePolicy(config().getString("token", ""), MicrosClock.SYSTEM);
    BridgeJson.install();
    bridge = TcpEventBusBridge.create(vertx, policy.permissions(new io.vertx.ext.bridge.BridgeOptions()),
        new NetServerOptions(), event -> onEvent(event, policy));
    return bridge.listen(port, host).onSuccess(b -> LOG.info(() -> "tcp bridge: listening on " + host + ":" + port));
  }

  private static void onEvent(BridgeEvent event, BridgePolicy policy) {
    if (event.type() != BridgeEventType.SEND && event.type() != BridgeEventType.PUBLISH) {
      event.complete(true);
      return;
    }
    JsonObject frame = event.getRawMessage();
    BridgePolicy.Verdict verdict = policy.inbound(frame);
    if (!verdict.allowed() && frame.getString("replyAddress") != null) {
      // the client's request gets the reason; the library then adds its generic refusal frame
      byte[] json = new JsonObject().put("type", "err").put("address", frame.getString("replyAddress"))
          .put("failureCode", verdict.status()).put("failureType", "RECIPIENT_FAILURE")
          .put("message", verdict.message()).encode().getBytes(StandardCharsets.UTF_8);
      event.socket().write(Buffer.buffer().appendInt(json.length).appendBytes(json));
    }
    event.complete(verdict.allowed());
  }

  @Override
  public Future<?> stop() {
    return bridge == null ? Future.succeededFuture() : bridge.close();
  }
}
