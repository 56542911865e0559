package io.tradingrt.bridge;

import io.tradingrt.config.HttpSettings;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Logger;

/**
 * The event bus for other languages on {@code tcpBridgePort}: 4-byte big-endian length + UTF-8 JSON frames, the same
 * permissions, token rule and JSON records as the SockJS bridge. The library bridge (vertx-tcp-eventbus-bridge 5.0.8
 * has no frame limit, no validation and no way to hand it an accepted socket) listens on a Unix socket in a private
 * directory; the public port is a {@link TcpBridgeGuard} that forwards only bounded, valid frames to it.
 */
public final class TcpBridgeVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(TcpBridgeVerticle.class.getName());
  /**
   * The library's own logger. When the guard cuts off a slow consumer, the library is still writing to its side of
   * the private socket and logs the reset as SEVERE; that close is ours, counted and logged once by the guard, so the
   * library's echo of it is dropped (any other library record passes). Held here: JUL keeps loggers weakly.
   */
  private static final Logger LIBRARY = Logger.getLogger("io.vertx.ext.eventbus.bridge.tcp.impl.TcpEventBusBridgeImpl");

  static {
    LIBRARY.setFilter(record -> !resetOfAClosedConnection(record.getThrown()));
  }

  static boolean resetOfAClosedConnection(Throwable thrown) {
    return thrown instanceof IOException && thrown.getMessage() != null
        && (thrown.getMessage().contains("Connection reset") || thrown.getMessage().contains("Broken pipe"));
  }

  private final HttpSettings settings;
  private final BridgeCounters counters = new BridgeCounters();
  private TcpEventBusBridge bridge;
  private TcpBridgeGuard guard;
  private Path socketDir;

  /** The bridge's keys live in the {@code http} section: host, token and {@code tcpBridge*}. */
  public TcpBridgeVerticle(HttpSettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    String host = settings.host();
    int port = settings.tcpBridgePort();
    BridgeLimits limits;
    try {
      limits = BridgeLimits.from(settings);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture("bridge: " + e.getMessage());
    }
    BridgePolicy policy = new BridgePolicy(settings.token(), MicrosClock.SYSTEM);
    BridgeJson.install();
    bridge = TcpEventBusBridge.create(vertx, policy.permissions(new io.vertx.ext.bridge.BridgeOptions()),
        new NetServerOptions(), event -> policy.onEvent(event, err -> {
          // TCP bridge frames: a 4-byte big-endian length, then UTF-8 JSON
          byte[] json = err.encode().getBytes(StandardCharsets.UTF_8);
          event.socket().write(Buffer.buffer().appendInt(json.length).appendBytes(json));
        }));
    SocketAddress behindGuard = SocketAddress.domainSocketAddress(privateSocket().toString());
    guard = new TcpBridgeGuard(vertx, limits, counters, behindGuard);
    vertx.sharedData().getLocalMap(BridgeCounters.MAP).put(BridgeCounters.TCP, counters);
    return bridge.listen(behindGuard).compose(b -> guard.listen(port, host)).onSuccess(s -> LOG.info(() ->
        "tcp bridge: listening on " + host + ":" + s.actualPort() + " (frames ≤ " + limits.maxFrameBytes()
            + " bytes, ≤ " + limits.maxConnections() + " connections)"));
  }

  /** Connections, refusals at the cap and refused frames by reason (also in the local map {@link BridgeCounters#MAP}). */
  public BridgeCounters counters() {
    return counters;
  }

  @Override
  public Future<?> stop() {
    Future<?> guardClosed = guard == null ? Future.succeededFuture() : guard.close();
    Future<?> bridgeClosed = bridge == null ? Future.succeededFuture() : bridge.close();
    return Future.join(guardClosed, bridgeClosed).onComplete(done -> deleteSocketDir());
  }

  /** A socket path only this user can reach, so nothing bypasses the guard to the unbounded library parser. */
  private Path privateSocket() {
    try {
      socketDir = Files.createTempDirectory("trt-bridge-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      return socketDir.resolve("bridge.sock");
    } catch (IOException e) {
      throw new UncheckedIOException("tcp bridge: cannot create the private socket directory", e);
    }
  }

  private void deleteSocketDir() {
    if (socketDir == null) {
      return;
    }
    try {
      Files.deleteIfExists(socketDir.resolve("bridge.sock"));
      Files.deleteIfExists(socketDir);
    } catch (IOException e) {
      LOG.warning(() -> "tcp bridge: could not delete " + socketDir + ": " + e.getMessage());
    }
  }
}
