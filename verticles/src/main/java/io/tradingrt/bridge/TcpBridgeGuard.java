package io.tradingrt.bridge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The public TCP bridge port: caps connections, sweeps for idle and stalled ones, and hands each accepted client to
 * a {@link GuardedConnection} wired to the library bridge listening on {@code bridgeAddress}. All on one context.
 */
final class TcpBridgeGuard {
  private static final Logger LOG = Logger.getLogger(TcpBridgeGuard.class.getName());

  private final Vertx vertx;
  private final BridgeLimits limits;
  private final BridgeCounters counters;
  private final SocketAddress bridgeAddress;
  private final NetServer server;
  private final NetClient toBridge;
  private final Set<GuardedConnection> connections = new HashSet<>();
  private long sweepTimer = -1;

  TcpBridgeGuard(Vertx vertx, BridgeLimits limits, BridgeCounters counters, SocketAddress bridgeAddress) {
    this.vertx = vertx;
    this.limits = limits;
    this.counters = counters;
    this.bridgeAddress = bridgeAddress;
    this.server = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true));
    this.toBridge = vertx.createNetClient();
    server.connectHandler(this::accept);
  }

  Future<NetServer> listen(int port, String host) {
    sweepTimer = vertx.setPeriodic(limits.sweepMillis(), id -> sweep());
    return server.listen(port, host);
  }

  int actualPort() {
    return server.actualPort();
  }

  Future<Void> close() {
    vertx.cancelTimer(sweepTimer);
    return Future.join(server.close(), toBridge.close()).mapEmpty();
  }

  private void accept(NetSocket client) {
    long now = System.nanoTime();
    // a reset by the client is normal here; without a handler Vert.x logs it as an unhandled exception
    client.exceptionHandler(e -> LOG.log(Level.FINE, "tcp bridge client", e));
    if (connections.size() >= limits.maxConnections()) {
      counters.count(FrameError.TOO_MANY_CONNECTIONS);
      client.pause();
      client.write(GuardedConnection.errFrame(FrameError.TOO_MANY_CONNECTIONS.because("at most "
          + limits.maxConnections() + " connections"))).onComplete(written -> client.close());
      return;
    }
    GuardedConnection connection = new GuardedConnection(client, limits, counters, now);
    connections.add(connection);
    counters.connected();
    client.closeHandler(v -> {
      if (connections.remove(connection)) {
        counters.disconnected();
      }
      connection.closed();
    });
    client.pause();
    toBridge.connect(bridgeAddress).onComplete(connected -> {
      if (connected.succeeded()) {
        connected.result().exceptionHandler(e -> client.close());
        connection.attach(connected.result());
      } else {
        LOG.log(Level.WARNING, "tcp bridge: cannot reach the bridge behind the guard", connected.cause());
        client.close();
      }
    });
  }

  private void sweep() {
    long now = System.nanoTime();
    for (GuardedConnection connection : List.copyOf(connections)) {
      connection.check(now);
    }
  }
}
