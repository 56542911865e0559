package io.tradingrt.config;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.TradingState;

/** The {@code risk} section: account-wide limits, their actions, throttles, and what a storage fault does. */
public record RiskSettings(Fixed maxOrderNotional, Fixed maxPositionQuantity, Fixed maxGrossExposure,
                           Fixed dailyLossLimit, TradingState dailyLossAction, Fixed maxDrawdown,
                           TradingState maxDrawdownAction, int throttlePerStrategy, int throttleGlobal,
                           long throttleIntervalMs, TradingState storageUnavailableAction, long storageTimeoutMs) {
  public RiskSettings {
    if (storageUnavailableAction == TradingState.ACTIVE) {
      throw new IllegalArgumentException("storageUnavailableAction must be REDUCING or HALTED");
    }
  }

  static RiskSettings read(ConfigNode n) {
    return new RiskSettings(n.decimal("maxOrderNotional"), n.decimal("maxPositionQuantity"),
        n.decimal("maxGrossExposure"), n.decimal("dailyLossLimit"), n.choice("dailyLossAction", TradingState.class),
        n.decimal("maxDrawdown"), n.choice("maxDrawdownAction", TradingState.class), n.int32("throttlePerStrategy"),
        n.int32("throttleGlobal"), n.integer("throttleIntervalMs"),
        n.choice("storageUnavailableAction", TradingState.class), n.integer("storageTimeoutMs"));
  }
}
