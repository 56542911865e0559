package io.tradingrt.execution;

import io.tradingrt.codecs.Fixed;
import java.util.Objects;

/** Paper broker models; names match runtime.json's {@code execution} section. */
public record BrokerConfig(long slippageBps, long feeBps, Fixed minFee, long latencyMicros) {
  public BrokerConfig {
    Objects.requireNonNull(minFee, "minFee");
    if (slippageBps < 0) {
      throw new IllegalArgumentException("slippageBps is adverse by definition and cannot be negative: " + slippageBps);
    }
    if (latencyMicros < 0) {
      throw new IllegalArgumentException("latencyMicros cannot be negative: " + latencyMicros);
    }
  }
}
