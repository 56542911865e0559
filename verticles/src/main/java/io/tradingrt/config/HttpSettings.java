package io.tradingrt.config;

import java.util.List;

/**
 * The {@code http} section: the HTTP edge and, beside it, the TCP bridge ({@code tcpBridge*}). {@code expectStorage}
 * and {@code expectFeed} are null by default: readiness then checks storage when the node has the {@code storage}
 * role and ticks when it has {@code ingest}.
 */
public record HttpSettings(int port, String host, String token, long rateLimitPerSecond, int tcpBridgePort,
                           int tcpBridgeMaxFrameBytes, int tcpBridgeMaxConnections, int tcpBridgeIdleTimeoutSeconds,
                           int tcpBridgeReadTimeoutSeconds, long feedStaleMillis, boolean websocketCompression,
                           List<String> allowedOrigins, Boolean expectStorage, Boolean expectFeed) {
  public HttpSettings {
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  static HttpSettings read(ConfigNode n) {
    return new HttpSettings(n.int32("port"), n.text("host"), n.text("token"), n.integer("rateLimitPerSecond"),
        n.int32("tcpBridgePort"), n.int32("tcpBridgeMaxFrameBytes"), n.int32("tcpBridgeMaxConnections"),
        n.int32("tcpBridgeIdleTimeoutSeconds"), n.int32("tcpBridgeReadTimeoutSeconds"), n.integer("feedStaleMillis"),
        n.bool("websocketCompression"), n.strings("allowedOrigins"), n.optionalBool("expectStorage"),
        n.optionalBool("expectFeed"));
  }
}
