package io.tradingrt.book;

import io.tradingrt.codecs.Fixed;

/**
 * One strategy's share of the account's P&L (or, with a null strategy, the account's total): realized and
 * unrealized as the portfolio computes them, fees paid, net = realized + unrealized − fees, fills, closes (fills or
 * settlements that realized P&L for it), wins (closes that realized more than zero) and wins / closes.
 */
public record StrategyPnl(String strategy, Fixed realizedPnl, Fixed unrealizedPnl, Fixed fees, Fixed netPnl,
                          long trades, long closes, long wins) {

  /** Wins per close, 0 before the first close. */
  public double winRate() {
    return closes == 0 ? 0 : (double) wins / closes;
  }
}
