package io.tradingrt.bridge;

import io.tradingrt.time.MicrosClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServerOptions;
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
        new NetServerOptions(), event -> policy.onEvent(event, err -> {
          // TCP bridge frames: a 4-byte big-endian length, then UTF-8 JSON
          byte[] json = err.encode().getBytes(StandardCharsets.UTF_8);
          event.socket().write(Buffer.buffer().appendInt(json.length).appendBytes(json));
        }));
    return bridge.listen(port, host).onSuccess(b -> LOG.info(() -> "tcp bridge: listening on " + host + ":" + port));
  }

  @Override
  public Future<?> stop() {
    return bridge == null ? Future.succeededFuture() : bridge.close();
  }
}
