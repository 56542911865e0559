package io.tradingrt.config;

import io.tradingrt.codecs.Fixed;

/**
 * The {@code venue} section: the FIX 4.4 test venue ({@code runtime.jar venue}), an acceptor with a limit order book
 * per symbol (the symbols of {@code ingest.symbols}) and a market maker quoting {@code quoteSize} around a random walk
 * that moves {@code ticksPerSecond} times a second; {@code latencyMicros} delays every answer.
 */
public record VenueSettings(long port, String senderCompId, long ticksPerSecond, Fixed quoteSize, Fixed lotSize,
                            long latencyMicros, String storePath) {

  public VenueSettings {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
    }
    if (ticksPerSecond < 1 || ticksPerSecond > 10_000) {
      throw new IllegalArgumentException("ticksPerSecond must be 1 to 10000, got " + ticksPerSecond);
    }
    if (latencyMicros < 0) {
      throw new IllegalArgumentException("latencyMicros must not be negative");
    }
  }

  static VenueSettings read(ConfigNode n) {
    return new VenueSettings(n.integer("port"), n.text("senderCompId"), n.integer("ticksPerSecond"),
        n.decimal("quoteSize"), n.decimal("lotSize"), n.integer("latencyMicros"), n.text("storePath"));
  }
}
