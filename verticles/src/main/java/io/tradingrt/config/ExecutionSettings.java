package io.tradingrt.config;

import io.tradingrt.codecs.Fixed;

import java.util.List;

/**
 * The {@code execution} section: where orders go ({@code venue}: the paper broker, or a FIX venue through the
 * {@code fix} session), the paper broker's models (the fee model also prices a FIX fill that carries no commission)
 * and the durable-write timeout.
 */
public record ExecutionSettings(String venue, long slippageBps, long feeBps, Fixed minFee, long latencyMicros,
                                long storageTimeoutMs, boolean logAcks) {
  public static final List<String> VENUES = List.of("paper", "fix");

  static ExecutionSettings read(ConfigNode n) {
    return new ExecutionSettings(n.choice("venue", VENUES), n.integer("slippageBps"), n.integer("feeBps"),
        n.decimal("minFee"), n.integer("latencyMicros"), n.integer("storageTimeoutMs"), n.bool("logAcks"));
  }
}
