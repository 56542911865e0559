package io.tradingrt.time;

import java.time.Instant;

/** The one clock of the runtime: epoch microseconds. Cores take it injected so replay and tests control time. */
@FunctionalInterface
public interface MicrosClock {

  MicrosClock SYSTEM = () -> {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  };

  long nowMicros();
}
