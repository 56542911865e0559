package io.tradingrt.backtest;

import io.tradingrt.codecs.Fixed;

/**
 * What a trader reads of one scope (the whole account, a strategy, a symbol). Money is exact; ratios are doubles,
 * null where undefined (fewer than two curve returns, no losing fill for the profit factor, a zero span).
 * Sharpe and Sortino use the simple returns between consecutive points of the equity curve, risk-free rate 0,
 * annualised by √(periods per year) with a year of 365 sessions (the paper venue trades every UTC day) and the
 * curve's final interval as the period. Win rate and profit factor count closing fills (fills that reduce a
 * position) by their realized P&L before fees.
 */
public record Figures(String scope, Fixed initialCash, Fixed finalEquity, Fixed netPnl, Fixed realizedPnl,
                      Fixed unrealizedPnl, Fixed fees, Double totalReturn, Double annualizedReturn, Double sharpe,
                      Double sortino, Fixed maxDrawdown, Double maxDrawdownFraction, long maxDrawdownMicros,
                      long fills, long closingFills, Double winRate, Double profitFactor, Fixed turnover,
                      Double exposureFraction, long curveIntervalMicros, int curvePoints) {
  public static final long YEAR_MICROS = 365L * 86_400_000_000L;

  static Figures of(Ledger ledger, Fixed initialCash, long firstMicros, long lastMicros) {
    EquityCurve curve = ledger.curve;
    Fixed equity = ledger.portfolio.equity();
    long span = lastMicros - firstMicros;
    double total = ratio(equity, initialCash) - 1;
    Double annualized = span <= 0 ? null : finite(Math.pow(1 + total, (double) YEAR_MICROS / span) - 1);
    Drawdown drawdown = Drawdown.of(curve);
    double[] ratios = sharpeAndSortino(curve);
    long closing = ledger.closingFills;
    return new Figures(ledger.scope, initialCash, equity, equity.minus(initialCash),
        ledger.portfolio.realizedPnl(), ledger.portfolio.unrealizedPnl(), ledger.portfolio.fees(), total, annualized,
        ratios == null ? null : finite(ratios[0]), ratios == null ? null : finite(ratios[1]), drawdown.money(),
        drawdown.fraction(), drawdown.micros(), ledger.fills, closing,
        closing == 0 ? null : (double) ledger.winningFills / closing,
        ledger.grossLoss.isZero() ? null : ratio(ledger.grossProfit, ledger.grossLoss), ledger.turnover,
        span <= 0 ? null : (double) ledger.exposedMicros(lastMicros) / span, curve.intervalMicros(), curve.size());
  }

  /** [sharpe, sortino] over the curve's returns, or null with fewer than two returns. */
  static double[] sharpeAndSortino(EquityCurve curve) {
    int n = curve.size() - 1;
    if (n < 2) {
      return null;
    }
    double sum = 0;
    double[] returns = new double[n];
    for (int i = 0; i < n; i++) {
      returns[i] = ratio(curve.equity(i + 1), curve.equity(i)) - 1;
      sum += returns[i];
    }
    double mean = sum / n;
    double squares = 0;
    double downside = 0;
    for (double r : returns) {
      squares += (r - mean) * (r - mean);
      downside += r < 0 ? r * r : 0;
    }
    double std = Math.sqrt(squares / (n - 1));
    double downsideDeviation = Math.sqrt(downside / n);
    double annualize = Math.sqrt((double) YEAR_MICROS / curve.intervalMicros());
    return new double[] {std == 0 ? Double.NaN : mean / std * annualize,
        downsideDeviation == 0 ? Double.NaN : mean / downsideDeviation * annualize};
  }

  static double ratio(Fixed a, Fixed b) {
    return a.toBigDecimal().doubleValue() / b.toBigDecimal().doubleValue();
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }

  /** The deepest fall from a running peak of the curve, and the longest time from a peak to the point that regains it (or the
   * curve's end). */
  record Drawdown(Fixed money, Double fraction, long micros) {
    static Drawdown of(EquityCurve curve) {
      if (curve.size() == 0) {
        return new Drawdown(Fixed.ZERO, null, 0);
      }
      Fixed peak = curve.equity(0);
      long peakAt = curve.time(0);
      Fixed worst = Fixed.ZERO;
      Fixed worstPeak = peak;
      long longest = 0;
      boolean below = false;
      for (int i = 1; i < curve.size(); i++) {
        Fixed equity = curve.equity(i);
        if (equity.compareTo(peak) >= 0) {
          if (below) {
            longest = Math.max(longest, curve.time(i) - peakAt);
          }
          below = false;
          peak = equity;
          peakAt = curve.time(i);
        } else {
          below = true;
          if (peak.minus(equity).greaterThan(worst)) {
            worst = peak.minus(equity);
            worstPeak = peak;
          }
        }
      }
      if (below) {
        longest = Math.max(longest, curve.time(curve.size() - 1) - peakAt);
      }
      return new Drawdown(worst, worstPeak.isPositive() ? ratio(worst, worstPeak) : null, longest);
    }
  }
}
