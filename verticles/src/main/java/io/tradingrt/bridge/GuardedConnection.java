package io.tradingrt.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One client of the TCP bridge: its bytes go through a bounded {@link FrameDecoder} and {@link FrameCheck}, and
 * only whole, valid frames are written to the library bridge behind the guard; the bridge's frames come back
 * unchanged. A refusal is one err frame, then the close; a client that leaves more than {@link #MAX_UNREAD_BYTES}
 * of its messages unread is closed as a slow consumer.
 */
final class GuardedConnection {
  // a refused client that does not read its err frame is closed anyway after this
  private static final long CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
  // what may wait for a client that reads slowly: seconds of a busy stream, then it is a slow consumer
  static final int MAX_UNREAD_BYTES = 1 << 20;
  private static final Logger LOG = Logger.getLogger(GuardedConnection.class.getName());

  private final NetSocket client;
  private final FrameDecoder decoder;
  private final Liveness liveness;
  private final BridgeCounters counters;
  private NetSocket upstream;
  private long refusedAt;
  private boolean refused;
  private boolean clientClosed;

  GuardedConnection(NetSocket client, BridgeLimits limits, BridgeCounters counters, long now) {
    this.client = client;
    this.decoder = new FrameDecoder(limits.maxFrameBytes());
    this.liveness = new Liveness(limits.idleNanos(), limits.readNanos(), now);
    this.counters = counters;
  }

  /** Starts the two-way forwarding once the connection to the library bridge is open. */
  void attach(NetSocket bridge) {
    upstream = bridge;
    if (refused || clientClosed) {
      bridge.close();
      return;
    }
    bridge.exceptionHandler(e -> client.close());
    bridge.closeHandler(v -> client.close());
    client.setWriteQueueMaxSize(MAX_UNREAD_BYTES);
    bridge.handler(frames -> {
      if (refused) {
        return;
      }
      client.write(frames);
      if (client.writeQueueFull()) {
        dropSlowConsumer();
      }
    });
    client.handler(this::fromClient);
    client.resume();
  }

  /** Closes the connection if one of its timeouts passed; a refused connection gets a short grace for its err. */
  void check(long now) {
    if (refused) {
      if (now - refusedAt > CLOSE_GRACE_NANOS) {
        forceClose();
      }
      return;
    }
    FrameError.Rejection expired = liveness.expired(now);
    if (expired != null) {
      refuse(expired, now);
    }
  }

  void closed() {
    clientClosed = true;
    if (upstream != null) {
      upstream.close();
    }
  }

  /** Tells the client why with an err frame in the library's shape, counts the reason, then closes. */
  void refuse(FrameError.Rejection rejection, long now) {
    if (refused) {
      return;
    }
    refused = true;
    refusedAt = now;
    counters.count(rejection.error());
    client.pause();
    client.write(errFrame(rejection)).onComplete(written -> client.close());
    if (upstream != null) {
      upstream.close();
    }
  }

  /**
   * A client that does not read what it subscribed to is cut off once {@link #MAX_UNREAD_BYTES} wait for it: holding
   * back the library bridge instead would only move the pile into the library's own unbounded write queue.
   */
  private void dropSlowConsumer() {
    refused = true;
    counters.count(FrameError.SLOW_CONSUMER);
    LOG.warning(() -> "bridge: tcp client " + client.remoteAddress() + " disconnected (" + FrameError.SLOW_CONSUMER.code()
        + "): more than " + MAX_UNREAD_BYTES + " bytes of its messages were waiting unread");
    forceClose();
    if (upstream != null) {
      upstream.close();
    }
  }

  /** Vert.x's close waits for pending writes, which a client that never reads never takes: close the channel. */
  private void forceClose() {
    if (client instanceof NetSocketInternal internal) {
      internal.channelHandlerContext().channel().close();
    } else {
      client.close();
    }
  }

  static Buffer errFrame(FrameError.Rejection rejection) {
    byte[] json = new JsonObject().put("type", "err").put("message", rejection.message()).encode()
        .getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer(4 + json.length).appendInt(json.length).appendBytes(json);
  }

  private void fromClient(Buffer bytes) {
    if (refused) {
      return;
    }
    long now = System.nanoTime();
    FrameDecoder.Result result = decoder.feed(bytes.getBytes());
    for (byte[] payload : result.frames()) {
      FrameCheck.Checked checked = FrameCheck.check(payload);
      if (checked.rejection() != null) {
        refuse(checked.rejection(), now);
        return;
      }
      upstream.write(Buffer.buffer(4 + payload.length).appendInt(payload.length).appendBytes(payload));
    }
    if (result.rejection() != null) {
      refuse(result.rejection(), now);
      return;
    }
    liveness.afterRead(now, result.frames().size(), decoder.midFrame());
    if (upstream.writeQueueFull()) {
      client.pause();
      upstream.drainHandler(v -> client.resume());
    }
  }
}
