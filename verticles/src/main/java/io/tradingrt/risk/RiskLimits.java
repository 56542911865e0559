package io.tradingrt.risk;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.TradingState;
import io.tradingrt.config.RiskSettings;
import java.util.Objects;

/**
 * Account-wide limits; names match runtime.json's {@code risk} section, except that the verticle converts
 * {@code throttleIntervalMs} to {@link #throttleIntervalMicros} and takes {@code initialCash} from {@code portfolio}.
 * A non-positive money limit or throttle count disables that limit.
 */
public record RiskLimits(Fixed maxOrderNotional, Fixed maxPositionQuantity, Fixed maxGrossExposure,
                         Fixed dailyLossLimit, TradingState dailyLossAction, Fixed maxDrawdown,
                         TradingState maxDrawdownAction, int throttlePerStrategy, int throttleGlobal,
                         long throttleIntervalMicros, Fixed initialCash) {
  public RiskLimits {
    Objects.requireNonNull(maxOrderNotional, "maxOrderNotional");
    Objects.requireNonNull(maxPositionQuantity, "maxPositionQuantity");
    Objects.requireNonNull(maxGrossExposure, "maxGrossExposure");
    Objects.requireNonNull(dailyLossLimit, "dailyLossLimit");
    Objects.requireNonNull(dailyLossAction, "dailyLossAction");
    Objects.requireNonNull(maxDrawdown, "maxDrawdown");
    Objects.requireNonNull(maxDrawdownAction, "maxDrawdownAction");
    Objects.requireNonNull(initialCash, "initialCash");
    if (dailyLossAction == TradingState.ACTIVE || maxDrawdownAction == TradingState.ACTIVE) {
      throw new IllegalArgumentException("a loss limit's action must be REDUCING or HALTED");
    }
    if (throttleIntervalMicros <= 0) {
      throw new IllegalArgumentException("throttleIntervalMicros must be positive, got " + throttleIntervalMicros);
    }
  }

  /** The {@code risk} section with the portfolio's starting cash, as the risk role and a backtest build the engine. */
  public static RiskLimits fromSettings(RiskSettings risk, Fixed initialCash) {
    return new RiskLimits(risk.maxOrderNotional(), risk.maxPositionQuantity(), risk.maxGrossExposure(),
        risk.dailyLossLimit(), risk.dailyLossAction(), risk.maxDrawdown(), risk.maxDrawdownAction(),
        risk.throttlePerStrategy(), risk.throttleGlobal(), risk.throttleIntervalMs() * 1_000, initialCash);
  }
}
