package io.tradingrt.codecs;

import java.util.List;
import java.util.Objects;

/** The account at one instant: equity = cash + Σ quantity·lastPrice; drawdown = peakEquity − equity. */
public record PortfolioSnapshot(long tsMicros, Fixed cash, Fixed equity, Fixed realizedPnl, Fixed unrealizedPnl,
                                Fixed fees, Fixed grossExposure, Fixed netExposure, Fixed peakEquity, Fixed drawdown,
                                List<Position> positions) {
  public PortfolioSnapshot {
    Objects.requireNonNull(cash, "cash");
    Objects.requireNonNull(equity, "equity");
    Objects.requireNonNull(realizedPnl, "realizedPnl");
    Objects.requireNonNull(unrealizedPnl, "unrealizedPnl");
    Objects.requireNonNull(fees, "fees");
    Objects.requireNonNull(grossExposure, "grossExposure");
    Objects.requireNonNull(netExposure, "netExposure");
    Objects.requireNonNull(peakEquity, "peakEquity");
    Objects.requireNonNull(drawdown, "drawdown");
    positions = List.copyOf(positions);
  }
}
