package io.tradingrt.config;

import io.tradingrt.codecs.Fixed;

/** The {@code execution} section: the paper broker's models and the durable-write timeout. */
public record ExecutionSettings(long slippageBps, long feeBps, Fixed minFee, long latencyMicros, long storageTimeoutMs,
                                boolean logAcks) {

  static ExecutionSettings read(ConfigNode n) {
    return new ExecutionSettings(n.integer("slippageBps"), n.integer("feeBps"), n.decimal("minFee"),
        n.integer("latencyMicros"), n.integer("storageTimeoutMs"), n.bool("logAcks"));
  }
}
