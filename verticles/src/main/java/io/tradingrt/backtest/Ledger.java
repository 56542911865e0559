package io.tradingrt.backtest;

import io.tradingrt.book.Portfolio;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;

import java.util.HashSet;
import java.util.Set;

/**
 * The book of one scope of a run — the whole account, one strategy or one symbol — through the live
 * {@link Portfolio} core, with what the report counts beside it: fills, closing fills and their realized P&L,
 * turnover, and the time a position was open.
 */
final class Ledger {
  final String scope;
  final Portfolio portfolio;
  final EquityCurve curve;
  long fills;
  long closingFills;
  long winningFills;
  Fixed grossProfit = Fixed.ZERO;
  Fixed grossLoss = Fixed.ZERO;
  Fixed turnover = Fixed.ZERO;
  private final Set<String> open = new HashSet<>();
  private long openSince;
  private long exposedMicros;

  Ledger(String scope, Portfolio portfolio, EquityCurve curve) {
    this.scope = scope;
    this.portfolio = portfolio;
    this.curve = curve;
  }

  void onTick(Tick tick) {
    portfolio.onTick(tick);
  }

  /** A fill that reduces a position is a closing fill; its realized P&L (before fees) is a win or a loss. */
  void onFill(Fill fill) {
    Fixed before = portfolio.quantity(fill.symbol());
    Fixed realizedBefore = portfolio.realizedPnl();
    portfolio.onFill(fill);
    fills++;
    turnover = turnover.plus(fill.notional());
    if (before.signum() == -fill.side().sign()) {
      closingFills++;
      Fixed realized = portfolio.realizedPnl().minus(realizedBefore);
      if (realized.isPositive()) {
        winningFills++;
        grossProfit = grossProfit.plus(realized);
      } else if (realized.isNegative()) {
        grossLoss = grossLoss.plus(realized.negate());
      }
    }
    boolean wasOpen = !open.isEmpty();
    if (portfolio.quantity(fill.symbol()).isZero()) {
      open.remove(fill.symbol());
    } else {
      open.add(fill.symbol());
    }
    if (!wasOpen && !open.isEmpty()) {
      openSince = fill.tsMicros();
    } else if (wasOpen && open.isEmpty()) {
      exposedMicros += fill.tsMicros() - openSince;
    }
  }

  /** Microseconds with at least one open position, up to {@code endMicros}. */
  long exposedMicros(long endMicros) {
    return exposedMicros + (open.isEmpty() ? 0 : Math.max(0, endMicros - openSince));
  }
}
